import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import type { ServiceDefinition } from '../../domain/directory/service.schema';
import { CarepathError } from '../../domain/errors';
import type { Executor } from '../../db/executor';
import { findService } from '../../db/directory/service-management';

const serviceIdSchema = z.coerce.number().int().positive();

/** A service id as the web sends it (a path or form value); anything that is not one names no service. */
export function serviceIdOf(value: string | number): number {
  const parsed = serviceIdSchema.safeParse(value);
  if (!parsed.success) throw new CarepathError('NOT_FOUND', 'There is no such service');
  return parsed.data;
}

/**
 * The service, locked for a change by the actor: a service of another provider organisation
 * is refused even when the actor's role allows the change.
 */
export async function lockOwnService(
  db: Executor,
  actor: Actor,
  serviceId: string | number,
): Promise<ServiceDefinition> {
  const service = await findService(db, serviceIdOf(serviceId), { lock: true });
  if (!service) throw new CarepathError('NOT_FOUND', 'There is no such service');
  if (service.providerOrgCode !== actor.orgCode) {
    throw new CarepathError('NO_RELATIONSHIP', 'You can only change services of your own organisation');
  }
  return service;
}
