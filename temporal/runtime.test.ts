import { describe, expect, it } from 'vitest';
import { jsonRuntimeLogLine, temporalRuntimeOptions } from './runtime';

describe('the Temporal runtime', () => {
  it('logs JSON lines without the workflow id, which names a UBRN', () => {
    const line = jsonRuntimeLogLine({
      level: 'WARN',
      message: 'Activity failed',
      timestampNanos: 1_764_612_000_000_000_000n,
      meta: { workflowId: 'referral-123456789012', taskQueue: 'referrals', activityType: 'projectReferral' },
    });
    expect(JSON.parse(line)).toEqual({
      time: '2025-12-01T18:00:00.000Z',
      level: 'warn',
      event: 'Activity failed',
      taskQueue: 'referrals',
      activityType: 'projectReferral',
    });
  });

  it('exports the worker’s metrics to Prometheus only when TEMPORAL_METRICS_PORT is set', () => {
    expect(temporalRuntimeOptions({ METRICS_HOST: '127.0.0.1' }).telemetryOptions).toBeUndefined();
    expect(temporalRuntimeOptions({ METRICS_HOST: '::1', TEMPORAL_METRICS_PORT: 9465 }).telemetryOptions).toEqual({
      metrics: { prometheus: { bindAddress: '[::1]:9465' } },
    });
  });
});
