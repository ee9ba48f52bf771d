import vm from 'node:vm';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowsPath } from '../system/worker';

// The workflow types Carepath's clients start, by the names they use: referral
// (services/referrals/referral-workflows.ts), advice (services/advice/advice-workflows.ts),
// cleanUp (temporal/clean-up-schedule.ts), reconcile (services/ops/reconcile.ts),
// slotRollForward (temporal/nightly-schedule.ts) and rebuildReports (temporal/reports-schedule.ts). A worker finds a workflow only by its exported name.
const STARTED_BY_CLIENTS = ['advice', 'cleanUp', 'rebuildReports', 'reconcile', 'referral', 'slotRollForward'];

// The workflow bundle may only hold deterministic code: a Node built-in or I/O module pulled in
// through an import fails bundling here, before any worker meets it.
describe('the workflow bundle', () => {
  it('builds from workflows/index.ts and, loaded as the worker loads it, exports every workflow clients start', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath,
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    });
    // Evaluated in a bare V8 context, as the worker's sandbox does (it provides the module cache).
    const context = vm.createContext({ __webpack_module_cache__: {} });
    vm.runInContext(code, context);
    const temporal = (context as { __TEMPORAL__?: { importWorkflows(): Promise<Record<string, unknown>> } })
      .__TEMPORAL__;
    const workflows = await temporal!.importWorkflows();
    const exported = Object.keys(workflows).filter((name) => typeof workflows[name] === 'function');
    expect(exported).toEqual(expect.arrayContaining(STARTED_BY_CLIENTS));
  }, 60_000);
});
