import type { Actor } from '../../domain/actor';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { CarepathError } from '../../domain/errors';
import { requirePermission } from '../../domain/permissions';
import { type Hotspot, providerHotspots, setCapacityFlag } from '../../db/directory/capacity';
import { listServices } from '../../db/directory/services.repository';
import type { ServiceDeps } from '../deps';
import { serviceIdOf } from './own-service';
import type { ServiceListing } from './service-definitions';

export type { Hotspot };

/** What an alert flagged without a note tells referrers. */
const DEFAULT_CAPACITY_NOTE = 'Under pressure';

/** Capacity alerts: the provider's services under pressure, and the flags its staff set by hand. */
export function capacityService({ db }: Pick<ServiceDeps, 'db'>) {
  async function flag(actor: Actor, serviceId: string | number, note: string | undefined): Promise<void> {
    requirePermission(DIRECTORY_PERMISSIONS, 'manageCapacityAlerts', actor);
    if (!(await setCapacityFlag(db, actor.orgCode, serviceIdOf(serviceId), note))) {
      throw new CarepathError('NOT_FOUND', 'There is no such service of your organisation');
    }
  }

  return {
    /** The provider's hotspots now, and its published services, any of which may be flagged. */
    async capacityOfProvider(actor: Actor): Promise<{ hotspots: Hotspot[]; publishedServices: ServiceListing[] }> {
      requirePermission(DIRECTORY_PERMISSIONS, 'viewCapacity', actor);
      const [hotspots, publishedServices] = await Promise.all([
        providerHotspots(db, actor.orgCode, new Date()),
        listServices(db, { providerOrgCode: actor.orgCode, statuses: ['PUBLISHED'] }),
      ]);
      return { hotspots, publishedServices };
    },

    /** Flags a service under pressure by hand: referrers see a capacity alert on it when they search. */
    async flagCapacity(actor: Actor, serviceId: string | number, note: string): Promise<void> {
      await flag(actor, serviceId, note.trim() || DEFAULT_CAPACITY_NOTE);
    },

    async clearCapacityFlag(actor: Actor, serviceId: string | number): Promise<void> {
      await flag(actor, serviceId, undefined);
    },
  };
}
