import { Hono, type Context } from 'hono';
import { addCommissioningRule, commissioningRulesOfArea, endCommissioningRule } from '../../db/directory/commissioning';
import type { AppDeps } from '../app';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { Table } from '../components/display';
import { Button, ErrorSummary, TextInput, type FieldErrors } from '../components/forms';
import { attempt, one, readForm, type FormValues } from './form-values';

/** Commissioners (B1106): the rules that make local services visible to their area's referrers. */
export function commissioningRoutes(deps: AppDeps) {
  const { db } = deps;
  const app = new Hono();
  app.use('/directory/commissioning', requireRole('B1106'));
  app.use('/directory/commissioning/*', requireRole('B1106'));

  const page = async (c: Context, values: FormValues, errors: FieldErrors, status: 200 | 422 = 200) => {
    const actor = c.get('actor');
    const rules = await commissioningRulesOfArea(db, actor.orgCode);
    const local = await db
      .selectFrom('services')
      .select(['id', 'name'])
      .where('status', '=', 'PUBLISHED')
      .where('national', '=', false)
      .orderBy('name')
      .execute();
    return c.html(
      <StaffLayout c={c} title="Commissioning">
        <h1 class="nhsuk-heading-l">Commissioned local services</h1>
        <ErrorSummary errors={errors} />
        <Table
          caption="Rules of your area"
          headings={['Service', 'From', 'Until', '']}
          rows={rules.map((r) => [
            r.service_name,
            r.starts_on,
            r.ends_on ?? 'open-ended',
            <form method="post" action={`/directory/commissioning/${r.id}/end`} novalidate>
              {csrfField(c)}
              <TextInput name="endsOn" label={`End ${r.service_name} on`} width={10} />
              <Button secondary>End rule</Button>
            </form>,
          ])}
        />
        <h2 class="nhsuk-heading-m">Commission a local service</h2>
        <form method="post" action="/directory/commissioning" novalidate>
          {csrfField(c)}
          <div class={`nhsuk-form-group${errors.serviceId ? ' nhsuk-form-group--error' : ''}`}>
            <label class="nhsuk-label" for="serviceId">
              Service
            </label>
            {errors.serviceId && (
              <span class="nhsuk-error-message" id="serviceId-error">
                {errors.serviceId}
              </span>
            )}
            <select class="nhsuk-select" id="serviceId" name="serviceId">
              <option value="">Choose</option>
              {local.map((s) => (
                <option value={String(s.id)} selected={String(s.id) === one(values, 'serviceId')}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <TextInput
            name="startsOn"
            label="From (date)"
            hint="For example 2026-12-01"
            value={one(values, 'startsOn')}
            error={errors.startsOn}
            width={10}
          />
          <TextInput
            name="endsOn"
            label="Until (date, optional)"
            value={one(values, 'endsOn')}
            error={errors.endsOn}
            width={10}
          />
          <Button>Add rule</Button>
        </form>
      </StaffLayout>,
      status,
    );
  };

  app.get('/directory/commissioning', (c) => page(c, {}, {}));
  app.post('/directory/commissioning', async (c) => {
    const values = await readForm(c);
    const input = {
      serviceId: one(values, 'serviceId'),
      startsOn: one(values, 'startsOn'),
      endsOn: one(values, 'endsOn'),
    };
    const result = await attempt(() => addCommissioningRule(db, c.get('actor'), input));
    if (!result.ok) return page(c, values, result.errors, 422);
    return c.redirect('/directory/commissioning', 303);
  });
  app.post('/directory/commissioning/:id/end', async (c) => {
    const values = await readForm(c);
    const endsOn = one(values, 'endsOn');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(endsOn)) return page(c, {}, { endsOn: 'Enter the end date, like 2026-12-31' }, 422);
    await attempt(() => endCommissioningRule(db, c.get('actor'), Number(c.req.param('id')) || 0, endsOn));
    return c.redirect('/directory/commissioning', 303);
  });
  return app;
}
