import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getReferralRow } from '../db/referrals/referrals.repository';
import { actorFor, createInput } from '../domain/fixtures';
import { displayUbrn } from '../domain/ids';
import { defaultPolicy } from '../domain/policy';
import { createReferral } from '../services/referrals/referral-workflows';
import { repoRoot } from '../tests/helpers/processes';
import { type TestSystem, startTestSystem } from '../tests/helpers/system';
import { testSecrets } from '../tests/helpers/temporal';

describe('npm run reconcile', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.stop());

  // Not spawnSync: the worker that runs the reconciliation lives in this process.
  const run = async (...args: string[]) => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: system.target.taskQueue,
      PAYLOAD_ENCRYPTION_KEY: testSecrets.payloadEncryptionKey.toString('base64'),
      SESSION_SECRET: 'x'.repeat(32),
    };
    const options = { cwd: repoRoot, env, encoding: 'utf8' as const, timeout: 60_000 };
    return promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/reconcile.ts', ...args], options).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  };

  it('reports a deleted read row (exit 1, nothing personal), repairs it with --repair, and refuses an unknown option', async () => {
    const { ubrn: _placeholder, ...input } = createInput();
    const options = { taskQueue: system.target.taskQueue };
    const { referral } = await createReferral(
      system.client,
      system.db,
      input,
      actorFor('B1101'),
      defaultPolicy,
      options,
    );
    await system.db.deleteFrom('referrals').where('ubrn', '=', referral.ubrn).execute();

    const report = await run();
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('Checked 1 open referrals: 1 out of step with their workflow.');
    expect(report.stdout).toContain(`${displayUbrn(referral.ubrn)}  missing-row`);
    expect(report.stdout).not.toContain(referral.patient.familyName);
    expect(await getReferralRow(system.db, referral.ubrn)).toBeUndefined();

    const repaired = await run('--repair');
    expect(repaired.stdout).toContain('Repaired 1.');
    expect(repaired.code).toBe(0);
    expect(await getReferralRow(system.db, referral.ubrn)).toMatchObject({ version: 1 });

    const wrong = await run('--repiar');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Unknown option --repiar. Usage: npm run reconcile [-- --repair]');
  });
});
