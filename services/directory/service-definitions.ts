import type { Actor } from '../../domain/actor';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import {
  type ServiceDefinition,
  type ServiceInput,
  type SlotTemplateInput,
  bookingWindowInputSchema,
  serviceInputSchema,
  slotTemplateInputSchema,
} from '../../domain/directory/service.schema';
import { CarepathError } from '../../domain/errors';
import { requirePermission } from '../../domain/permissions';
import type { Priority } from '../../domain/priorities';
import type { Executor } from '../../db/executor';
import {
  bookingWindowsOf,
  findService,
  insertService,
  isClinicTypeOf,
  isServiceNameTaken,
  publishVersion,
  recordServiceAudit,
  setServiceStatus,
  specialtyName,
  updateServiceDefinition,
  upsertBookingWindow,
} from '../../db/directory/service-management';
import { listServices } from '../../db/directory/services.repository';
import { generateSlots, insertSlotTemplate, slotTemplatesOf } from '../../db/directory/slot-generation';
import { slotCountsOf } from '../../db/directory/slots.repository';
import type { ServiceDeps } from '../deps';
import { changedDefinition, clinicShape } from './directory-audit';
import { lockOwnService, serviceIdOf } from './own-service';

/** A service as lists and drop-downs show it. */
export type ServiceListing = Awaited<ReturnType<typeof listServices>>[number];

/** A service of the definer's organisation, with what its page shows beside the definition. */
export type ServiceDetails = {
  service: ServiceDefinition;
  clinics: SlotTemplateInput[];
  bookingWindows: Awaited<ReturnType<typeof bookingWindowsOf>>;
  slotCounts: Awaited<ReturnType<typeof slotCountsOf>>;
};

const definitionRefused = (fields: Record<string, string>) =>
  new CarepathError('VALIDATION', 'Check the service details', fields);

/** The definition as entered, checked against the code lists and the names already taken. */
async function validDefinition(db: Executor, raw: unknown, serviceId?: number): Promise<ServiceInput> {
  const parsed = serviceInputSchema.safeParse(raw);
  if (!parsed.success) throw CarepathError.fromIssues('Check the service details', parsed.error.issues);
  const input = parsed.data;
  const specialty = await specialtyName(db, input.specialtyCode);
  if (specialty === undefined) throw definitionRefused({ specialtyCode: 'Choose a specialty from the list' });
  if (input.clinicTypeCode && !(await isClinicTypeOf(db, input.specialtyCode, input.clinicTypeCode))) {
    // A form without JavaScript lists every specialty's clinic types, so say which ones fit.
    throw definitionRefused({
      clinicTypeCode: `Clinic type must be one of the ${specialty} clinic types, or leave it empty`,
    });
  }
  if (await isServiceNameTaken(db, input.name, serviceId)) {
    throw definitionRefused({ name: 'A service with this name already exists' });
  }
  return input;
}

