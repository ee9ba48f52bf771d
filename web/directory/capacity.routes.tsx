import { Hono } from 'hono';
import { DIRECTORY_PERMISSIONS, type DirectoryAction } from '../../domain/directory/permissions';
import { isPermitted, rolesFor } from '../../domain/permissions';
import { PRIORITY_LABELS } from '../../domain/priorities';
import type { AppDeps } from '../deps';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { Table } from '../components/display';
import { Select } from '../components/fields';
import { Button, TextInput } from '../components/forms';
import { one, readForm } from './form-values';

/** The provider's capacity hotspots; definers and admins flag or clear an alert by hand. */
export function capacityRoutes(deps: AppDeps) {
  const directory = deps.services.directory;
  const providerStaff = requireRole(...rolesFor(DIRECTORY_PERMISSIONS, 'viewCapacity'));
  const flaggers = requireRole(...rolesFor(DIRECTORY_PERMISSIONS, 'manageCapacityAlerts'));
  const app = new Hono();

  app.get('/directory/capacity', providerStaff, async (c) => {
    const actor = c.get('actor');
    const can = (action: DirectoryAction) => isPermitted(DIRECTORY_PERMISSIONS, action, actor.role);
    const { hotspots, publishedServices } = await directory.capacityOfProvider(actor);
    return c.html(
      <StaffLayout c={c} title="Capacity hotspots">
        <h1 class="nhsuk-heading-l">Capacity hotspots</h1>
        <p>Services flagged by hand, or with no free slot a referrer can book at some priority.</p>
        {can('cancelClinic') && (
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
            !h.flaggedByHand ? (
              'Automatic'
            ) : can('manageCapacityAlerts') ? (
              <form method="post" action={`/directory/capacity/${h.serviceId}`} novalidate>
                {csrfField(c)}
                {h.note}
                <Button secondary>Clear flag</Button>
              </form>
            ) : (
              h.note
            ),
          ])}
        />
        {can('manageCapacityAlerts') && (
          <form method="post" action="/directory/capacity" novalidate>
            {csrfField(c)}
            <h2 class="nhsuk-heading-m">Flag a service under pressure</h2>
            <Select
              name="serviceId"
              label="Service"
              options={publishedServices.map((s) => ({ value: String(s.id), text: s.name }))}
            />
            <TextInput name="note" label="What referrers should know" />
            <Button>Flag capacity alert</Button>
          </form>
        )}
      </StaffLayout>,
    );
  });
  app.post('/directory/capacity', flaggers, async (c) => {
    const values = await readForm(c);
    await directory.flagCapacity(c.get('actor'), one(values, 'serviceId'), one(values, 'note'));
    return c.redirect('/directory/capacity', 303);
  });
  app.post('/directory/capacity/:id', flaggers, async (c) => {
    await directory.clearCapacityFlag(c.get('actor'), c.req.param('id'));
    return c.redirect('/directory/capacity', 303);
  });
  return app;
}
