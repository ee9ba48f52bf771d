import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAdviceRow } from '../../db/advice/advice.repository';
import { auditTrailFor } from '../../db/audit/audit.repository';
import { ADVICE_PATIENT, addAdviceService } from '../../fixtures/advice';
import { signIn } from '../../fixtures/identity';
import { displayUbrn } from '../../domain/ids';
import { addWorkingDays, isoDateOf } from '../../domain/working-days';
import { formatDate } from '../components/format';
import type { TestSession } from '../../tests/helpers/session';
import { type ReferralWorld, TRUST, createReferralWorld, get, post } from '../../tests/helpers/referral-world';

/**
 * The text a PDF draws, read the plain way: each content stream inflated, and the strings its
 * text operators show (pdfkit writes the standard fonts' text as hex strings in TJ arrays).
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const op of body.matchAll(/\[(.*?)\]\s*TJ/gs)) {
      text += [...op[1]!.matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((h) => Buffer.from(h[1]!, 'hex').toString('latin1'))
        .join('');
      text += '\n';
    }
  }
  return text;
}

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

  it('downloads the advice summary as a PDF with the whole conversation, audited, linked from the summary', async () => {
    const ubrn = /\/advice\/(\d{12})/.exec(
      (await ask({ question: 'Raised ALP: refer? Café' })).headers.get('location')!,
    )![1]!;
    await post(w, w.sessions.clinician, `/advice/${ubrn}/actions/RESPOND`, {
      expectedVersion: '1',
      'RESPOND-text': 'Repeat LFTs in 6 weeks.',
      'RESPOND-outcome': 'ADVICE_ONLY',
    });
    const summary = await (await get(w, w.sessions.gp, `/advice/${ubrn}/summary`)).text();
    expect(summary).toContain(`href="/advice/${ubrn}/summary?format=pdf"`);

    const res = await get(w, w.sessions.gp, `/advice/${ubrn}/summary?format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="advice-summary-${ubrn}.pdf"`);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    expect([...pdf.toString('latin1').matchAll(/\/Type \/Page\b/g)].length).toBeGreaterThan(0);
    const text = pdfText(pdf);
    expect(text).toContain(`Advice summary ${displayUbrn(ubrn)}`);
    expect(text).toContain('Raised ALP: refer? Café');
    expect(text).toContain('Repeat LFTs in 6 weeks.');
    expect(text).toContain('Advice only: no referral needed');
    expect(text).toContain('Dr Consultant, Service Provider Clinician, RXX');
    expect(text).toContain('ADVICE, Ada');
    // Outside the page content (the metadata, the object tables) the file names no patient.
    const outsideStreams = pdf.toString('latin1').replace(/stream\r?\n[\s\S]*?endstream/g, '');
    expect(outsideStreams).toContain('/Title');
    expect(outsideStreams).not.toMatch(/Ada|ADVICE|999 ?000 ?0018/);

    const downloads = (await auditTrailFor(w.db, 'advice', ubrn)).filter(
      (a) => a.action === 'advice.summary_downloaded',
    );
    expect(downloads.map((a) => (a.detail as { format?: string }).format)).toEqual(['html', 'pdf']);
    // The same checks as the page: another trust's clinician gets neither the PDF nor a row saying they did.
    expect((await get(w, w.sessions.otherTrust, `/advice/${ubrn}/summary?format=pdf`)).status).toBe(403);
  });

  it('shows advice only to the clinical roles of the two organisations', async () => {
    const ubrn = /\/advice\/(\d{12})/.exec((await ask({})).headers.get('location')!)![1]!;
    expect((await get(w, w.sessions.admin, `/advice/${ubrn}`)).status).toBe(403);
    expect((await get(w, w.sessions.gpAdmin, `/advice/${ubrn}`)).status).toBe(403);
    expect((await get(w, w.sessions.otherTrust, `/advice/${ubrn}`)).status).toBe(403);
  });

  it('lets the service definer view and change a service’s response target, validated and audited; new asks are due by it', async () => {
    const definer = await signIn(w.db, { orgCode: TRUST, role: 'B1107' });
    const list = await (await get(w, definer, '/advice/response-targets')).text();
    expect(list).toMatch(new RegExp(`data-testid="response-target-${serviceId}">\\s*2 working days \\(default\\)`));
    expect(list).toContain(`href="/advice/response-targets/${serviceId}"`);
    const form = await (await get(w, definer, `/advice/response-targets/${serviceId}`)).text();
    expect(form).toContain('name="workingDays"');
    expect(form).toContain('value="2"');

    for (const bad of ['2.5', '0', '21', 'two', '']) {
      const refused = await post(w, definer, `/advice/response-targets/${serviceId}`, { workingDays: bad });
      expect(refused.status, bad).toBe(422);
      const html = await refused.text();
      expect(html, bad).toMatch(
        /href="#workingDays">(Response target must be a whole number of working days from 1 to 20|Enter the response target in working days)</,
      );
      if (bad) expect(html, bad).toContain(`value="${bad}"`);
    }
    expect(
      (await auditTrailFor(w.db, 'service', serviceId)).filter((a) => a.action === 'advice.response_target_changed'),
    ).toEqual([]);

    const saved = await post(w, definer, `/advice/response-targets/${serviceId}`, { workingDays: ' 5 ' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/advice/response-targets?changed=${serviceId}`);
    const after = await (await get(w, definer, saved.headers.get('location')!)).text();
    expect(after).toMatch(new RegExp(`data-testid="response-target-${serviceId}">\\s*5 working days\\s*<`));
    expect(after).toContain('now has a response target of 5 working days');
    const changes = (await auditTrailFor(w.db, 'service', serviceId)).filter(
      (a) => a.action === 'advice.response_target_changed',
    );
    expect(changes).toEqual([
      expect.objectContaining({ actor_role: 'B1107', detail: { workingDays: { before: null, after: 5 } } }),
    ]);

    // The worklist's due date follows the new target: 5 working days from the day it was asked.
    const asked = await ask({});
    const ubrn = /\/advice\/(\d{12})/.exec(asked.headers.get('location')!)![1]!;
    const due = addWorkingDays(isoDateOf(new Date().toISOString()), 5);
    expect((await getAdviceRow(w.db, ubrn))?.response_due?.toISOString().slice(0, 10)).toBe(due);
    const worklist = await (await get(w, w.sessions.clinician, '/advice/worklists/awaiting-response')).text();
    const row = worklist.slice(
      worklist.indexOf(`/advice/${ubrn}`),
      worklist.indexOf('</tr>', worklist.indexOf(`/advice/${ubrn}`)),
    );
    expect(row).toContain(formatDate(due));
    await post(w, definer, `/advice/response-targets/${serviceId}`, { workingDays: '2' });

    // Only the definer, and only for its own organisation's services.
    expect((await get(w, w.sessions.clinician, '/advice/response-targets')).status).toBe(403);
    expect((await post(w, clinicianAdmin, `/advice/response-targets/${serviceId}`, { workingDays: '3' })).status).toBe(
      403,
    );
    const otherDefiner = await signIn(w.db, { orgCode: 'RYY', role: 'B1107' });
    expect((await get(w, otherDefiner, `/advice/response-targets/${serviceId}`)).status).toBe(403);
    expect((await post(w, otherDefiner, `/advice/response-targets/${serviceId}`, { workingDays: '3' })).status).toBe(
      403,
    );
    expect(await (await get(w, otherDefiner, '/advice/response-targets')).text()).not.toContain('Hepatology Advice');
  });

  it('counts the A&G worklists on the home pages', async () => {
    const provider = await (await get(w, w.sessions.clinician, '/provider')).text();
    expect(provider).toContain('Advice and Guidance Requests');
    expect(provider).toMatch(/data-testid="advice-count-awaiting-response">\s*[1-9]/);
    const referrer = await (await get(w, w.sessions.gp, '/referrer')).text();
    expect(referrer).toContain('Ask for advice and guidance');
  });
});
