import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * The SDK logs every bundle module at INFO; keep WARN and above. Must run before the
 * first worker is created, once per process.
 */
export function installTemporalRuntime() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
}