/** Service definers build, publish and retire their organisation's services, clinics and booking windows. */
export function serviceDefinitionService({ db }: Pick<ServiceDeps, 'db'>) {
  const mayManage = (actor: Actor) => requirePermission(DIRECTORY_PERMISSIONS, 'manageServices', actor);

  /** The actor's service to show; another organisation's is not found, so its existence is not given away. */
  async function ownService(actor: Actor, serviceId: string | number): Promise<ServiceDefinition> {
    mayManage(actor);
    const service = await findService(db, serviceIdOf(serviceId));
    if (!service || service.providerOrgCode !== actor.orgCode) {
      throw new CarepathError('NOT_FOUND', 'There is no such service in your organisation.');
    }
    return service;
  }

  return {
    ownService,

    async listOwnServices(actor: Actor): Promise<ServiceListing[]> {
      mayManage(actor);
      return listServices(db, { providerOrgCode: actor.orgCode });
    },

    async serviceDetails(actor: Actor, serviceId: string | number): Promise<ServiceDetails> {
      const service = await ownService(actor, serviceId);
      const [clinics, bookingWindows, slotCounts] = await Promise.all([
        slotTemplatesOf(db, service.id),
        bookingWindowsOf(db, service.id),
        slotCountsOf(db, service.id),
      ]);
      return { service, clinics, bookingWindows, slotCounts };
    },

    /** Creates a draft service of the definer's organisation. Returns its id. */
    async createService(actor: Actor, raw: unknown): Promise<number> {
      mayManage(actor);
      return db.transaction().execute(async (trx) => {
        const id = await insertService(trx, actor.orgCode, await validDefinition(trx, raw));
        await recordServiceAudit(trx, actor, 'service.created', id);
        return id;
      });
    },

    /**
     * Saves a new definition. A draft stays a draft; a published service publishes the change
     * as a new version at once, so referrers never see an unpublished edit and history is kept.
     */
    async updateService(actor: Actor, serviceId: string | number, raw: unknown): Promise<void> {
      mayManage(actor);
      await db.transaction().execute(async (trx) => {
        const service = await lockOwnService(trx, actor, serviceId);
        if (service.status === 'RETIRED') {
          throw new CarepathError('INVALID_REQUEST_STATE', 'A retired service cannot be changed');
        }
        await updateServiceDefinition(trx, service.id, await validDefinition(trx, raw, service.id));
        if (service.status === 'PUBLISHED') await publishVersion(trx, actor, service.id);
        const after = await findService(trx, service.id);
        await recordServiceAudit(trx, actor, 'service.updated', service.id, {
          changes: after ? changedDefinition(service, after) : {},
        });
      });
    },

    /** Publishes a draft as version 1: referrers can find it from now on. */
    async publishService(actor: Actor, serviceId: string | number): Promise<void> {
      mayManage(actor);
      await db.transaction().execute(async (trx) => {
        const service = await lockOwnService(trx, actor, serviceId);
        if (service.status !== 'DRAFT') {
          throw new CarepathError('INVALID_REQUEST_STATE', 'Only a draft service can be published');
        }
        await setServiceStatus(trx, service.id, 'PUBLISHED');
        await publishVersion(trx, actor, service.id);
      });
    },

    /** Retires a service: it leaves search; its history and booked slots stay. */
    async retireService(actor: Actor, serviceId: string | number): Promise<void> {
      mayManage(actor);
      await db.transaction().execute(async (trx) => {
        const service = await lockOwnService(trx, actor, serviceId);
        if (service.status === 'RETIRED') {
          throw new CarepathError('INVALID_REQUEST_STATE', 'The service is already retired');
        }
        await setServiceStatus(trx, service.id, 'RETIRED');
        await recordServiceAudit(trx, actor, 'service.retired', service.id);
      });
    },

    /**
     * Sets, for each priority given, the last day (counted from today) referrers may book;
     * booking opens today. Saves all or, when any is refused, none.
     */
    async setBookingWindows(
      actor: Actor,
      serviceId: string | number,
      lastDays: Partial<Record<Priority, string>>,
    ): Promise<void> {
      mayManage(actor);
      await db.transaction().execute(async (trx) => {
        const service = await lockOwnService(trx, actor, serviceId);
        const windows: [Priority, { fromDays: number; toDays: number }][] = [];
        const refused: Record<string, string> = {};
        for (const [priority, toDays] of Object.entries(lastDays) as [Priority, string][]) {
          const parsed = bookingWindowInputSchema.safeParse({ fromDays: 0, toDays });
          if (parsed.success) windows.push([priority, parsed.data]);
          else refused[priority] = parsed.error.issues[0]!.message;
        }
        if (Object.keys(refused).length > 0) throw new CarepathError('VALIDATION', 'Check the booking window', refused);
        const before = await bookingWindowsOf(trx, service.id);
        for (const [priority, window] of windows) await upsertBookingWindow(trx, service.id, priority, window);
        await recordServiceAudit(trx, actor, 'service.booking_windows_changed', service.id, {
          before,
          after: await bookingWindowsOf(trx, service.id),
        });
      });
    },

    /** Adds a weekly clinic to a directly bookable service and publishes its slots. Returns how many. */
    async addClinic(actor: Actor, serviceId: string | number, raw: unknown): Promise<number> {
      requirePermission(DIRECTORY_PERMISSIONS, 'generateSlots', actor);
      return db.transaction().execute(async (trx) => {
        const service = await lockOwnService(trx, actor, serviceId);
        if (!service.requestTypes.includes('DBS')) {
          throw new CarepathError('INVALID_REQUEST_STATE', 'Only a directly bookable service has slots');
        }
        const parsed = slotTemplateInputSchema.safeParse(raw);
        if (!parsed.success) throw CarepathError.fromIssues('Check the clinic details', parsed.error.issues);
        const before = await slotTemplatesOf(trx, service.id);
        await insertSlotTemplate(trx, service.id, parsed.data);
        const published = await generateSlots(trx, { serviceId: service.id, now: new Date() });
        await recordServiceAudit(trx, actor, 'service.clinic_added', service.id, {
          before: before.map(clinicShape),
          after: (await slotTemplatesOf(trx, service.id)).map(clinicShape),
          slotsPublished: published,
        });
        return published;
      });
    },
  };
}
