/**
 * Replays every saved referral history with the current workflow bundle; exits 1 if any
 * diverges. Run by tests/replay/replay.test.ts in its own process (the SDK's worker runtime
 * and the JSON conversion below are happier outside vitest's module loader).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../../temporal/connection';
import { installTemporalRuntime } from '../../temporal/runtime';
import { testSecrets } from '../helpers/temporal';

// The SDK's historyFromJSON fails here ("type must be a Type"): npm installed two copies of
// protobufjs, and @temporalio/common's copy does not recognise @temporalio/proto's types. Parse
// with the copy that @temporalio/proto itself uses.
const requireHere = createRequire(import.meta.url);
const requireFromProto = createRequire(requireHere.resolve('@temporalio/proto'));
const { fromJson } = requireFromProto('protobufjs/ext/protojson') as {
  fromJson: (type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }) => unknown;
};
const { patchProtobufRoot } = requireHere('@temporalio/proto/lib/patch-protobuf-root') as {
  patchProtobufRoot: (root: unknown) => { lookupType(name: string): unknown };
};
const historyType = patchProtobufRoot(requireHere('@temporalio/proto')).lookupType('temporal.api.history.v1.History');

const dir = fileURLToPath(new URL('./histories', import.meta.url));
const codePath = process.env.WORKFLOW_BUNDLE;
if (!codePath) throw new Error('WORKFLOW_BUNDLE is required');

installTemporalRuntime();
let failed = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const history = fromJson(historyType, JSON.parse(readFileSync(join(dir, file), 'utf8')), {
    ignoreUnknownFields: true,
  });
  try {
    await Worker.runReplayHistory(
      { workflowBundle: { codePath }, dataConverter: dataConverter(testSecrets) },
      history,
      file,
    );
    console.log(`replayed ${file}`);
  } catch (error) {
    failed++;
    console.log(`FAILED ${file}: ${(error as Error).message}`);
  }
}
console.log(failed ? `${failed} histories did not replay` : 'all histories replayed');
process.exit(failed ? 1 : 0);
