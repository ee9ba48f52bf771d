import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor } from '../../domain/fixtures';
import { defaultPolicy } from '../../domain/policy';
import type { Referral } from '../../domain/referral';
import { markTrainingSpace } from '../../db/training/training.repository';
import { drivePath } from '../../tests/helpers/referral-paths';
import { type TestSystem, startTestSystem } from '../../tests/helpers/system';
import { parseHistoryFile } from './history-file';

const ops = actorFor('CP0002', 'QMF');
const otherOps = { ...ops, userId: 'another-engineer' };
const trainer = actorFor('CP0003');

describe('the replay service, against Temporal and PostgreSQL', () => {
  let system: TestSystem;
  let referral: Referral;
  let ubrn: string;
  const audit = (action: string) =>
    system.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();
  const patientText = () => [referral.patient.nhsNumber, referral.patient.familyName, referral.patient.dateOfBirth];

  beforeAll(async () => {
    system = await startTestSystem();
    const deps = { client: system.client, db: system.db, taskQueue: system.target.taskQueue, policy: defaultPolicy };
    ({ ubrn } = await drivePath(deps, 'book-accept'));
    referral = (await system.client.workflow.getHandle(`referral-${ubrn}`).query<Referral, []>('projection'))!;
  }, 120_000);
  afterAll(() => system?.stop());

  it('exports a referral’s history as the sealed proto-JSON the Temporal UI downloads, audited', async () => {
    const { fileName, json } = await system.services.replay.exportHistory(ops, ubrn);
    expect(fileName).toBe(`referral-${ubrn}.json`);
    expect(parseHistoryFile(json)).toMatchObject({ workflowType: 'referral', format: 'encoded' });
    for (const secret of patientText()) expect(json).not.toContain(secret);
    expect(await audit('replay.history_exported')).toEqual([
      expect.objectContaining({
        actor_user_id: ops.userId,
        actor_role: 'CP0002',
        subject_type: 'referral',
        subject_id: ubrn,
      }),
    ]);
  });

  it('refuses a booking reference with no workflow, naming the field', async () => {
    await expect(system.services.replay.exportHistory(ops, '999999999999')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      fields: { ubrn: expect.stringContaining('No referral workflow') },
    });
    await expect(system.services.replay.exportHistory(ops, '12')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('shows the patient to an operations engineer, audits each step, and masks on request', async () => {
    const { id, eventCount } = await system.services.replay.openFromTemporal(ops, ubrn);
    const last = await system.services.replay.step(ops, id, eventCount - 1, false);
    expect(last.masked).toBe(false);
    expect(last.step.subject).toMatchObject({ kind: 'referral', referral: { state: 'BOOKED', version: 4 } });
    for (const secret of patientText()) expect(JSON.stringify(last)).toContain(secret);
    expect(await audit('replay.step_viewed')).toEqual([
      expect.objectContaining({ actor_role: 'CP0002', subject_id: ubrn, detail: { event: eventCount } }),
    ]);

    const masked = await system.services.replay.step(ops, id, eventCount - 1, true);
    expect(masked.masked).toBe(true);
    expect(masked.stateLabel).toBe('Booked');
    for (const secret of [...patientText(), ubrn]) expect(JSON.stringify(masked)).not.toContain(secret);
    expect(await audit('replay.step_viewed')).toHaveLength(1);
  });

  it('keeps an opened history to the engineer who opened it', async () => {
    const { id } = await system.services.replay.openFromTemporal(ops, ubrn);
    await expect(system.services.replay.step(otherOps, id, 0, true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows a trainer every case masked, and refuses staff who do not replay', async () => {
    const { json } = await system.services.replay.exportHistory(ops, ubrn);
    const { id, eventCount } = await system.services.replay.openFile(trainer, 'case.json', json);
    const view = await system.services.replay.step(trainer, id, eventCount - 1, false);
    expect(view).toMatchObject({ masked: true, mayUnmask: false, stateLabel: 'Booked' });
    for (const secret of patientText()) expect(JSON.stringify(view)).not.toContain(secret);
    await expect(system.services.replay.openFile(actorFor('B1101'), 'case.json', json)).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    await expect(system.services.replay.exportHistory(trainer, ubrn)).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
  });

  it('masks every case in a training space, even for an operations engineer', async () => {
    const { id } = await system.services.replay.openFromTemporal(ops, ubrn);
    expect(await system.services.replay.mayUnmask(ops)).toBe(true);
    await markTrainingSpace(system.db);
    const view = await system.services.replay.step(ops, id, 30, false);
    expect(view).toMatchObject({ masked: true, mayUnmask: false });
    for (const secret of patientText()) expect(JSON.stringify(view)).not.toContain(secret);
  });
});
