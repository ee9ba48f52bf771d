import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, inject, it } from 'vitest';
import { addAdviceService, driveAdvicePath } from '../fixtures/advice';
import { addUser } from '../fixtures/identity';
import { ensureTemporalCli } from '../scripts/temporal-cli';
import { startTestSystem } from '../tests/helpers/system';
import { adviceWorkflowId } from './advice.messages';

const run = promisify(execFile);
const dir = fileURLToPath(new URL('../tests/replay/histories', import.meta.url));

// Saved advice histories are replayed with every other saved history by tests/replay (a change
// to the advice workflow that breaks running conversations fails the build). After a deliberate,
// patched change: `RECORD_ADVICE_HISTORIES=1 npx vitest run workflows/advice.replay-record.test.ts`.
describe.runIf(process.env.RECORD_ADVICE_HISTORIES)('recording advice histories', () => {
  it('drives representative conversations and saves their histories', async () => {
    const system = await startTestSystem();
    try {
      const referrer = await addUser(system.db, { orgCode: 'A81001', role: 'B1101' });
      const provider = await addUser(system.db, { orgCode: 'RXX', role: 'B1110' });
      const serviceId = (await addAdviceService(system.db, { provider_org_code: 'RXX' })).id;
      const advice = system.services.advice;
      const talked = await driveAdvicePath(advice, { referrer, provider }, serviceId, 'more-information-then-answered');
      await advice.act(
        referrer,
        talked.ubrn,
        { type: 'CLOSE', expectedVersion: talked.version, note: 'Thank you' },
        [],
      );
      const cancelled = await driveAdvicePath(advice, { referrer, provider }, serviceId, 'cancelled');
      const converted = await driveAdvicePath(advice, { referrer, provider }, serviceId, 'converted-by-provider');
      const cli = await ensureTemporalCli();
      for (const [name, ubrn] of [
        ['advice-more-information-closed', talked.ubrn],
        ['advice-cancelled', cancelled.ubrn],
        ['advice-converted-by-provider', converted.ubrn],
      ] as const) {
        const args = ['workflow', 'show', '--workflow-id', adviceWorkflowId(ubrn), '--output', 'json'];
        const { stdout } = await run(cli, [...args, '--address', inject('temporalAddress')]);
        writeFileSync(join(dir, `${name}.json`), stdout);
      }
    } finally {
      await system.stop();
    }
  }, 180_000);
});
