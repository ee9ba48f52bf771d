import { Hono, type Context } from 'hono';
import { CarepathError } from '../../domain/errors';
import { PRIORITIES } from '../../domain/priorities';
import {
  createService,
  publishService,
  retireService,
  setBookingWindow,
  updateService,
} from '../../db/directory/service-management';
import { addSlotTemplate, generateSlots } from '../../db/directory/slot-generation';
import type { ServiceRow } from '../../db/directory/directory.table';
import { codeLists } from '../../db/directory/services.repository';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import type { AppDeps } from '../app';
import { BackLink, Table, Tag } from '../components/display';
import type { FieldErrors } from '../components/forms';
import { attempt, one, readForm, type FormValues } from './form-values';
import { ServiceForm, serviceInputOf, type CodeLists } from './service-form';
import { servicePage } from './service-page';

function valuesOf(s: ServiceRow): FormValues {
  return {
    name: s.name,
    requestTypes: s.request_types,
    specialtyCode: s.specialty_code,
    clinicTypeCode: s.clinic_type_code ?? '',
    location: s.location,
    outcode: s.outcode,
    ageMin: String(s.age_min),
    ageMax: String(s.age_max),
    sexTreated: s.sex_treated,
    conditionsTreated: s.conditions_treated,
    exclusions: s.exclusions,
    letterRequired: s.letter_required ? 'yes' : '',
    indicativeWaitDays: String(s.indicative_wait_days),
    clinicians: s.clinicians.join('\n'),
    instructions: s.instructions,
    national: s.national ? 'yes' : '',
    pollingRangeDays: String(s.polling_range_days),
    reservationHours: String(s.reservation_hours),
  };
}

const NEW_SERVICE: FormValues = {
  ageMin: '0',
  ageMax: '120',
  sexTreated: 'ANY',
  pollingRangeDays: '84',
  reservationHours: '0',
  national: 'yes',
};

/**
 * Service definers (B1107) of a provider: build, publish and retire services, weekly
 * clinics and booking windows.
 */
