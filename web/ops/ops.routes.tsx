import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../deps';
import { access } from '../auth/route-table';
import { formRefusal, statusOf } from '../errors';
import { temporalUiOrigins } from './codec.routes';
import { OpsPage, type TemporalUi } from './ops-page';

/**
 * The operations engineers' home: what needs their attention, with links into the Temporal UI.
 * Referral pages stay closed to them (they hold patient data and ops has no relationship to a
 * referral); a booking reference opens the referral's workflow in the Temporal UI instead.
 */
export function opsRoutes(deps: Pick<AppDeps, 'services' | 'config'>) {
  const { ops } = deps.services;
  const ui = (namespace: string): TemporalUi => {
    const base = `${temporalUiOrigins(deps.config)[0]}/namespaces/${encodeURIComponent(namespace)}`;
    return {
      workflow: (workflowId) => `${base}/workflows/${encodeURIComponent(workflowId)}`,
      schedule: (scheduleId) => `${base}/schedules/${encodeURIComponent(scheduleId)}`,
      referrals: `${base}/workflows?query=${encodeURIComponent("WorkflowType='referral'")}`,
    };
  };
  const page = async (
    c: Context,
    options: { ubrn?: string; errors?: Record<string, string> } = {},
    status: ContentfulStatusCode = 200,
  ) => {
    const overview = await ops.overview(c.get('actor'));
    return c.html(<OpsPage c={c} overview={overview} ui={ui(overview.namespace)} {...options} />, status);
  };

  const app = new Hono();
  app.get('/ops', access('GET /ops'), (c) => page(c));
  app.get('/ops/workflow', access('GET /ops/workflow'), async (c) => {
    const ubrn = c.req.query('ubrn') ?? '';
    try {
      const workflowId = await ops.workflowIdFor(c.get('actor'), ubrn);
      return c.redirect(ui(deps.config.TEMPORAL_NAMESPACE).workflow(workflowId), 303);
    } catch (error) {
      const refusal = formRefusal(error);
      return page(c, { ubrn, errors: refusal.fields }, statusOf(refusal));
    }
  });
  return app;
}
