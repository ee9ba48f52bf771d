import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { defaultPolicy } from '../../domain/policy';
import { auditTrailFor } from '../../db/audit/audit.repository';
import { providerHotspots } from '../../db/directory/capacity';
import { generateSlots, insertSlotTemplate } from '../../db/directory/slot-generation';
import { reserveSlot } from '../../db/directory/slots.repository';
import { addLeedsAndManchester, addService } from '../../fixtures/directory';
import { connectClient } from '../../temporal/connection';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { testSecrets } from '../../tests/helpers/temporal';
import { reportingOutages } from '../infrastructure';
import { directoryService } from './directory.service';

const definer: Actor = { userId: 'u-def', displayName: 'Dee Finer', role: 'B1107', orgCode: 'RR8' };
const otherDefiner: Actor = { ...definer, userId: 'u-other', orgCode: 'RW3' };
const providerAdmin: Actor = { ...definer, userId: 'u-admin', role: 'B1120' };
const NOW = new Date('2026-06-01T08:00:00Z');

describe('cancelling a clinic', () => {
  let database: TestDatabase;
  let temporal: Awaited<ReturnType<typeof connectClient>>;
  // Nothing listens on port 1, and without the client's retries a call fails at once.
  const unreachable = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] });
  let directory: ReturnType<typeof directoryService>;
  let directoryInOutage: ReturnType<typeof directoryService>;

  beforeAll(async () => {
    database = await createTestDatabase();
    await addLeedsAndManchester(database.db);
    temporal = await connectClient(
      { address: inject('temporalAddress'), namespace: 'default', taskQueue: 'directory-tests' },
      testSecrets,
    );
    const deps = { db: database.db, taskQueue: 'directory-tests', policy: defaultPolicy };
    directory = directoryService({ ...deps, temporal: temporal.client });
    directoryInOutage = reportingOutages({
      directory: directoryService({ ...deps, temporal: new Client({ connection: unreachable }) }),
    }).directory;
  });
  afterAll(async () => {
    await unreachable.close();
    await temporal?.connection.close();
    await database?.destroy();
  });

  /** A published service with a Tuesday clinic of three 30-minute slots from 14:00, for the next two weeks. */
  async function serviceWithClinics(name: string) {
    const { id } = await addService(database.db, { provider_org_code: 'RR8', name, polling_range_days: 14 });
    await insertSlotTemplate(database.db, id, {
      weekday: 2,
      startTime: '14:00',
      slotMinutes: 30,
      slotCount: 3,
      clinician: 'Dr Lee',
    });
    await generateSlots(database.db, { serviceId: id, now: NOW });
    const tuesday = await database.db
      .selectFrom('slots')
      .select('id')
      .where('service_id', '=', id)
      .orderBy('start_at')
      .limit(3)
      .execute();
    return { id, tuesday };
  }

  const statusesOf = async (slots: { id: number }[]) =>
    (
      await database.db
        .selectFrom('slots')
        .select('status')
        .where(
          'id',
          'in',
          slots.map((s) => s.id),
        )
        .execute()
    ).map((s) => s.status);

  it('cancels a clinic and returns the bookings that lost their appointment', async () => {
    const { id, tuesday } = await serviceWithClinics('Cancelled clinic');
    await reserveSlot(database.db, { slotId: tuesday[1]!.id, serviceId: id, now: NOW, ubrn: '000000001234' });
    // A definer may not cancel appointments: the bookings need a provider admin.
    await expect(directory.cancelClinic(definer, { serviceId: id, date: '2026-06-02' })).rejects.toThrow(
      /1 appointments are booked in this clinic/,
    );
    const { cancelled, unfinished } = await directory.cancelClinic(providerAdmin, {
      serviceId: id,
      date: '2026-06-02',
    });
    expect(cancelled).toEqual([
      { ubrn: '000000001234', slotId: String(tuesday[1]!.id), startAt: new Date('2026-06-02T13:30:00Z') },
    ]);
    // No referral workflow holds this booking, so the workflow refuses: the admin is told, and the audit says so.
    expect(unfinished).toEqual(['000000001234']);
    const audit = await auditTrailFor(database.db, 'service', String(id));
    expect(audit.find((e) => e.action === 'clinic.cancellation_incomplete')?.detail).toEqual({
      ubrns: ['000000001234'],
    });
    expect(await statusesOf(tuesday)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    await expect(directory.cancelClinic(otherDefiner, { serviceId: id, date: '2026-06-09' })).rejects.toMatchObject({
      code: 'NO_RELATIONSHIP',
    });

    const hotspots = await providerHotspots(database.db, 'RR8', NOW);
    expect(hotspots.find((h) => h.name === 'Cancelled clinic')).toBeUndefined();
    await directory.flagCapacity(definer, id, 'Consultant on leave');
    expect((await providerHotspots(database.db, 'RR8', NOW)).find((h) => h.name === 'Cancelled clinic')).toEqual({
      serviceId: String(id),
      name: 'Cancelled clinic',
      flaggedByHand: true,
      note: 'Consultant on leave',
      prioritiesWithoutCapacity: [],
    });
    // Four weeks on the polling range has run out: no capacity at any priority.
    const later = await providerHotspots(database.db, 'RR8', new Date('2026-07-01T08:00:00Z'));
    expect(later.find((h) => h.name === 'Cancelled clinic')?.prioritiesWithoutCapacity).toEqual([
      'TWO_WEEK_WAIT',
      'URGENT',
      'ROUTINE',
    ]);
  });

  it('reports a Temporal outage as unavailable, not refused, and audits the bookings left to move', async () => {
    const { id, tuesday } = await serviceWithClinics('Clinic in an outage');
    await reserveSlot(database.db, { slotId: tuesday[0]!.id, serviceId: id, now: NOW, ubrn: '000000005678' });
    await reserveSlot(database.db, { slotId: tuesday[2]!.id, serviceId: id, now: NOW, ubrn: '000000005679' });
    await expect(
      directoryInOutage.cancelClinic(providerAdmin, { serviceId: id, date: '2026-06-02' }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('cannot reach Temporal') });
    // The slots are cancelled (that committed first); the referrals still need moving.
    expect(await statusesOf(tuesday)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const audit = await auditTrailFor(database.db, 'service', String(id));
    expect(audit.find((e) => e.action === 'clinic.cancellation_incomplete')?.detail).toEqual({
      ubrns: ['000000005678', '000000005679'],
    });
  });
});
