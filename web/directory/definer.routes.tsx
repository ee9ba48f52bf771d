import { Hono, type Context } from 'hono';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { rolesFor } from '../../domain/permissions';
import { PRIORITIES, type Priority } from '../../domain/priorities';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import type { AppDeps } from '../deps';
import { BackLink, Table, Tag } from '../components/display';
import type { FieldErrors } from '../components/forms';
import { statusOf } from '../errors';
import { attempt, one, readForm, type FormValues } from './form-values';
import { ServiceForm, serviceFormValues, serviceInputOf } from './service-form';
import { ServicePage } from './service-page';

const NEW_SERVICE: FormValues = {
  ageMin: '0',
  ageMax: '120',
  sexTreated: 'ANY',
  pollingRangeDays: '84',
  reservationHours: '0',
  national: 'yes',
};

/**
 * Service definers of a provider: build, publish and retire services, weekly clinics and
 * booking windows.
 */
export function definerRoutes(deps: AppDeps) {
  const directory = deps.services.directory;
  // On each route, not app.use: the route-access test reads each route's roles.
  const definers = requireRole(...rolesFor(DIRECTORY_PERMISSIONS, 'manageServices'));
  const clinicDefiners = requireRole(...rolesFor(DIRECTORY_PERMISSIONS, 'generateSlots'));
  const app = new Hono();

  const formPage = async (
    c: Context,
    page: { title: string; action: string },
    values: FormValues,
    errors: FieldErrors = {},
  ) =>
    c.html(
      <StaffLayout c={c} title={page.title} beforeContent={<BackLink href="/directory/services" />}>
        <h1 class="nhsuk-heading-l">{page.title}</h1>
        <ServiceForm
          action={page.action}
          csrf={csrfField(c)}
          values={values}
          errors={errors}
          codes={await directory.codeLists()}
          submit="Save service"
        />
      </StaffLayout>,
      Object.keys(errors).length > 0 ? statusOf('VALIDATION') : 200,
    );

  const servicePage = async (c: Context, values: FormValues = {}, errors: FieldErrors = {}, notice?: string) =>
    c.html(
      <ServicePage
        c={c}
        details={await directory.serviceDetails(c.get('actor'), c.req.param('id')!)}
        values={values}
        errors={errors}
        notice={notice}
      />,
      Object.keys(errors).length > 0 ? statusOf('VALIDATION') : 200,
    );

  const editPage = async (c: Context) => {
    const service = await directory.ownService(c.get('actor'), c.req.param('id')!);
    return { service, page: { title: `Edit ${service.name}`, action: `/directory/services/${service.id}/edit` } };
  };

  app.get('/directory/services', definers, async (c) => {
    const services = await directory.listOwnServices(c.get('actor'));
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

  const newPage = { title: 'Create a service', action: '/directory/services/new' };
  app.get('/directory/services/new', definers, (c) => formPage(c, newPage, NEW_SERVICE));
  app.post('/directory/services/new', definers, async (c) => {
    const values = await readForm(c);
    const created = await attempt(() => directory.createService(c.get('actor'), serviceInputOf(values)));
    if (!created.ok) return formPage(c, newPage, values, created.errors);
    return c.redirect(`/directory/services/${created.value}`, 303);
  });

  app.get('/directory/services/:id/edit', definers, async (c) => {
    const { service, page } = await editPage(c);
    return formPage(c, page, serviceFormValues(service));
  });
  app.post('/directory/services/:id/edit', definers, async (c) => {
    const { service, page } = await editPage(c);
    const values = await readForm(c);
    const saved = await attempt(() => directory.updateService(c.get('actor'), service.id, serviceInputOf(values)));
    if (!saved.ok) return formPage(c, page, values, saved.errors);
    return c.redirect(`/directory/services/${service.id}`, 303);
  });

  app.get('/directory/services/:id', definers, (c) => servicePage(c));

  app.post('/directory/services/:id/publish', definers, async (c) => {
    await directory.publishService(c.get('actor'), c.req.param('id'));
    return c.redirect(`/directory/services/${c.req.param('id')}`, 303);
  });
  app.post('/directory/services/:id/retire', definers, async (c) => {
    await directory.retireService(c.get('actor'), c.req.param('id'));
    return c.redirect(`/directory/services/${c.req.param('id')}`, 303);
  });
  app.post('/directory/services/:id/clinics', clinicDefiners, async (c) => {
    const values = await readForm(c);
    const added = await attempt(() => directory.addClinic(c.get('actor'), c.req.param('id'), values));
    if (!added.ok) return servicePage(c, values, added.errors);
    return servicePage(c, {}, {}, `Clinic added: ${added.value} slots published.`);
  });
  app.post('/directory/services/:id/windows', definers, async (c) => {
    const values = await readForm(c);
    const lastDays: Partial<Record<Priority, string>> = {};
    for (const p of PRIORITIES) if (one(values, p)) lastDays[p] = one(values, p);
    const saved = await attempt(() => directory.setBookingWindows(c.get('actor'), c.req.param('id'), lastDays));
    if (!saved.ok) return servicePage(c, values, saved.errors);
    return c.redirect(`/directory/services/${c.req.param('id')}`, 303);
  });
  return app;
}
