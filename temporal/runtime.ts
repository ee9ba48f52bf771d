import { DefaultLogger, type LogEntry, Runtime, type RuntimeOptions } from '@temporalio/worker';
import { type Config, loadConfig } from '../config/env';

type RuntimeConfig = Pick<Config, 'METRICS_HOST' | 'TEMPORAL_METRICS_PORT'>;

/**
 * The SDK's log lines as JSON, one per line, like the web server's. Only the SDK's own
 * identifiers are kept from its metadata: a workflow id names a UBRN, and an error's
 * message may quote a payload.
 */
export function jsonRuntimeLogLine(entry: LogEntry): string {
  const meta = entry.meta ?? {};
  const kept = ['namespace', 'taskQueue', 'workflowType', 'activityType', 'attempt'] as const;
  return JSON.stringify({
    time: new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString(),
    level: entry.level.toLowerCase(),
    event: entry.message,
    ...Object.fromEntries(kept.filter((key) => meta[key] !== undefined).map((key) => [key, meta[key]])),
  });
}

/**
 * The runtime's options: WARN and above as JSON lines on stderr (the SDK logs every bundle
 * module at INFO), and the worker's own metrics (task slots, poll and schedule-to-start
 * latencies, sticky cache) on a Prometheus exporter at METRICS_HOST:TEMPORAL_METRICS_PORT when set.
 */
export function temporalRuntimeOptions(config: RuntimeConfig): RuntimeOptions {
  const { METRICS_HOST: host, TEMPORAL_METRICS_PORT: port } = config;
  return {
    logger: new DefaultLogger('WARN', (entry) => process.stderr.write(`${jsonRuntimeLogLine(entry)}\n`)),
    ...(port === undefined
      ? {}
      : {
          telemetryOptions: {
            metrics: {
              // Brackets: an IPv6 host would otherwise run into the port.
              prometheus: { bindAddress: `${host.includes(':') ? `[${host}]` : host}:${port}` },
            },
          },
        }),
  };
}

/** Must run before the first worker is created, once per process. Default: the environment's settings. */
export function installTemporalRuntime(config: RuntimeConfig = loadConfig()) {
  Runtime.install(temporalRuntimeOptions(config));
}
