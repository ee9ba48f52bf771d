import { createMiddleware } from 'hono/factory';
import { CarepathError } from '../../domain/errors';
import { ROLES, TRAINER_ROLE } from '../../domain/roles';

/**
 * In a live Carepath the Trainer role does not exist (decision 0020): a session that picked it
 * is refused everywhere but the start page and its own account pages (to choose another role
 * or sign out). The words match a role refusal's (`requireRole`).
 */
export const noTrainersOutsideTraining = createMiddleware(async (c, next) => {
  const path = c.req.path;
  if (c.get('actor')?.role === TRAINER_ROLE && path !== '/' && !path.startsWith('/auth/')) {
    throw new CarepathError(
      'NOT_PERMITTED',
      `This page is not available to the ${ROLES[TRAINER_ROLE].name} role: it exists only in a training space.`,
    );
  }
  await next();
});
