import type { Actor } from '../../domain/actor';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import type { ServiceDefinition } from '../../domain/directory/service.schema';
import { CarepathError } from '../../domain/errors';
import { requirePermission } from '../../domain/permissions';
import { isVisibleToReferrer } from '../../db/directory/commissioning';
import { londonDate } from '../../db/directory/search';
import { findService } from '../../db/directory/service-management';
import { clinicTypes, specialties } from '../../db/directory/services.repository';
import { findOrganisation } from '../../db/identity/organisations.repository';
import { earliestFreeSlots } from '../../db/referrals/booking.repository';
import type { ServiceDeps } from '../deps';

/** A service as a referrer choosing it reads it: where, who, what to know first, how long the wait. */
export type ServiceAbout = {
  service: ServiceDefinition;
  providerName: string;
  specialtyName: string;
  clinicTypeName: string | undefined;
  /** The earliest slot a referrer could book at routine priority, if any. */
  earliestRoutineSlot: string | undefined;
};

/** The service details page of every search result (issue 10). */
export function serviceAboutService({ db }: Pick<ServiceDeps, 'db'>) {
  return {
    /** A published service this referrer's organisation may refer to; NOT_FOUND for any other. */
    async serviceAbout(actor: Actor, serviceId: string): Promise<ServiceAbout> {
      requirePermission(DIRECTORY_PERMISSIONS, 'search', actor);
      const id = Number(serviceId);
      const service = /^\d{1,9}$/.test(serviceId) ? await findService(db, id) : undefined;
      const visible =
        service?.status === 'PUBLISHED' && (await isVisibleToReferrer(db, actor.orgCode, id, londonDate(new Date())));
      if (!service || !visible) throw new CarepathError('NOT_FOUND', 'There is no such service available to you.');
      const [provider, specialtyList, clinicTypeList, slots] = await Promise.all([
        findOrganisation(db, service.providerOrgCode),
        specialties(db),
        clinicTypes(db),
        service.requestTypes.includes('DBS')
          ? earliestFreeSlots(db, id, { priority: 'ROUTINE', referrer: true, now: new Date(), limit: 1 })
          : [],
      ]);
      return {
        service,
        providerName: provider?.name ?? service.providerOrgCode,
        specialtyName: specialtyList.find((s) => s.code === service.specialtyCode)?.name ?? service.specialtyCode,
        clinicTypeName: clinicTypeList.find(
          (t) => t.specialtyCode === service.specialtyCode && t.code === service.clinicTypeCode,
        )?.name,
        earliestRoutineSlot: slots[0]?.start,
      };
    },
  };
}
