import type { Actor } from '../../domain/actor';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { CarepathError } from '../../domain/errors';
import { requirePermission } from '../../domain/permissions';
import { recordServiceAudit } from '../../db/directory/service-management';
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
  // Flags or clears, and audits the flag before and after (a flag changes what referrers see).
  async function flag(actor: Actor, serviceId: string | number, note: string | undefined): Promise<void> {
    requirePermission(DIRECTORY_PERMISSIONS, 'manageCapacityAlerts', actor);
    const id = serviceIdOf(serviceId);
    const flagOf = async () => {
      const hotspot = (await providerHotspots(db, actor.orgCode, new Date())).find((h) => h.serviceId === String(id));
      return hotspot?.flaggedByHand ? { flagged: true, note: hotspot.note } : { flagged: false };
    };
    const before = await flagOf();
    if (!(await setCapacityFlag(db, actor.orgCode, id, note))) {
      throw new CarepathError('NOT_FOUND', 'There is no such service of your organisation');
    }
    const action = note === undefined ? 'service.capacity_flag_cleared' : 'service.capacity_flagged';
    await recordServiceAudit(db, actor, action, id, { before, after: await flagOf() });
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
