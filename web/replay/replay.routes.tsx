import { Hono, type Context } from 'hono';
import { CarepathError } from '../../domain/errors';
import { isPermitted, rolesFor } from '../../domain/permissions';
import { REPLAY_PERMISSIONS } from '../../domain/replay/permissions';
import { requireRole } from '../auth/middleware';
import type { AppDeps } from '../deps';
import { formRefusal, statusOf } from '../errors';
import { ReplayStartPage, ReplayStepPage, ReplayStepPanel } from './replay-pages';

type Body = { history?: unknown; ubrn?: unknown };

/**
 * Replaying workflow histories (decision record 0021): upload a history file, or open or
 * download a referral's from Temporal by its booking reference, then walk it event by event.
 * Next and previous swap the step panel with htmx and work as plain links without it.
 */
export function replayRoutes(deps: Pick<AppDeps, 'services'>) {
  const { replay } = deps.services;
  const replayers = requireRole(...rolesFor(REPLAY_PERMISSIONS, 'replayHistory'));
  const exporters = requireRole(...rolesFor(REPLAY_PERMISSIONS, 'exportHistory'));
  const mayFetch = (c: Context) => isPermitted(REPLAY_PERMISSIONS, 'exportHistory', c.get('actor').role);

  const start = (c: Context, error?: unknown, ubrn?: string) => {
    if (error === undefined) return c.html(<ReplayStartPage c={c} mayFetch={mayFetch(c)} />);
    const refusal = formRefusal(error);
    return c.html(
      <ReplayStartPage c={c} mayFetch={mayFetch(c)} errors={{ ...refusal.fields }} ubrn={ubrn} />,
      statusOf(refusal),
    );
  };
  const opened = (c: Context, id: string) => c.redirect(`/replay/${id}/events/1`, 303);

  const app = new Hono();
  app.get('/replay', replayers, (c) => start(c));

  app.post('/replay/upload', replayers, async (c) => {
    const { history } = (await c.req.parseBody()) as Body;
    if (!(history instanceof File) || history.size === 0) {
      return start(c, CarepathError.forField('VALIDATION', 'Choose a history file to open', 'history'));
    }
    try {
      return opened(c, (await replay.openFile(c.get('actor'), history.name, await history.text())).id);
    } catch (error) {
      return start(c, error);
    }
  });

  app.post('/replay/fetch', exporters, async (c) => {
    const ubrn = String(((await c.req.parseBody()) as Body).ubrn ?? '');
    try {
      return opened(c, (await replay.openFromTemporal(c.get('actor'), ubrn)).id);
    } catch (error) {
      return start(c, error, ubrn);
    }
  });

  app.post('/replay/export', exporters, async (c) => {
    const ubrn = String(((await c.req.parseBody()) as Body).ubrn ?? '');
    try {
      const { fileName, json } = await replay.exportHistory(c.get('actor'), ubrn);
      return c.body(json, 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'no-store',
      });
    } catch (error) {
      return start(c, error, ubrn);
    }
  });

  app.get('/replay/:id/events/:n', replayers, async (c) => {
    const view = await replay.step(
      c.get('actor'),
      c.req.param('id'),
      Number(c.req.param('n')) - 1,
      c.req.query('masked') === '1',
    );
    c.header('Cache-Control', 'no-store');
    if (c.req.header('HX-Request')) return c.html(<ReplayStepPanel view={view} />);
    return c.html(<ReplayStepPage c={c} view={view} />);
  });
  return app;
}
