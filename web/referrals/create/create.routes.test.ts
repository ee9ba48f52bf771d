import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrailFor } from '../../../db/audit/audit.repository';
import { getReferralRow } from '../../../db/referrals/referrals.repository';
import { type ReferralWorld, createReferralWorld, get, post } from '../../../tests/helpers/referral-world';
import { signIn } from '../../../tests/helpers/session';

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a]);

function details(overrides: Record<string, string> = {}) {
  return {
    'patient-nhsNumber': '943 476 5919',
    'patient-givenName': 'Bob',
    'patient-familyName': 'Sample',
    'patient-dateOfBirth-day': '4',
    'patient-dateOfBirth-month': '5',
    'patient-dateOfBirth-year': '1958',
    'patient-sex': 'male',
    'patient-address': '1 Park Row, Leeds',
    'patient-postcode': 'LS1 5AB',
    'patient-registeredPracticeCode': 'A81001',
    priority: 'URGENT',
    specialty: 'CARDIOLOGY',
    reason: 'Palpitations',
    clinicalInformation: '',
    'letter-status': 'TO_FOLLOW',
    'patient-source': 'manual',
    ...overrides,
  };
}

describe('creating a referral', () => {
  let w: ReferralWorld;
  beforeAll(async () => {
    w = await createReferralWorld();
  });
  afterAll(() => w?.stop());

  function multipart(form: Record<string, string>, file?: Uint8Array) {
    const body = new FormData();
    body.set('_csrf', w.sessions.gp.csrfToken);
    for (const [k, v] of Object.entries(form)) body.set(k, v);
    if (file)
      body.set('letter-file', new File([file as Uint8Array<ArrayBuffer>], 'letter.pdf', { type: 'application/pdf' }));
    return w.app.request('/referrals/new', {
      method: 'POST',
      body,
      headers: { cookie: w.sessions.gp.cookie },
      redirect: 'manual',
    });
  }

  it('draws the details form for a referring clinician, and not for a referring admin', async () => {
    const res = await get(w, w.sessions.gp, '/referrals/new');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('hx-post="/referrals/new/nhs-number"');
    expect((await get(w, w.sessions.gpAdmin, '/referrals/new')).status).toBe(403);
  });

  it('checks the NHS number as it is typed', async () => {
    const bad = await (
      await post(w, w.sessions.gp, '/referrals/new/nhs-number', { 'patient-nhsNumber': '9434765918' })
    ).text();
    expect(bad).toContain('NHS number is not valid');
    const good = await (
      await post(w, w.sessions.gp, '/referrals/new/nhs-number', { 'patient-nhsNumber': '943 476 5919' })
    ).text();
    expect(good).toContain('valid NHS number');
  });

  it('shows every problem at the top, marks each field and keeps what was typed', async () => {
    const res = await multipart(
      details({ 'patient-nhsNumber': '1234567890', reason: '', 'patient-givenName': '<i>Bob</i>' }),
    );
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain('href="#patient-nhsNumber"');
    expect(html).toContain('href="#reason"');
    expect(html).toContain('value="1234567890"');
    expect(html).toContain('value="&lt;i&gt;Bob&lt;/i&gt;"');
  });

  it('says in words what is missing when nothing was chosen, never a schema message', async () => {
    const html = await (
      await multipart(
        details({ 'letter-status': '', priority: '', 'patient-sex': '', 'patient-dateOfBirth-month': '' }),
      )
    ).text();
    expect(html).toContain('Choose whether the letter is attached now or follows');
    expect(html).toContain('Date of birth must include a month');
    expect(html).not.toMatch(/Invalid input|expected \w+, received/);
  });

  it('refuses a letter that is not really a PDF or image', async () => {
    const res = await multipart(details({ 'letter-status': 'ATTACHED' }), new TextEncoder().encode('MZ not a pdf'));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('must be a PDF, PNG or JPEG');
  });

  it('shows the answers again, with the choice kept, when the referral is refused for what was entered', async () => {
    const created = await multipart(details());
    const draftPath = created.headers.get('location')!.split('/services')[0]!;
    // Nothing shortlisted: the create guard refuses the referral (VALIDATION on the shortlist).
    const res = await post(w, w.sessions.gp, `${draftPath}/submit`, { choice: 'later' });
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain('Choose at least one service');
    expect(html).toContain('href="#shortlist"');
    expect(html).toMatch(/name="choice" value="later"/);
  });

  it('goes from details to search, shortlist and booking, and a resubmit creates one referral', async () => {
    const created = await multipart(details({ 'letter-status': 'ATTACHED' }), PDF);
    expect(created.status).toBe(303);
    const servicesPath = created.headers.get('location')!;
    expect(servicesPath).toMatch(/^\/referrals\/drafts\/[\w-]+\/services$/);
    const draftPath = servicesPath.split('/services')[0]!;

    // Step 2 opens on the draft's specialty, taken from the draft, not the address.
    const search = await (await get(w, w.sessions.gp, servicesPath)).text();
    expect(search).toContain('Cardiology Outpatients');
    for (const service of Object.values(w.services)) {
      const added = await post(w, w.sessions.gp, `${draftPath}/shortlist`, {
        serviceId: service.serviceId,
        op: 'add',
        specialtyCode: 'CARDIOLOGY',
      });
      expect(added.status).toBe(200);
    }
    const book = await (await get(w, w.sessions.gp, `${draftPath}/book`)).text();
    expect(book).toContain('Send for triage to Cardiology Referral Assessment');

    const first = await post(w, w.sessions.gp, `${draftPath}/submit`, { choice: `triage:${w.services.ras.serviceId}` });
    const again = await post(w, w.sessions.gp, `${draftPath}/submit`, { choice: `triage:${w.services.ras.serviceId}` });
    expect(first.status).toBe(303);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    const ubrn = /\/referrals\/(\d{12})\/created/.exec(first.headers.get('location')!)![1]!;
    const row = await getReferralRow(w.db, ubrn);
    expect(row?.state).toBe('AWAITING_TRIAGE');
    expect(row?.snapshot.letter.status).toBe('ATTACHED');
    expect(
      await w.db.selectFrom('referrals').where('nhs_number', '=', '9434765919').select('ubrn').execute(),
    ).toHaveLength(1);

    const letter = await (await get(w, w.sessions.gp, `/referrals/${ubrn}/created`)).text();
    expect(letter).toContain('Access code');
    expect(letter).toMatch(/Access code<\/dt><dd class="nhsuk-summary-list__value">(<span[^>]*>)?[A-Z2-9]{8}</);
    // Its print and border styles come from the stylesheet: the CSP allows no inline style or handler.
    expect(letter).toContain('<link rel="stylesheet" href="/assets/carepath.css"/>');
    expect(letter).toContain('class="patient-letter');
    expect(letter).not.toMatch(/\sstyle=|<style|\sonclick=/);

    const pdf = await get(w, w.sessions.clinician, `/referrals/${ubrn}/letter`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  /** A referral the GP made through the create journey, sent for triage: its UBRN. */
  async function createThroughJourney() {
    // Another patient: the journey test above counts the referrals of its own.
    const created = await multipart(details({ 'patient-nhsNumber': '999 000 0026' }));
    const draftPath = created.headers.get('location')!.split('/services')[0]!;
    await post(w, w.sessions.gp, `${draftPath}/shortlist`, { serviceId: w.services.ras.serviceId, op: 'add' });
    const choice = `triage:${w.services.ras.serviceId}`;
    const submitted = await post(w, w.sessions.gp, `${draftPath}/submit`, { choice });
    return /\/referrals\/(\d{12})\/created/.exec(submitted.headers.get('location')!)![1]!;
  }

  it("step 2's search is a POST: no clinical term, nor any other search, goes in a URL", async () => {
    const created = await multipart(details());
    const draftPath = created.headers.get('location')!.split('/services')[0]!;
    const page = await (await get(w, w.sessions.gp, `${draftPath}/services`)).text();
    expect(page).toMatch(new RegExp(`<form method="post" action="${draftPath}/shortlist"`));
    expect(page).not.toContain('method="get"');
    const searched = await post(w, w.sessions.gp, `${draftPath}/shortlist`, {
      specialtyCode: 'CARDIOLOGY',
      clinicalTerm: 'chest pain on exertion',
    });
    expect(searched.status).toBe(200);
    const html = await searched.text();
    expect(html).toContain('value="chest pain on exertion"');
    // Every link and form target on the page, and the redirect before it, is free of the search.
    const targets = [
      created.headers.get('location')!,
      ...[...html.matchAll(/(?:href|action)="([^"]*)"/g)].map((m) => m[1]!),
    ];
    expect(targets.filter((t) => /specialtyCode|clinicalTerm|chest|CARDIOLOGY/.test(t))).toEqual([]);
  });

  it('takes a letter of 4 MB and refuses one of 6 MB with 413', async () => {
    const letter = (bytes: number) => {
      const file = new Uint8Array(bytes);
      file.set(PDF);
      return file;
    };
    const accepted = await multipart(details({ 'letter-status': 'ATTACHED' }), letter(4 * 1024 * 1024));
    expect(accepted.status).toBe(303);
    const refused = await multipart(details({ 'letter-status': 'ATTACHED' }), letter(6 * 1024 * 1024));
    expect(refused.status).toBe(413);
  });

  it('shows the patient letter only while its author acts for the organisation that referred', async () => {
    const ubrn = await createThroughJourney();
    expect((await get(w, w.sessions.gp, `/referrals/${ubrn}/created`)).status).toBe(200);
    // The same user, switched to another practice where they also refer.
    const elsewhere = await signIn(w.db, { userId: w.sessions.gp.actor.userId, orgCode: 'A81002', role: 'B1101' });
    const res = await get(w, elsewhere, `/referrals/${ubrn}/created`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain('Bob');
    expect(html).not.toContain('Access code');
    expect(html).toBe(await (await get(w, elsewhere, '/referrals/999999999999/created')).text());
    const refusals = (await auditTrailFor(w.db, 'referral', ubrn)).filter((a) => a.action === 'referral.view_refused');
    expect(refusals.map((a) => a.actor_org)).toEqual(['A81002']);
  });
});
