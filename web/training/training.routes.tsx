import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { rolesFor } from '../../domain/permissions';
import { TRAINING_PERMISSIONS } from '../../domain/training/permissions';
import type { AppDeps } from '../deps';
import { requireRole } from '../auth/middleware';
import { formRefusal, statusOf } from '../errors';
import { TrainingPage } from './training-page';

/**
 * The trainer's page (decision 0020), only in a training space (TRAINING=1); the service
 * refuses too unless the database is marked as one.
 * Every control is a POST that redirects back, so the page works without JavaScript.
 */
export function trainingRoutes(deps: Pick<AppDeps, 'services' | 'config'>) {
  const app = new Hono();
  if (!deps.config.TRAINING) return app;
  const { training } = deps.services;
  const trainers = requireRole(...rolesFor(TRAINING_PERMISSIONS, 'playScenarios'));
  const resetters = requireRole(...rolesFor(TRAINING_PERMISSIONS, 'resetTrainingSpace'));

  const page = async (c: Context, errors: Record<string, string> = {}, status: ContentfulStatusCode = 200) => {
    const actor = c.get('actor');
    const [scenarios, run] = await Promise.all([training.scenarios(actor), training.run(actor)]);
    return c.html(<TrainingPage c={c} scenarios={scenarios} run={run} errors={errors} />, status);
  };
  /** Runs a control; a refusal is shown on the page, anything else goes back to it. */
  const control = (act: (c: Context) => Promise<unknown>) => async (c: Context) => {
    try {
      await act(c);
    } catch (error) {
      const refusal = formRefusal(error);
      return page(c, { ...refusal.fields }, statusOf(refusal));
    }
    return c.redirect('/training#run', 303);
  };
  const field = async (c: Context, name: string) => {
    const value = (await c.req.parseBody())[name];
    return typeof value === 'string' ? value : '';
  };

  app.get('/training', trainers, (c) => page(c));
  app.post(
    '/training/start',
    trainers,
    control(async (c) => training.start(c.get('actor'), await field(c, 'scenario'))),
  );
  app.post(
    '/training/next',
    trainers,
    control((c) => training.next(c.get('actor'))),
  );
  app.post(
    '/training/play',
    trainers,
    control((c) => training.play(c.get('actor'))),
  );
  app.post(
    '/training/pause',
    trainers,
    control((c) => training.pause(c.get('actor'))),
  );
  app.post(
    '/training/restart',
    trainers,
    control((c) => training.restart(c.get('actor'))),
  );
  app.post(
    '/training/reset',
    resetters,
    control((c) => training.resetSpace(c.get('actor'))),
  );
  return app;
}
