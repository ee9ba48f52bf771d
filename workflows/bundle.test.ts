import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowsPath } from '../system/worker';

// The workflow bundle may only hold deterministic code: a Node built-in or I/O module pulled in
// through an import fails bundling here, before any worker meets it.
describe('the workflow bundle', () => {
  it('builds from workflows/index.ts and exports the referral workflow', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath,
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    });
    expect(code).toContain('referral');
    expect(code.length).toBeGreaterThan(10_000);
  }, 60_000);
});
