import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFile } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { Connection } from '@temporalio/client';
import { ensureTemporalCli } from '../scripts/temporal-cli';
import { startTemporalDevServer } from '../scripts/temporal-dev-server';
import { onFreePorts } from '../system/ports';
import { workflowsPath } from '../system/worker';
import { ensureSearchAttributes } from '../temporal/search-attributes';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

/**
 * One real Temporal dev server for the whole run (in memory, on a free port, no UI),
 * and one workflow bundle that every suite's worker loads instead of bundling again.
 */
export default async function setup(project: TestProject) {
  const cliPath = await ensureTemporalCli();
  // A port free a moment ago may be bound by another process before the CLI binds it: the dev
  // server then stops saying so, and is started on another port.
  const server = await onFreePorts(1, ([port]) =>
    startTemporalDevServer({ cliPath, port: port!, namespace: 'default' }),
  );
  const connection = await Connection.connect({ address: server.address });
  await ensureSearchAttributes(connection, 'default');
  await connection.close();
  const dir = mkdtempSync(join(tmpdir(), 'carepath-tests-'));
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
  const workflowBundlePath = join(dir, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, bundle.code);
  project.provide('temporalAddress', server.address);
  project.provide('workflowBundlePath', workflowBundlePath);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
