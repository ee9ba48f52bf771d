import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Worker } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { resolveSecrets } from '../config/secrets';
import { CarepathError } from '../domain/errors';
import { replayCodec } from '../services/replay/decode-history';
import { parseHistoryFile } from '../services/replay/history-file';
import { runMain } from '../system/run-main';
import { workflowsPath } from '../system/worker';
import { AesGcmPayloadCodec } from '../temporal/codec';
import { installTemporalRuntime } from '../temporal/runtime';

const USAGE = 'Usage: npm run replay -- <history.json> [more.json ...]';

/**
 * `npm run replay -- history.json`: replays a referral's (or advice conversation's) history
 * with today's workflow code through the SDK's replayer, as CI does with the saved histories.
 * Takes Carepath's export, `temporal workflow show --output json`, or the JSON the Temporal UI
 * downloads (Encoded, Decoded or Readable). Prints PASS or FAIL per file; exits 1 if any history
 * diverges (a change that needs `patched()`), 2 if a file cannot be read. Payloads are opened
 * with this installation's key (PAYLOAD_ENCRYPTION_KEY, or the data directory's secrets file).
 * WORKFLOW_BUNDLE names a prebuilt bundle; otherwise the workflows are bundled first.
 */
runMain(async () => {
  const files = process.argv.slice(2).filter((arg) => arg !== '--');
  if (files.length === 0 || files.some((f) => f.startsWith('-'))) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const payloadKey = resolveSecrets(config).payloadEncryptionKey;
  installTemporalRuntime(config);
  const bundle = process.env.WORKFLOW_BUNDLE;
  let diverged = 0;
  let unreadable = 0;
  for (const path of files) {
    const name = basename(path);
    let file;
    try {
      file = parseHistoryFile(readFileSync(path, 'utf8'));
    } catch (error) {
      unreadable++;
      const why = error instanceof CarepathError ? error.message : `cannot read it (${(error as Error).message})`;
      console.log(`ERROR ${name}: ${why}`);
      continue;
    }
    try {
      await Worker.runReplayHistory(
        {
          ...(bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath }),
          dataConverter: { payloadCodecs: [replayCodec(new AesGcmPayloadCodec(payloadKey))] },
        },
        file.history,
        name,
      );
      console.log(`PASS ${name}: ${file.workflowType} workflow, ${file.eventCount} events replayed deterministically`);
    } catch (error) {
      diverged++;
      const { message } = error as Error;
      // The SDK wraps the core's one readable sentence ("Activity type of scheduled event ...") in a dump.
      const core = /Nondeterminism error: ([^"]+)/.exec(message)?.[1];
      const kind = (error as Error).name === 'DeterminismViolationError' ? 'nondeterministic' : 'did not replay';
      console.log(`FAIL ${name}: ${kind}: ${core ?? message}`);
    }
  }
  console.log(
    diverged + unreadable === 0
      ? `All ${files.length} histories replay with the current workflow code.`
      : `${diverged} of ${files.length} histories did not replay${unreadable ? `, ${unreadable} could not be read` : ''}.`,
  );
  // The SDK's runtime keeps the process alive; the verdict is in.
  process.exit(diverged > 0 ? 1 : unreadable > 0 ? 2 : 0);
});
