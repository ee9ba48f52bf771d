import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { defaultPolicy } from '../../domain/policy';
import type { RoleCode } from '../../domain/roles';
import { addLeedsAndManchester, addService } from '../../fixtures/directory';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { directoryService } from './directory.service';

const actor = (role: RoleCode, orgCode: string): Actor => ({ userId: `u-${role}`, displayName: 'Test', role, orgCode });
const definer = actor('B1107', 'RR8');
const providerAdmin = actor('B1120', 'RR8');
const providerClinician = actor('B1110', 'RR8');
const commissioner = actor('B1106', 'QWO');
const otherCommissioner = actor('B1106', 'QOP');
const gp = actor('B1101', 'B86001');

/** A day relative to today (UTC), as a form posts it: rules are in force by today's date, whatever it is. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const MONTH_AGO = day(-30);
// Days, not hours, from today: the rule has ended on any clock, in any time zone.
const ENDED = day(-2);

describe('the directory service', () => {
  let database: TestDatabase;
  // Nothing here reaches Temporal: only cancelling a clinic with bookings does.
  const noTemporal = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] });
  let directory: ReturnType<typeof directoryService>;
  let local: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    await addLeedsAndManchester(database.db);
    directory = directoryService({
      db: database.db,
      temporal: new Client({ connection: noTemporal }),
      taskQueue: 'unused',
      policy: defaultPolicy,
    });
    local = (
      await addService(database.db, { provider_org_code: 'RR8', name: 'Leeds Community Cardiology', national: false })
    ).id;
  });
  afterAll(async () => {
    await noTemporal.close();
    await database?.destroy();
  });

  it('refuses every action to a role its rules table does not name', async () => {
    const refusals: [string, () => Promise<unknown>][] = [
      ['list services', () => directory.listOwnServices(providerAdmin)],
      ['create a service', () => directory.createService(providerAdmin, {})],
      ['add a clinic', () => directory.addClinic(providerAdmin, local, {})],
      ['commission', () => directory.commissioningOfArea(definer)],
      ['add a rule', () => directory.addCommissioningRule(definer, {})],
      ['see capacity', () => directory.capacityOfProvider(gp)],
      ['flag capacity', () => directory.flagCapacity(providerClinician, local, 'Full')],
      ['list clinics', () => directory.servicesWithClinics(providerClinician)],
      ['cancel a clinic', () => directory.cancelClinic(providerClinician, {})],
      ['search', () => directory.search(definer, {})],
      ['find a service to refer to', () => directory.referrableService(providerAdmin, String(local))],
    ];
    for (const [action, attempt] of refusals) {
      await expect(attempt(), action).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    }
  });

  it('lets referrers refer to a local service only while their area commissions it', async () => {
    expect(await directory.referrableService(gp, String(local))).toBeUndefined();
    const ruleId = await directory.addCommissioningRule(commissioner, { serviceId: local, startsOn: MONTH_AGO });
    expect(await directory.referrableService(gp, String(local))).toEqual({
      serviceId: String(local),
      name: 'Leeds Community Cardiology',
      providerOrgCode: 'RR8',
      requestType: 'DBS',
    });
    expect((await directory.commissioningOfArea(commissioner)).rules).toMatchObject([
      { id: ruleId, serviceName: 'Leeds Community Cardiology', startsOn: MONTH_AGO, endsOn: null },
    ]);
    // Another area's commissioner cannot end this area's rule.
    await expect(directory.endCommissioningRule(otherCommissioner, ruleId, ENDED)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await directory.endCommissioningRule(commissioner, ruleId, ENDED);
    expect(await directory.referrableService(gp, String(local))).toBeUndefined();
    expect(await directory.referrableService(gp, 'no-such-id')).toBeUndefined();
  });

  it('refuses a rule that ends before it starts, or for a retired service', async () => {
    const { id: retired } = await addService(database.db, {
      provider_org_code: 'RR8',
      name: 'Retired Cardiology',
      status: 'RETIRED',
      national: false,
    });
    await expect(
      directory.addCommissioningRule(commissioner, {
        serviceId: retired,
        startsOn: '2026-01-01',
        endsOn: '2025-12-01',
      }),
    ).rejects.toMatchObject({ fields: { endsOn: 'The end date must be on or after the start date' } });
    await expect(
      directory.addCommissioningRule(commissioner, { serviceId: retired, startsOn: '2026-01-01' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { serviceId: 'Choose a published service' } });
  });

  it('flags capacity on the provider’s own services only, under pressure unless the note says more', async () => {
    await directory.flagCapacity(providerAdmin, local, '  ');
    const { hotspots } = await directory.capacityOfProvider(providerClinician);
    expect(hotspots.find((h) => h.name === 'Leeds Community Cardiology')).toMatchObject({
      flaggedByHand: true,
      note: 'Under pressure',
    });
    await expect(directory.flagCapacity(actor('B1120', 'RW3'), local, 'Full')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await directory.clearCapacityFlag(definer, local);
    const cleared = (await directory.capacityOfProvider(definer)).hotspots.find((h) => h.serviceId === String(local));
    expect(cleared?.flaggedByHand ?? false).toBe(false);
  });

  it('gives the code lists every specialty drop-down shows', async () => {
    const { specialties, clinicTypes } = await directory.codeLists();
    expect(await directory.specialties()).toEqual(specialties);
    expect(clinicTypes).toContainEqual({ specialtyCode: 'CARDIOLOGY', code: 'ARRHYTHMIA', name: expect.any(String) });
  });
});
