import { Hono } from 'hono';
import { PRIORITY_LABELS } from '../../domain/priorities';
import { providerHotspots, setCapacityFlag } from '../../db/directory/capacity';
import type { AppDeps } from '../app';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { Table } from '../components/display';
import { Button } from '../components/forms';
import { attempt, one, readForm } from './form-values';

const PROVIDER_STAFF = ['B1107', 'B1120', 'B1110', 'B1115'] as const;

/** The provider's capacity hotspots; definers and admins flag or clear an alert by hand. */
export function capacityRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/directory/capacity', requireRole(...PROVIDER_STAFF), async (c) => {
    const hotspots = await providerHotspots(deps.db, c.get('actor').orgCode, new Date());
    return c.html(
      <StaffLayout c={c} title="Capacity hotspots">
        <h1 class="nhsuk-heading-l">Capacity hotspots</h1>
        <p>Services flagged by hand, or with no free slot a referrer can book at some priority.</p>
        <Table
          caption="Services under pressure"
          headings={['Service', 'No capacity at', 'Flag']}
          rows={hotspots.map((h) => [
            h.name,
            h.prioritiesWithoutCapacity.map((p) => PRIORITY_LABELS[p]).join(', ') || '-',
            h.flaggedByHand ? (
              <form method="post" action={`/directory/capacity/${h.serviceId}`} novalidate>
                {csrfField(c)}
                {h.note}
                <Button secondary>Clear flag</Button>
              </form>
            ) : (
              'Automatic'
            ),
          ])}
        />
      </StaffLayout>,
    );
  });
  app.post('/directory/capacity/:id', requireRole('B1107', 'B1120'), async (c) => {
    const note = one(await readForm(c), 'note').trim();
    await attempt(() => setCapacityFlag(deps.db, c.get('actor'), Number(c.req.param('id')) || 0, note || undefined));
    return c.redirect('/directory/capacity', 303);
  });
  return app;
}
