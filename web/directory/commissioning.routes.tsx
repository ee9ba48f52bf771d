import { Hono, type Context } from 'hono';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { rolesFor } from '../../domain/permissions';
import type { AppDeps } from '../deps';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { Table } from '../components/display';
import { Button, ErrorSummary, type FieldErrors } from '../components/forms';
import { DateInput } from '../components/fields';
import { readDate, type DateReading } from '../components/date-input';
import { statusOf } from '../errors';
import { attempt, one, readForm, type FormValues } from './form-values';
import { ServiceSelect } from './form-fields';

/** An NHS.UK date input showing what was typed in its three boxes, and its error. */
function DateField(props: { name: string; legend: string; hint?: string; values: FormValues; errors: FieldErrors }) {
  const { name, values } = props;
  const typed = (part: string) => one(values, `${name}-${part}`);
  return (
    <DateInput
      name={name}
      legend={props.legend}
      hint={props.hint}
      value={{ day: typed('day'), month: typed('month'), year: typed('year') }}
      error={props.errors[name]}
      invalidParts={props.errors[name] ? readDate(values, name, props.legend, { optional: true }).invalid : undefined}
    />
  );
}

/** The date boxes' own messages (which box is wrong) replace the schema's for those fields. */
function withDateErrors(errors: FieldErrors, dates: Record<string, DateReading>): FieldErrors {
  const merged = { ...errors };
  for (const [name, reading] of Object.entries(dates)) if (reading.error !== undefined) merged[name] = reading.error;
  return merged;
}

/** Commissioners: the rules that make local services visible to their area's referrers. */
export function commissioningRoutes(deps: AppDeps) {
  const directory = deps.services.directory;
  // On each route, not app.use: the route-access test reads each route's roles.
  const commissioners = requireRole(...rolesFor(DIRECTORY_PERMISSIONS, 'commission'));
  const app = new Hono();

  const page = async (c: Context, values: FormValues, errors: FieldErrors) => {
    const { rules, localServices } = await directory.commissioningOfArea(c.get('actor'));
    return c.html(
      <StaffLayout c={c} title="Commissioning">
        <h1 class="nhsuk-heading-l">Commissioned local services</h1>
        <ErrorSummary errors={errors} />
        <Table
          caption="Rules of your area"
          headings={['Service', 'From', 'Until', '']}
          rows={rules.map((r) => [
            r.serviceName,
            r.startsOn,
            r.endsOn ?? 'open-ended',
            <form method="post" action={`/directory/commissioning/${r.id}/end`} novalidate>
              {csrfField(c)}
              <DateField name={`end-${r.id}`} legend={`End ${r.serviceName} on`} values={values} errors={errors} />
              <Button secondary>End rule</Button>
            </form>,
          ])}
        />
        <h2 class="nhsuk-heading-m">Commission a local service</h2>
        <form method="post" action="/directory/commissioning" novalidate>
          {csrfField(c)}
          <ServiceSelect services={localServices} selected={one(values, 'serviceId')} error={errors.serviceId} />
          <DateField name="startsOn" legend="From" hint="For example, 1 12 2026" values={values} errors={errors} />
          <DateField
            name="endsOn"
            legend="Until (optional)"
            hint="The last day referrers see the service. Leave empty for no end."
            values={values}
            errors={errors}
          />
          <Button>Add rule</Button>
        </form>
      </StaffLayout>,
      Object.keys(errors).length > 0 ? statusOf('VALIDATION') : 200,
    );
  };

  app.get('/directory/commissioning', commissioners, (c) => page(c, {}, {}));
  app.post('/directory/commissioning', commissioners, async (c) => {
    const values = await readForm(c);
    const startsOn = readDate(values, 'startsOn', 'Start date');
    const endsOn = readDate(values, 'endsOn', 'End date', { optional: true });
    // A date that does not read is passed as text the schema refuses, so nothing is saved.
    const input = {
      serviceId: one(values, 'serviceId'),
      startsOn: startsOn.iso ?? 'unreadable',
      endsOn: endsOn.iso ?? 'unreadable',
    };
    const added = await attempt(() => directory.addCommissioningRule(c.get('actor'), input));
    if (!added.ok) return page(c, values, withDateErrors(added.errors, { startsOn, endsOn }));
    return c.redirect('/directory/commissioning', 303);
  });
  app.post('/directory/commissioning/:id/end', commissioners, async (c) => {
    const values = await readForm(c);
    const id = Number(c.req.param('id')) || 0;
    const endsOn = readDate(values, `end-${id}`, 'End date');
    if (endsOn.error !== undefined) return page(c, values, { [`end-${id}`]: endsOn.error });
    await directory.endCommissioningRule(c.get('actor'), id, endsOn.iso);
    return c.redirect('/directory/commissioning', 303);
  });
  return app;
}
