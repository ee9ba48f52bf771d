import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../../db/database';
import { breachedReferrals, outboxHealth, worklistSizes } from '../../db/ops/metrics.repository';
import { WORKLISTS, type WorklistKey } from '../../domain/worklists';

/**
 * What this process measures as it works: one registry per process, as Prometheus expects of
 * a scrape target. Labels are closed sets (route patterns, command names, statuses), never a
 * UBRN or anything typed by a user, so neither cardinality nor personal data can grow.
 */
const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'carepath_' });

// From a cached page (5 ms) to a Workflow Update that waited on a slow activity (10 s).
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const httpRequestDuration = new Histogram({
  name: 'carepath_http_request_duration_seconds',
  help: 'Web requests by route pattern (never the URL, which may hold a UBRN), method and status.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [processRegistry],
});

const updateDuration = new Histogram({
  name: 'carepath_workflow_update_duration_seconds',
  help: 'Workflow Updates sent to referral workflows, by command, until the result came back.',
  labelNames: ['command', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [processRegistry],
});

/** Records one web request; `route` is the matched pattern, such as `/referrals/:ubrn`. */
export function observeHttpRequest(request: { method: string; route: string; status: number; seconds: number }) {
  const { method, route, status, seconds } = request;
  httpRequestDuration.observe({ method, route, status: String(status) }, seconds);
}

/**
 * Times one Workflow Update until its result: `ok`, `refused` (the workflow's guard said no) or
 * `error` (it did not answer: not found, timed out, unreachable).
 */
export async function timeUpdate<T>(command: string, send: () => Promise<T>): Promise<T> {
  const stop = updateDuration.startTimer({ command });
  try {
    const result = await send();
    stop({ outcome: 'ok' });
    return result;
  } catch (error) {
    stop({ outcome: error instanceof WorkflowUpdateFailedError ? 'refused' : 'error' });
    throw error;
  }
}

/** The Prometheus text format's media type, for the scrape response. */
export const METRICS_CONTENT_TYPE = processRegistry.contentType;

/**
 * The scrape: this process's counters and histograms, and the read tables' state counted now
 * (each count bounded, see `METRICS_COUNT_CAP`). Every web server reports the same table
 * counts; aggregate them with `max`, not `sum`.
 */
export async function scrapeMetrics(db: Kysely<Database>): Promise<string> {
  const [worklists, breached, outbox] = await Promise.all([worklistSizes(db), breachedReferrals(db), outboxHealth(db)]);
  const tables = new Registry();
  const worklistGauge = new Gauge({
    name: 'carepath_worklist_size',
    help: 'Referrals on each worklist across all organisations, counted at scrape time (capped).',
    labelNames: ['worklist', 'side'] as const,
    registers: [tables],
  });
  for (const [key, size] of Object.entries(worklists)) {
    worklistGauge.set({ worklist: key, side: WORKLISTS[key as WorklistKey].side }, size);
  }
  new Gauge({
    name: 'carepath_referrals_contact_target_breached',
    help: 'Open referrals whose contact target passed without action.',
    registers: [tables],
  }).set(breached);
  const outboxGauge = new Gauge({
    name: 'carepath_notification_outbox',
    help: 'Notifications waiting to be delivered (pending) or given up on (failed).',
    labelNames: ['status'] as const,
    registers: [tables],
  });
  outboxGauge.set({ status: 'pending' }, outbox.pending);
  outboxGauge.set({ status: 'failed' }, outbox.failed);
  new Gauge({
    name: 'carepath_notification_outbox_oldest_pending_seconds',
    help: 'How long the oldest undelivered notification has waited (0 when none waits).',
    registers: [tables],
  }).set(outbox.oldestPendingSeconds);
  return Registry.merge([processRegistry, tables]).metrics();
}
