import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { actorFor, createInput } from '../../domain/fixtures';
import { defaultPolicy } from '../../domain/policy';
import { createReferral } from '../../services/referrals/referral-workflows';
import { referralWorkflowId } from '../../workflows/referral.messages';
import { ensureTemporalCli } from '../../scripts/temporal-cli';
import { type PathName, drivePath } from '../helpers/referral-paths';
import { compressedPolicy } from '../helpers/referrals';
import { spawnScript } from '../helpers/processes';
import { startTestSystem } from '../helpers/system';

const run = promisify(execFile);
const dir = fileURLToPath(new URL('./histories', import.meta.url));
const saved = readdirSync(dir).filter((f) => f.endsWith('.json'));

// Running referrals must survive every workflow code change: replaying these histories with
// today's code fails the build when a change is not patched.
describe('saved referral histories replay with the current workflow code', () => {
  it('has histories to replay', () => {
    expect(saved.length).toBeGreaterThanOrEqual(5);
    expect(saved).toContain('before-0015-e-rs-rules.json');
  });

  it('replays every one of them', async () => {
    const replay = spawnScript('tests/replay/replay-histories.ts', { WORKFLOW_BUNDLE: inject('workflowBundlePath') });
    const code = await replay.exited;
    for (const file of saved) expect(replay.output()).toContain(`replayed ${file}`);
    expect(code, replay.output()).toBe(0);
  }, 60_000);
});

const PATHS_TO_RECORD: PathName[] = [
  'book-accept',
  'triage-book-later',
  'redirect',
  'dna-rebook',
  'change-then-cancel',
];

// `RECORD_HISTORIES=1 npx vitest run tests/replay` records them again (after a deliberate, patched change).
// Files named `before-<decision>-*.json` are never re-recorded: each was saved with the code as it
// stood before that decision changed the workflow, and proves its patch keeps such referrals
// running. `before-0015-e-rs-rules.json` (decision record 0015): a deferral after a lost slot, a
// provider admin's cancellation without a comment, a DNA recorded before its appointment time with
// no reason, a reject and a cancellation with Carepath's old reason codes.
describe.runIf(process.env.RECORD_HISTORIES)('recording histories', () => {
  it('drives representative referrals and saves their histories', async () => {
    const system = await startTestSystem();
    try {
      const deps = { client: system.client, db: system.db, taskQueue: system.target.taskQueue };
      const ubrns: [string, string][] = [];
      for (const path of PATHS_TO_RECORD) {
        ubrns.push([path, (await drivePath({ ...deps, policy: defaultPolicy }, path)).ubrn]);
      }
      const { ubrn: _placeholder, ...input } = createInput();
      const policy = compressedPolicy(200, { ubrnExpiryDays: 10 });
      const { referral } = await createReferral(system.client, system.db, input, actorFor('B1101'), policy, {
        taskQueue: deps.taskQueue,
      });
      await system.client.workflow.getHandle(referralWorkflowId(referral.ubrn)).result();
      ubrns.push(['reminded-then-expired', referral.ubrn]);
      // The CLI writes the standard JSON history format (what the Temporal UI downloads too).
      const cli = await ensureTemporalCli();
      for (const [name, ubrn] of ubrns) {
        const args = ['workflow', 'show', '--workflow-id', referralWorkflowId(ubrn), '--output', 'json'];
        const { stdout } = await run(cli, [...args, '--address', inject('temporalAddress')]);
        writeFileSync(join(dir, `${name}.json`), stdout);
      }
    } finally {
      await system.stop();
    }
  }, 120_000);
});
