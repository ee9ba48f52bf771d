import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAdviceRow } from '../../db/advice/advice.repository';
import { auditTrailFor } from '../../db/audit/audit.repository';
import { ADVICE_PATIENT, addAdviceService } from '../../fixtures/advice';
import { signIn } from '../../fixtures/identity';
import type { TestSession } from '../../tests/helpers/session';
import { type ReferralWorld, TRUST, createReferralWorld, get, post } from '../../tests/helpers/referral-world';

const patientForm = {
  'patient-nhsNumber': ADVICE_PATIENT.nhsNumber,
  'patient-givenName': ADVICE_PATIENT.givenName,
  'patient-familyName': ADVICE_PATIENT.familyName,
  'patient-dateOfBirth-day': '14',
  'patient-dateOfBirth-month': '2',
  'patient-dateOfBirth-year': '1958',
  'patient-sex': 'female',
  'patient-postcode': 'LS1 4AP',
  'patient-registeredPracticeCode': 'A81001',
};

describe('advice and guidance pages', () => {
  let w: ReferralWorld;
  let serviceId: string;
  let clinicianAdmin: TestSession;
  beforeAll(async () => {
    w = await createReferralWorld();
    serviceId = String((await addAdviceService(w.db, { provider_org_code: TRUST, name: 'Hepatology Advice' })).id);
    clinicianAdmin = await signIn(w.db, { orgCode: TRUST, role: 'B1115' });
  });
  afterAll(() => w?.stop());

  const ask = (form: Record<string, string>) =>
    post(w, w.sessions.gp, '/advice/new', {
      serviceId,
      requestKey: crypto.randomUUID(),
      question: 'Raised ALP: refer?',
      conversionAllowed: 'yes',
      ...patientForm,
      ...form,
    });

  it('finds only advice services in the DOS search, by POST', async () => {
    const res = await post(w, w.sessions.gp, '/advice/new/search', {
      specialtyCode: 'CARDIOLOGY',
      includeAllAgesAndSexes: 'on',
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain(`/advice/new/${serviceId}`);
    expect(html).not.toContain('Heart Failure Clinic');
  });

  it('names every field at fault, in page order, and keeps what was typed', async () => {
    const res = await ask({
      'patient-nhsNumber': '123',
      question: '',
      conversionAllowed: '',
      'patient-givenName': 'Ada',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    const summary = html.slice(
      html.indexOf('nhsuk-error-summary'),
      html.indexOf('</ul>', html.indexOf('nhsuk-error-summary')),
    );
    const order = ['#patient-nhsNumber', '#question', '#conversionAllowed'].map((a) => summary.indexOf(a));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('NHS number must be 10 digits');
    expect(html).toContain('value="Ada"');
  });

  it('asks, shows the conversation to both sides, audits each view, and lets the provider answer', async () => {
    const asked = await ask({});
    expect(asked.status).toBe(303);
    const ubrn = /\/advice\/(\d{12})/.exec(asked.headers.get('location')!)![1]!;
    const gpPage = await (await get(w, w.sessions.gp, `/advice/${ubrn}?done=ASK`)).text();
    expect(gpPage).toContain('Your request was sent');
    expect(gpPage).toContain('Raised ALP: refer?');
    expect(gpPage).toContain('Dr Gee Pee, Referring Clinician, A81001');

    const providerPage = await (await get(w, w.sessions.clinician, `/advice/${ubrn}`)).text();
    expect(providerPage).toContain('Give advice');
    const answered = await post(w, w.sessions.clinician, `/advice/${ubrn}/actions/RESPOND`, {
      expectedVersion: '1',
      'RESPOND-text': 'Repeat LFTs in 6 weeks.',
      'RESPOND-outcome': 'ADVICE_ONLY',
    });
    expect(answered.status).toBe(303);

    // A stale form is refused and the page says the request moved on.
    const stale = await post(w, clinicianAdmin, `/advice/${ubrn}/actions/REQUEST_INFO`, {
      expectedVersion: '1',
      'REQUEST_INFO-text': 'More?',
    });
    expect(stale.status).toBe(409);

    const worklist = await (await get(w, w.sessions.gp, '/advice/worklists/responses')).text();
    expect(worklist).toContain(`/advice/${ubrn}`);
    await get(w, w.sessions.gp, `/advice/${ubrn}`);
    const afterReading = await (await get(w, w.sessions.gp, '/advice/worklists/responses')).text();
    expect(afterReading).not.toContain(`/advice/${ubrn}`);

    const views = (await auditTrailFor(w.db, 'advice', ubrn)).filter((a) => a.action === 'advice.viewed');
    expect(views.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps an empty answer’s form open with its error', async () => {
    const ubrn = /\/advice\/(\d{12})/.exec((await ask({})).headers.get('location')!)![1]!;
    const res = await post(w, w.sessions.clinician, `/advice/${ubrn}/actions/RESPOND`, {
      expectedVersion: '1',
      'RESPOND-text': ' ',
      'RESPOND-outcome': 'OTHER',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('href="#RESPOND-text">Enter your advice');
    expect((await getAdviceRow(w.db, ubrn))?.version).toBe(1);
  });

  it('downloads the advice summary as a printable document, audited', async () => {
    const ubrn = /\/advice\/(\d{12})/.exec((await ask({})).headers.get('location')!)![1]!;
    const res = await get(w, w.sessions.gp, `/advice/${ubrn}/summary?download=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="advice-summary-${ubrn}.html"`);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('/advice/print.css');
    expect(html).toContain('Raised ALP: refer?');
    const trail = await auditTrailFor(w.db, 'advice', ubrn);
    expect(trail.map((a) => a.action)).toContain('advice.summary_downloaded');
  });

  it('shows advice only to the clinical roles of the two organisations', async () => {
    const ubrn = /\/advice\/(\d{12})/.exec((await ask({})).headers.get('location')!)![1]!;
    expect((await get(w, w.sessions.admin, `/advice/${ubrn}`)).status).toBe(403);
    expect((await get(w, w.sessions.gpAdmin, `/advice/${ubrn}`)).status).toBe(403);
    expect((await get(w, w.sessions.otherTrust, `/advice/${ubrn}`)).status).toBe(403);
  });

  it('counts the A&G worklists on the home pages', async () => {
    const provider = await (await get(w, w.sessions.clinician, '/provider')).text();
    expect(provider).toContain('Advice and Guidance Requests');
    expect(provider).toMatch(/data-testid="advice-count-awaiting-response">\s*[1-9]/);
    const referrer = await (await get(w, w.sessions.gp, '/referrer')).text();
    expect(referrer).toContain('Ask for advice and guidance');
  });
});