export function definerRoutes(deps: AppDeps) {
  const { db } = deps;
  const ownService = async (orgCode: string, id: string) => {
    const service = await db
      .selectFrom('services')
      .selectAll()
      .where('id', '=', Number(id) || 0)
      .executeTakeFirst();
    if (!service || service.provider_org_code !== orgCode)
      throw new CarepathError('NOT_FOUND', 'There is no such service in your organisation.');
    return service;
  };
  // On each route, not app.use: the route-access test reads each route's roles.
  const definerOnly = requireRole('B1107');
  const app = new Hono();

  app.get('/directory/services', definerOnly, async (c) => {
    const services = await db
      .selectFrom('services')
      .selectAll()
      .where('provider_org_code', '=', c.get('actor').orgCode)
      .orderBy('name')
      .execute();
    return c.html(
      <StaffLayout c={c} title="Your services">
        <h1 class="nhsuk-heading-l">Your services</h1>
        <a class="nhsuk-button" href="/directory/services/new">
          Create a service
        </a>
        <Table
          caption="Services of your organisation"
          headings={['Service', 'Status', 'Version']}
          rows={services.map((s) => [
            <a href={`/directory/services/${s.id}`}>{s.name}</a>,
            <Tag colour={s.status === 'PUBLISHED' ? 'green' : 'grey'}>{s.status.toLowerCase()}</Tag>,
            String(s.version),
          ])}
        />
      </StaffLayout>,
    );
  });

  const formPage = (
    c: Context,
    title: string,
    action: string,
    values: FormValues,
    errors: FieldErrors,
    codes: CodeLists,
    status = 200,
  ) =>
    c.html(
      <StaffLayout c={c} title={title} beforeContent={<BackLink href="/directory/services" />}>
        <h1 class="nhsuk-heading-l">{title}</h1>
        <ServiceForm
          action={action}
          csrf={csrfField(c)}
          values={values}
          errors={errors}
          codes={codes}
          submit="Save service"
        />
      </StaffLayout>,
      status as 200,
    );

  app.get('/directory/services/new', definerOnly, async (c) =>
    formPage(c, 'Create a service', '/directory/services/new', NEW_SERVICE, {}, await codeLists(db)),
  );
  app.post('/directory/services/new', definerOnly, async (c) => {
    const values = await readForm(c);
    const result = await attempt(() =>
      db.transaction().execute((trx) => createService(trx, c.get('actor'), serviceInputOf(values))),
    );
    if (!result.ok)
      return formPage(
        c,
        'Create a service',
        '/directory/services/new',
        values,
        result.errors,
        await codeLists(db),
        422,
      );
    return c.redirect(`/directory/services/${result.value}`, 303);
  });

  app.get('/directory/services/:id/edit', definerOnly, async (c) => {
    const service = await ownService(c.get('actor').orgCode, c.req.param('id'));
    return formPage(
      c,
      `Edit ${service.name}`,
      `/directory/services/${service.id}/edit`,
      valuesOf(service),
      {},
      await codeLists(db),
    );
  });
  app.post('/directory/services/:id/edit', definerOnly, async (c) => {
    const service = await ownService(c.get('actor').orgCode, c.req.param('id'));
    const values = await readForm(c);
    const result = await attempt(() =>
      db.transaction().execute((trx) => updateService(trx, c.get('actor'), service.id, serviceInputOf(values))),
    );
    if (!result.ok)
      return formPage(
        c,
        `Edit ${service.name}`,
        `/directory/services/${service.id}/edit`,
        values,
        result.errors,
        await codeLists(db),
        422,
      );
    return c.redirect(`/directory/services/${service.id}`, 303);
  });

  app.get('/directory/services/:id', definerOnly, async (c) => {
    const service = await ownService(c.get('actor').orgCode, c.req.param('id'));
    return c.html(await servicePage(db, c, service, {}, {}));
  });

  app.post('/directory/services/:id/publish', definerOnly, async (c) => {
    const service = await ownService(c.get('actor').orgCode, c.req.param('id'));
    await attempt(() => db.transaction().execute((trx) => publishService(trx, c.get('actor'), service.id)));
    return c.redirect(`/directory/services/${service.id}`, 303);
  });
  app.post('/directory/services/:id/retire', definerOnly, async (c) => {
    const service = await ownService(c.get('actor').orgCode, c.req.param('id'));
    await attempt(() => db.transaction().execute((trx) => retireService(trx, c.get('actor'), service.id)));
    return c.redirect(`/directory/services/${service.id}`, 303);
  });
  app.post('/directory/services/:id/clinics', definerOnly, async (c) => {
    const service = await ownService(c.get('actor').orgCode, c.req.param('id'));
    const values = await readForm(c);
    const result = await attempt(() =>
      db.transaction().execute(async (trx) => {
        await addSlotTemplate(trx, c.get('actor'), service.id, values);
        return generateSlots(trx, { serviceId: service.id, now: new Date() });
      }),
    );
    if (!result.ok) return c.html(await servicePage(db, c, service, values, result.errors), 422);
    return c.html(await servicePage(db, c, service, {}, {}, `Clinic added: ${result.value} slots published.`));
  });
  app.post('/directory/services/:id/windows', definerOnly, async (c) => {
    const service = await ownService(c.get('actor').orgCode, c.req.param('id'));
    const values = await readForm(c);
    const errors: FieldErrors = {};
    for (const p of PRIORITIES) {
      if (!one(values, p)) continue;
      const result = await attempt(() =>
        setBookingWindow(db, c.get('actor'), service.id, p, { fromDays: 0, toDays: one(values, p) }),
      );
      if (!result.ok) Object.assign(errors, result.errors);
    }
    if (Object.keys(errors).length) return c.html(await servicePage(db, c, service, values, errors), 422);
    return c.redirect(`/directory/services/${service.id}`, 303);
  });
  return app;
}
