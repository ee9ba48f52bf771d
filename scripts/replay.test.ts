import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { uiDownload } from '../services/replay/ui-download.fixture';
import { repoRoot } from '../tests/helpers/processes';
import { testSecrets } from '../tests/helpers/temporal';

const histories = fileURLToPath(new URL('../tests/replay/histories', import.meta.url));
const saved = readdirSync(histories).filter((f) => f.endsWith('.json'));
const dir = mkdtempSync(join(tmpdir(), 'carepath-replay-'));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));

/** `npm run replay -- files...` as a user runs it, with the tests' payload key and workflow bundle. */
function replayFiles(...files: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/replay.ts', ...files],
      {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          WORKFLOW_BUNDLE: inject('workflowBundlePath'),
          PAYLOAD_ENCRYPTION_KEY: testSecrets.payloadEncryptionKey.toString('base64'),
          SESSION_SECRET: 'x'.repeat(32),
          CAREPATH_DATA_DIR: dir,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
    );
  });
}

describe('npm run replay', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes every saved history, referral and advice alike, and the Temporal UI’s downloads of one', async () => {
    const text = readFileSync(join(histories, 'triage-book-later.json'), 'utf8');
    const downloads = await Promise.all(
      (['decoded', 'readable', 'shorthand'] as const).map(async (flavour) =>
        write(`ui-${flavour}.json`, await uiDownload(text, flavour, testSecrets.payloadEncryptionKey)),
      ),
    );
    const { code, output } = await replayFiles(...saved.map((f) => join(histories, f)), ...downloads);
    for (const file of saved) expect(output).toMatch(new RegExp(`PASS ${file}: (referral|advice) workflow`));
    for (const flavour of ['decoded', 'readable', 'shorthand']) {
      expect(output).toContain(`PASS ui-${flavour}.json: referral workflow`);
    }
    expect(output).toContain(`All ${saved.length + 3} histories replay with the current workflow code.`);
    expect(code, output).toBe(0);
  }, 180_000);

  it('fails, exit 1, on a history the code no longer makes (a tampered activity)', async () => {
    const history = JSON.parse(readFileSync(join(histories, 'book-accept.json'), 'utf8'));
    const scheduled = history.events.find(
      (e: { activityTaskScheduledEventAttributes?: { activityType: { name: string } } }) =>
        e.activityTaskScheduledEventAttributes?.activityType.name === 'reserveSlot',
    );
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'chargeThePatient';
    const tampered = write('tampered.json', JSON.stringify(history));
    const { code, output } = await replayFiles(tampered, join(histories, 'redirect.json'));
    expect(output).toMatch(/FAIL tampered\.json: nondeterministic: .*chargeThePatient/s);
    expect(output).toContain('PASS redirect.json');
    expect(output).toContain('1 of 2 histories did not replay');
    expect(code).toBe(1);
  }, 120_000);

  it('says what is wrong with a file it cannot read, exit 2', async () => {
    const { code, output } = await replayFiles(write('notes.json', 'my notes'), join(dir, 'missing.json'));
    expect(output).toContain('ERROR notes.json: The history file is not JSON');
    expect(output).toMatch(/ERROR missing\.json: cannot read it \(ENOENT/);
    expect(code).toBe(2);
  }, 120_000);
});
