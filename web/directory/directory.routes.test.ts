import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLeedsAndManchester } from '../../fixtures/directory';
import { createTestApp } from '../../tests/helpers/app';
import { signIn, type TestSession } from '../../tests/helpers/session';

const service = {
  name: 'Leeds Web Arrhythmia Clinic',
  requestTypes: 'DBS',
  specialtyCode: 'CARDIOLOGY',
  clinicTypeCode: 'ARRHYTHMIA',
  location: 'Leeds General Infirmary',
  outcode: 'LS1',
  ageMin: '16',
  ageMax: '120',
  sexTreated: 'ANY',
  indicativeWaitDays: '30',
  clinicians: 'Dr Web Tester',
  pollingRangeDays: '28',
  reservationHours: '0',
};

describe('Directory of Services pages', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let definer: TestSession;
  let referrer: TestSession;
  let commissioner: TestSession;

  const get = (session: TestSession, path: string, headers: Record<string, string> = {}) =>
    t.app.request(path, { headers: { cookie: session.cookie, ...headers } });
  const post = (session: TestSession, path: string, form: Record<string, string>) =>
    t.app.request(path, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: session.csrfToken, ...form }),
    });
  // The search carries patient details, so it is posted, never put in a URL.
  const search = (query: string, headers: Record<string, string> = {}) =>
    t.app.request('/directory/search', {
      method: 'POST',
      headers: { cookie: referrer.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ _csrf: referrer.csrfToken, ...Object.fromEntries(new URLSearchParams(query)) }),
    });
  const cardiology = 'priority=ROUTINE&specialtyCode=CARDIOLOGY&patientAge=50&patientSex=female&postcode=LS6+1AA';

  beforeAll(async () => {
    t = await createTestApp();
    await addLeedsAndManchester(t.db);
    definer = await signIn(t.db, { orgCode: 'RR8', role: 'B1107' });
    referrer = await signIn(t.db, { orgCode: 'B86001', role: 'B1101' });
    commissioner = await signIn(t.db, { orgCode: 'QWO', role: 'B1106' });
  });
  afterAll(() => t?.stop());

  it('refuses a service with errors, keeping what was typed', async () => {
    const response = await post(definer, '/directory/services/new', { ...service, name: 'X', outcode: 'nowhere' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('nhsuk-error-summary');
    expect(html).toContain('Enter a service name of at least 3 characters');
    expect(html).toContain('value="nowhere"');
  });

  it('lets a service definer build and publish a bookable service that a referrer then finds', async () => {
    const created = await post(definer, '/directory/services/new', { ...service, national: 'yes' });
    expect(created.status).toBe(303);
    const page = created.headers.get('location')!;
    expect((await post(definer, `${page}/publish`, {})).status).toBe(303);
    const clinic = await post(definer, `${page}/clinics`, {
      weekday: '3',
      startTime: '10:00',
      slotMinutes: '15',
      slotCount: '4',
      clinician: 'Dr Web Tester',
    });
    expect(await clinic.text()).toMatch(/Clinic added: 1[26] slots published/);

    const cancelled = await post(definer, '/directory/clinics/cancel', {
      serviceId: page.split('/').at(-1)!,
      'date-day': '1',
      'date-month': '1',
      'date-year': '2030',
    });
    expect(await cancelled.text()).toContain('No appointments were booked in it.');

    const found = await (await search(cardiology)).text();
    expect(found).toContain('Leeds Web Arrhythmia Clinic');
    expect(found).toMatch(/Earliest slot: \d/);
    // htmx asks for the results only.
    const partial = await (await search(cardiology, { 'HX-Request': 'true' })).text();
    expect(partial).not.toContain('<html');
    expect(partial).toContain('Leeds Web Arrhythmia Clinic');
  });

  it('offers only the chosen specialty’s clinic types, and refuses another’s without JavaScript', async () => {
    const form = await (await get(definer, '/directory/services/new')).text();
    expect(form).toContain('hx-get="/directory/clinic-types"');
    const swapped = await (await get(definer, '/directory/clinic-types?specialtyCode=CARDIOLOGY')).text();
    expect(swapped).toContain('id="clinicTypeCode-group"');
    expect(swapped).toContain('value="ARRHYTHMIA"');
    expect(swapped).not.toContain('value="GLAUCOMA"');
    // The referrer's search has the same drop-down, where no clinic type means any.
    expect(await (await get(referrer, '/directory/search')).text()).toContain(
      'hx-get="/directory/clinic-types?for=search"',
    );
    const forSearch = await (await get(referrer, '/directory/clinic-types?for=search&specialtyCode=CARDIOLOGY')).text();
    expect(forSearch).toContain('<option value="">Any</option>');
    expect(forSearch).toContain('value="ARRHYTHMIA"');

    const refused = await post(definer, '/directory/services/new', {
      ...service,
      name: 'Leeds Mismatched Clinic',
      clinicTypeCode: 'GLAUCOMA',
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Clinic type must be one of the Cardiology clinic types, or leave it empty');
    expect(html).toContain('href="#clinicTypeCode"');
  });

  it('keeps patient details out of URLs: the search is a POST, and a query string searches nothing', async () => {
    const page = await (await get(referrer, `/directory/search?${cardiology}`)).text();
    expect(page).toContain('<form method="post" action="/directory/search"');
    expect(page).not.toContain('hx-push-url');
    expect(page).not.toContain('services found');
    expect(page).not.toContain('LS6 1AA');
  });

  it('shows a refused search with its reason', async () => {
    const response = await search(
      'priority=TWO_WEEK_WAIT&specialtyCode=CARDIOLOGY&includeAllAgesAndSexes=on&maxWaitDays=5',
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Wait-time limits cannot be used for two week wait referrals');
    // The NHS.UK error summary is at the top of the page, before the heading and the form.
    expect(html.indexOf('nhsuk-error-summary')).toBeGreaterThan(-1);
    expect(html.indexOf('nhsuk-error-summary')).toBeLessThan(html.indexOf('<h1'));

    // htmx swaps the results and, out of band, the summary at the top.
    const partial = await (await search('priority=&specialtyCode=CARDIOLOGY', { 'HX-Request': 'true' })).text();
    expect(partial).toMatch(/<div id="error-summary" hx-swap-oob="true"><div class="nhsuk-error-summary"/);
    expect(partial).toContain('href="#priority"');
    expect(partial).toContain('<div id="search-fields" hx-swap-oob="true">');
    expect(partial).toContain('id="priority-error"');
    expect(partial).not.toContain('services found');
  });

  it('makes a local service appear and disappear with a commissioner’s rule', async () => {
    const created = await post(definer, '/directory/services/new', { ...service, name: 'Leeds Local Heart Clinic' });
    const id = created.headers.get('location')!.split('/').at(-1)!;
    await post(definer, `/directory/services/${id}/publish`, {});
    expect(await (await search(cardiology)).text()).not.toContain('Leeds Local Heart Clinic');

    expect(
      (
        await post(commissioner, '/directory/commissioning', {
          serviceId: id,
          'startsOn-day': '1',
          'startsOn-month': '1',
          'startsOn-year': '2026',
        })
      ).status,
    ).toBe(303);
    expect(await (await search(cardiology)).text()).toContain('Leeds Local Heart Clinic');

    const rule = await t.db
      .selectFrom('commissioning_rules')
      .select('id')
      .where('service_id', '=', Number(id))
      .executeTakeFirstOrThrow();
    const [year, month, day] = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10).split('-') as string[];
    const end = (form: Record<string, string>) => post(commissioner, `/directory/commissioning/${rule.id}/end`, form);
    const refused = await end({ [`end-${rule.id}-day`]: day!, [`end-${rule.id}-year`]: year! });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('End date must include a month');
    expect(html).toContain(`value="${day}"`);
    expect(
      (
        await end({
          [`end-${rule.id}-day`]: day!,
          [`end-${rule.id}-month`]: month!,
          [`end-${rule.id}-year`]: year!,
        })
      ).status,
    ).toBe(303);
    expect(await (await search(cardiology)).text()).not.toContain('Leeds Local Heart Clinic');
  });

  it('keeps each page to its roles', async () => {
    expect((await get(referrer, '/directory/services')).status).toBe(403);
    expect((await get(definer, '/directory/search')).status).toBe(403);
    expect((await get(referrer, '/directory/commissioning')).status).toBe(403);
    expect((await get(definer, '/directory/capacity')).status).toBe(200);
  });

  it('lets the provider flag a capacity alert by hand, which referrers then see', async () => {
    const row = await t.db
      .selectFrom('services')
      .select('id')
      .where('name', '=', 'Leeds Web Arrhythmia Clinic')
      .executeTakeFirstOrThrow();
    expect(
      (await post(definer, '/directory/capacity', { serviceId: String(row.id), note: 'Consultant on leave' })).status,
    ).toBe(303);
    expect(await (await get(definer, '/directory/capacity')).text()).toContain('Consultant on leave');
    expect(await (await search(cardiology)).text()).toContain('Capacity alert');
  });
});
