import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import type { ServiceDefinition } from '../../domain/directory/service.schema';
import { defaultPolicy } from '../../domain/policy';
import type { RoleCode } from '../../domain/roles';
import { auditTrailFor } from '../../db/audit/audit.repository';
import { addLeedsAndManchester, addService } from '../../fixtures/directory';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { changedDefinition } from './directory-audit';
import { directoryService } from './directory.service';

const actor = (role: RoleCode, orgCode: string): Actor => ({ userId: `u-${role}`, displayName: 'Test', role, orgCode });
const definer = actor('B1107', 'RR8');
const providerAdmin = actor('B1120', 'RR8');
const commissioner = actor('B1106', 'QWO');
/** An ISO date `offset` days from today (UTC): no date in these tests is fixed, so none goes stale. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// Issue 11: directory changes are audited with the setting before and after.
describe('directory changes leave an audit row with before and after', () => {
  let database: TestDatabase;
  const noTemporal = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] });
  let directory: ReturnType<typeof directoryService>;
  let service: number;
  const lastAudit = async (action: string) => {
    const rows = await auditTrailFor(database.db, 'service', String(service));
    return rows.filter((r) => r.action === action).at(-1);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await addLeedsAndManchester(database.db);
    directory = directoryService({
      db: database.db,
      temporal: new Client({ connection: noTemporal }),
      taskQueue: 'unused',
      policy: defaultPolicy,
    });
    service = (await addService(database.db, { provider_org_code: 'RR8', name: 'Audited Cardiology', national: false }))
      .id;
  });
  afterAll(async () => {
    await noTemporal.close();
    await database?.destroy();
  });

  it('booking windows', async () => {
    await directory.setBookingWindows(definer, service, { URGENT: '14' });
    await directory.setBookingWindows(definer, service, { URGENT: '7' });
    const row = await lastAudit('service.booking_windows_changed');
    expect(row).toMatchObject({ actor_user_id: definer.userId, actor_role: 'B1107', actor_org: 'RR8' });
    expect(row?.detail).toEqual({
      before: [{ priority: 'URGENT', fromDays: 0, toDays: 14 }],
      after: [{ priority: 'URGENT', fromDays: 0, toDays: 7 }],
    });
  });

  it('clinics (slot templates), without the clinician’s name', async () => {
    const clinic = { weekday: 2, startTime: '09:00', slotMinutes: 20, slotCount: 3, clinician: 'Dr Jones' };
    const published = await directory.addClinic(definer, service, clinic);
    const row = await lastAudit('service.clinic_added');
    expect(row?.detail).toEqual({
      before: [],
      after: [{ weekday: 2, startTime: '09:00', slotMinutes: 20, slotCount: 3 }],
      slotsPublished: published,
    });
    expect(JSON.stringify(row?.detail)).not.toContain('Jones');
  });

  it('capacity flags', async () => {
    await directory.flagCapacity(providerAdmin, service, 'No consultant in March');
    expect((await lastAudit('service.capacity_flagged'))?.detail).toEqual({
      before: { flagged: false },
      after: { flagged: true, note: 'No consultant in March' },
    });
    await directory.clearCapacityFlag(providerAdmin, service);
    expect((await lastAudit('service.capacity_flag_cleared'))?.detail).toEqual({
      before: { flagged: true, note: 'No consultant in March' },
      after: { flagged: false },
    });
  });

  it('commissioning rules, added and ended', async () => {
    const [startsOn, endsOn] = [day(-30), day(150)];
    const ruleId = await directory.addCommissioningRule(commissioner, { serviceId: service, startsOn });
    expect((await lastAudit('commissioning.rule_added'))?.detail).toEqual({
      ruleId,
      area: 'QWO',
      before: null,
      after: { startsOn, endsOn: null },
    });
    await directory.endCommissioningRule(commissioner, ruleId, endsOn);
    expect((await lastAudit('commissioning.rule_ended'))?.detail).toEqual({
      ruleId,
      area: 'QWO',
      before: { startsOn, endsOn: null },
      after: { startsOn, endsOn },
    });
  });

  it('a refused change leaves no row', async () => {
    const before = (await auditTrailFor(database.db, 'service', String(service))).length;
    await expect(directory.setBookingWindows(definer, service, { URGENT: '400' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await auditTrailFor(database.db, 'service', String(service))).toHaveLength(before);
  });

  it('a definition change records each changed field before and after, clinicians only as changed', () => {
    const before = { version: 1, name: 'A', clinicians: ['Dr X'], ageMin: 0 } as unknown as ServiceDefinition;
    const after = { version: 2, name: 'B', clinicians: ['Dr Y'], ageMin: 0 } as unknown as ServiceDefinition;
    expect(changedDefinition(before, after)).toEqual({ name: { before: 'A', after: 'B' }, clinicians: 'changed' });
  });
});
