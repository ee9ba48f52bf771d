import { Hono } from 'hono';
import { PRIORITY_LABELS } from '../../domain/priorities';
import { providerHotspots, setCapacityFlag } from '../../db/directory/capacity';
import type { AppDeps } from '../app';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { Table } from '../components/display';
import { Button, TextInput } from '../components/forms';
import { attempt, one, readForm } from './form-values';

const PROVIDER_STAFF = ['B1107', 'B1120', 'B1110', 'B1115'] as const;

/** The provider's capacity hotspots; definers and admins flag or clear an alert by hand. */
export function capacityRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/directory/capacity', requireRole(...PROVIDER_STAFF), async (c) => {
    const { orgCode, role } = c.get('actor');
    const hotspots = await providerHotspots(deps.db, orgCode, new Date());
    const services = await deps.db
      .selectFrom('services')
      .select(['id', 'name'])
      .where('provider_org_code', '=', orgCode)
      .where('status', '=', 'PUBLISHED')
      .orderBy('name')
      .execute();
    return c.html(
      <StaffLayout c={c} title="Capacity hotspots">
        <h1 class="nhsuk-heading-l">Capacity hotspots</h1>
        <p>Services flagged by hand, or with no free slot a referrer can book at some priority.</p>
        {(role === 'B1107' || role === 'B1120') && (
          <p>
            <a href="/directory/clinics/cancel">Cancel a clinic</a>
          </p>
        )}
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
        {(role === 'B1107' || role === 'B1120') && (
          <form method="post" action="/directory/capacity" novalidate>
            {csrfField(c)}
            <h2 class="nhsuk-heading-m">Flag a service under pressure</h2>
            <div class="nhsuk-form-group">
              <label class="nhsuk-label" for="serviceId">
                Service
              </label>
              <select class="nhsuk-select" id="serviceId" name="serviceId">
                {services.map((s) => (
                  <option value={String(s.id)}>{s.name}</option>
                ))}
              </select>
            </div>
            <TextInput name="note" label="What referrers should know" />
            <Button>Flag capacity alert</Button>
          </form>
        )}
      </StaffLayout>,
    );
  });
  app.post('/directory/capacity', requireRole('B1107', 'B1120'), async (c) => {
    const values = await readForm(c);
    const note = one(values, 'note').trim() || 'Under pressure';
    await attempt(() => setCapacityFlag(deps.db, c.get('actor'), Number(one(values, 'serviceId')) || 0, note));
    return c.redirect('/directory/capacity', 303);
  });
  app.post('/directory/capacity/:id', requireRole('B1107', 'B1120'), async (c) => {
    await attempt(() => setCapacityFlag(deps.db, c.get('actor'), Number(c.req.param('id')) || 0, undefined));
    return c.redirect('/directory/capacity', 303);
  });
  return app;
}
