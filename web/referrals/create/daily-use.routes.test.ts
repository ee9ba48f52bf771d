import { describe, expect, it } from 'vitest';
import { auditTrailFor } from '../../../db/audit/audit.repository';
import { getReferralRow } from '../../../db/referrals/referrals.repository';
import { addService, shortlisted } from '../../../fixtures/directory';
import { addPatient } from '../../../fixtures/patients';
import { GP, TRUST, get, post, referralWorldSuite } from '../../../tests/helpers/referral-world';

/** Issue 10 in the create journey: the patient from the demographics service, context, booking steps, check answers. */
describe('creating a referral for a patient found in the demographics service', () => {
  const w = referralWorldSuite();

  const REFERRAL = {
    priority: 'URGENT',
    specialty: 'CARDIOLOGY',
    reason: 'Palpitations',
    clinicalInformation: '',
    'letter-status': 'TO_FOLLOW',
    'patient-registeredPracticeCode': GP,
  };

  /** The details page posted as a browser would (urlencoded: no file chosen). */
  const details = (form: Record<string, string>) => post(w, w.sessions.gp, '/referrals/new', form);

  /** A draft of the GP's for a patient found, with these services shortlisted: its path. */
  async function draft(nhsNumber: string, services = [w.services.dbs, w.services.full, w.services.ras], extra = {}) {
    const created = await details({
      ...REFERRAL,
      ...extra,
      'patient-source': 'directory',
      'patient-nhsNumber': nhsNumber,
    });
    expect(created.status).toBe(303);
    const path = created.headers.get('location')!.split('/services')[0]!;
    for (const s of services) await post(w, w.sessions.gp, `${path}/shortlist`, { serviceId: s.serviceId, op: 'add' });
    return path;
  }

  it('finds the patient by NHS number, shows them to confirm, and audits the look-up', async () => {
    const patient = await addPatient(w.db, { nhsNumber: '9990000018', givenName: 'Grace', familyName: 'Osei' });
    const res = await details({ ...REFERRAL, op: 'find', 'patient-nhsNumber': '999 000 0018' });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Patient found: check these are their details');
    expect(html).toContain('Grace Osei');
    expect(html).toContain(`${patient.address}, ${patient.postcode}`);
    expect(html).toContain('name="patient-source" value="directory"');
    // The practice the service names, else the referrer's own: never left empty.
    expect(html).toMatch(
      /id="patient-registeredPracticeCode"[^>]*value="A81001"|value="A81001"[^>]*id="patient-registeredPracticeCode"/,
    );
    // What was typed below the patient is kept.
    expect(html).toContain('Palpitations');
    // "These details are wrong": typed by hand from what the service said, then unverified.
    const wrong = await (
      await details({ ...REFERRAL, op: 'manual', 'patient-source': 'directory', 'patient-nhsNumber': '9990000018' })
    ).text();
    expect(wrong).toContain('name="patient-source" value="manual"');
    expect(wrong).toMatch(/id="patient-givenName"[^>]*value="Grace"|value="Grace"[^>]*id="patient-givenName"/);
    const audit = (await auditTrailFor(w.db, 'patient', '9990000018')).slice(0, 1);
    expect(audit.map((a) => [a.action, a.actor_user_id])).toEqual([['patient.looked_up', w.sessions.gp.actor.userId]]);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain('Grace');
  });

  it('lets a patient not found be typed by hand, marked unverified on the referral page', async () => {
    const notFound = await (await details({ ...REFERRAL, op: 'find', 'patient-nhsNumber': '999 000 0034' })).text();
    expect(notFound).toContain('Patient not found');
    expect(notFound).toContain('name="patient-source" value="manual"');
    expect(notFound).toContain('id="patient-givenName"');
    const bad = await details({ ...REFERRAL, op: 'find', 'patient-nhsNumber': '1234567890' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('href="#patient-nhsNumber"');

    const r = await w.refer({
      patient: {
        nhsNumber: '9990000034',
        givenName: 'Typed',
        familyName: 'Byhand',
        dateOfBirth: '1970-01-01',
        sex: 'male',
        postcode: 'LS1 4AP',
        registeredPracticeCode: GP,
        verified: false,
      },
    });
    const page = await (await get(w, w.sessions.gp, `/referrals/${r.ubrn}`)).text();
    expect(page).toContain('Unverified patient details');
    const verified = await w.refer();
    expect(await (await get(w, w.sessions.gp, `/referrals/${verified.ubrn}`)).text()).not.toContain('Unverified');
  });

  it('lists the details page problems in page order', async () => {
    const res = await details({
      ...REFERRAL,
      'patient-source': 'manual',
      'patient-nhsNumber': '1234567890',
      'patient-dateOfBirth-day': '31',
      'patient-dateOfBirth-month': '2',
      'patient-dateOfBirth-year': '1990',
      reason: '',
      'letter-status': '',
    });
    const html = await res.text();
    const hrefs = [...html.matchAll(/<li><a href="#([^"]+)"/g)].map((m) => m[1]!);
    const page = [
      'patient-nhsNumber',
      'patient-givenName',
      'patient-dateOfBirth',
      'patient-sex',
      'reason',
      'letter-status',
    ];
    expect(hrefs.filter((h) => page.includes(h))).toEqual(page.filter((f) => hrefs.includes(f)));
    expect(hrefs.indexOf('patient-nhsNumber')).toBe(0);
    expect(hrefs.indexOf('reason')).toBeGreaterThan(hrefs.indexOf('patient-dateOfBirth'));
  });

  it("starts step 2 from the clinic type and the patient's postcode, both changeable", async () => {
    const heartFailure = shortlisted(
      await addService(w.db, {
        provider_org_code: TRUST,
        name: 'Heart Failure Nurse Clinic',
        request_types: ['DBS'],
        specialty_code: 'CARDIOLOGY',
        clinic_type_code: 'HEART_FAILURE',
        location: 'St James',
        indicative_wait_days: 12,
        clinicians: ['Dr Ada Heart'],
        instructions: 'Bring a list of medicines.',
      }),
    );
    await addPatient(w.db, { nhsNumber: '9990000042', postcode: 'LS1 4DL' });
    const path = await draft('9990000042', [], { clinicType: 'HEART_FAILURE' });
    const html = await (await get(w, w.sessions.gp, `${path}/services`)).text();
    expect(html).toMatch(/<option value="HEART_FAILURE" selected/);
    expect(html).toMatch(/id="postcode"[^>]*value="LS1 4DL"|value="LS1 4DL"[^>]*id="postcode"/);
    expect(html).toContain('Heart Failure Nurse Clinic');
    expect(html).not.toContain('Cardiology Outpatients');
    // Every result opens the service's details.
    expect(html).toContain(`href="/directory/services/${heartFailure.serviceId}/about"`);
    const about = await get(w, w.sessions.gp, `/directory/services/${heartFailure.serviceId}/about`);
    const aboutHtml = await about.text();
    expect(about.status).toBe(200);
    for (const text of ['St James', 'Dr Ada Heart', 'Bring a list of medicines.', 'About 12 days']) {
      expect(aboutHtml).toContain(text);
    }
    expect((await get(w, w.sessions.gp, '/directory/services/999999/about')).status).toBe(404);
    // Changed: any clinic type.
    const wider = await (
      await post(w, w.sessions.gp, `${path}/shortlist`, {
        specialtyCode: 'CARDIOLOGY',
        clinicTypeCode: '',
        postcode: 'LS1 4DL',
      })
    ).text();
    expect(wider).toContain('Cardiology Outpatients');
  });

  it("starts Change shortlist from the referral's specialty, clinic type and the patient's postcode", async () => {
    const r = await w.refer({ clinicType: 'HEART_FAILURE' });
    const html = await (await get(w, w.sessions.gp, `/referrals/${r.ubrn}/shortlist`)).text();
    expect(html).toMatch(/<option value="CARDIOLOGY" selected/);
    expect(html).toMatch(/<option value="HEART_FAILURE" selected/);
    expect(html).toMatch(
      new RegExp(`id="postcode"[^>]*value="${r.patient.postcode}"|value="${r.patient.postcode}"[^>]*id="postcode"`),
    );
  });

  it('offers only what can be done, books by service, date and time, then checks the answers', async () => {
    await addPatient(w.db, { nhsNumber: '9990000050', givenName: 'Ivy', familyName: 'Doherty' });
    const path = await draft('9990000050');
    const step3 = await (await get(w, w.sessions.gp, `${path}/book`)).text();
    expect(step3).toContain('Book an appointment');
    expect(step3).toContain('Defer to Chest Pain Clinic');
    expect(step3).not.toContain('Defer to Cardiology Outpatients');
    expect(step3).toContain('Send for triage to Cardiology Referral Assessment');

    const chosen = await post(w, w.sessions.gp, `${path}/choose`, { choice: 'book' });
    expect(chosen.headers.get('location')).toBe(`${path}/appointment`);
    // One service with slots: the date step comes first, earliest first.
    const dates = await (await get(w, w.sessions.gp, `${path}/appointment`)).text();
    expect(dates).toContain('Choose a date (earliest first)');
    expect(dates).toContain('<legend');
    const firstDate =
      /name="date" type="radio" value="(\d{4}-\d{2}-\d{2})"|value="(\d{4}-\d{2}-\d{2})"[^>]*name="date"/.exec(
        dates.replace(/\s+/g, ' '),
      );
    const date = (firstDate?.[1] ?? firstDate?.[2])!;
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const noDate = await get(w, w.sessions.gp, `${path}/appointment?step=date&service=${w.services.dbs.serviceId}`);
    expect(noDate.status).toBe(422);
    expect(await noDate.text()).toContain('href="#date"');

    const times = await (
      await get(w, w.sessions.gp, `${path}/appointment?step=date&service=${w.services.dbs.serviceId}&date=${date}`)
    ).text();
    const slot = /value="(\d+)"/.exec(times.slice(times.indexOf('name="slot"') - 200))![1]!;
    const picked = await get(
      w,
      w.sessions.gp,
      `${path}/appointment?step=time&service=${w.services.dbs.serviceId}&date=${date}&slot=${slot}`,
    );
    expect(picked.headers.get('location')).toBe(`${path}/check?choice=book:${slot}`);

    const check = await (await get(w, w.sessions.gp, `${path}/check?choice=book:${slot}`)).text();
    expect(check).toContain('Check your answers before creating the referral');
    expect(check).toContain('Ivy Doherty');
    expect(check).toContain('Confirmed from the demographics service');
    expect(check).toContain('at Cardiology Outpatients');
    expect(check).toContain(`href="${path}/details?choice=book%3A${slot}"`);
    expect(check).toContain(`href="${path}/services"`);

    const submitted = await post(w, w.sessions.gp, `${path}/submit`, { choice: `book:${slot}` });
    const ubrn = /\/referrals\/(\d{12})\/created/.exec(submitted.headers.get('location')!)![1]!;
    const row = await getReferralRow(w.db, ubrn);
    expect(row?.state).toBe('BOOKED');
    expect(row?.snapshot.patient).toMatchObject({ address: '2 Wellington Street, Leeds', verified: true });
    const created = await (await get(w, w.sessions.gp, `/referrals/${ubrn}/created`)).text();
    expect(created).toContain('class="nhsuk-panel');
    expect(created).toContain('Referral created and booked');
  });

  it('warns, without refusing, when the patient already has an open referral to the specialty', async () => {
    const patient = await addPatient(w.db, { nhsNumber: '9990000069', givenName: 'Theo', familyName: 'Lind' });
    const earlier = await w.refer({
      patient: { ...patient, registeredPracticeCode: GP, verified: true },
    });
    const path = await draft('9990000069');
    const check = await (await get(w, w.sessions.gp, `${path}/check?choice=later`)).text();
    expect(check).toContain('This patient may already be referred');
    expect(check).toContain(`href="/referrals/${earlier.ubrn}"`);
    const submitted = await post(w, w.sessions.gp, `${path}/submit`, { choice: 'later' });
    expect(submitted.status).toBe(303);
  });

  it('changes the details from "Check your answers" and comes back to them', async () => {
    await addPatient(w.db, { nhsNumber: '9990000077' });
    const path = await draft('9990000077');
    const form = await (await get(w, w.sessions.gp, `${path}/details?choice=later`)).text();
    expect(form).toContain(`action="${path}/details"`);
    expect(form).toContain('Patient found');
    expect(form).toContain('name="then" value="later"');
    const saved = await post(w, w.sessions.gp, `${path}/details`, {
      ...REFERRAL,
      reason: 'Syncope on exertion',
      'patient-source': 'directory',
      'patient-nhsNumber': '9990000077',
      then: 'later',
    });
    expect(saved.headers.get('location')).toBe(`${path}/check?choice=later`);
    expect(await (await get(w, w.sessions.gp, `${path}/check?choice=later`)).text()).toContain('Syncope on exertion');
  });
});
