import { describe, expect, it } from 'vitest';
import { scrapeMetrics } from '../../services/ops/metrics';
import { appInput } from '../../system/system';
import { type ReferralWorld, act, get, post, referralWorldSuite } from '../../tests/helpers/referral-world';
import { createApp } from '../app';
import { jsonLogger } from './logging';

// referral-world's patient, typed into the create form here as a GP would.
const PATIENT = { nhsNumber: '9990000018', givenName: 'Alice', familyName: 'Example' };

/** The value of one sample in Prometheus text, e.g. `name{label="v",...} 3`. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every((pair) => l.slice(0, l.indexOf('}')).includes(pair)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('logs and metrics of a whole journey', () => {
  const w = referralWorldSuite();
  const lines: string[] = [];
  let world: ReferralWorld;
  let ubrn: string;
  const responses: Response[] = [];

  /** The GP refers Alice through the create pages, the trust triages her, both read her page. */
  async function journey() {
    world = { ...w, app: createApp(appInput(w.system), { logger: jsonLogger((line) => lines.push(line)) }) };
    const { gp, clinician } = w.sessions;
    responses.push(await get(world, gp, '/referrals/new'));
    const form = new FormData();
    const fields = {
      _csrf: gp.csrfToken,
      'patient-source': 'manual',
      'patient-nhsNumber': PATIENT.nhsNumber,
      'patient-givenName': PATIENT.givenName,
      'patient-familyName': PATIENT.familyName,
      'patient-dateOfBirth-day': '3',
      'patient-dateOfBirth-month': '2',
      'patient-dateOfBirth-year': '1961',
      'patient-sex': 'female',
      'patient-address': '1 Park Row, Leeds',
      'patient-postcode': 'LS1 4AP',
      'patient-registeredPracticeCode': gp.actor.orgCode,
      priority: 'URGENT',
      specialty: 'CARDIOLOGY',
      reason: 'Breathless on exertion',
      clinicalInformation: 'ECG: sinus rhythm.',
      'letter-status': 'TO_FOLLOW',
    };
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const created = await world.app.request('/referrals/new', {
      method: 'POST',
      body: form,
      headers: { cookie: gp.cookie },
      redirect: 'manual',
    });
    expect(created.status).toBe(303);
    const draftPath = created.headers.get('location')!.split('/services')[0]!;
    responses.push(await get(world, gp, `${draftPath}/services`));
    await post(world, gp, `${draftPath}/shortlist`, { serviceId: w.services.ras.serviceId, op: 'add' });
    const submitted = await post(world, gp, `${draftPath}/submit`, { choice: `triage:${w.services.ras.serviceId}` });
    ubrn = /\/referrals\/(\d{12})\/created/.exec(submitted.headers.get('location')!)![1]!;

    responses.push(await get(world, clinician, '/worklists/review'));
    responses.push(await get(world, clinician, `/referrals/${ubrn}`));
    await act(world, clinician, ubrn, 'TRIAGE_OUTCOME', {
      form: 'TRIAGE_OUTCOME-advice',
      'TRIAGE_OUTCOME-advice-advice': `Refer ${PATIENT.givenName} to cardiology outpatients instead.`,
    });
    responses.push(await get(world, gp, `/referrals/${ubrn}`));
    responses.push(await world.app.request(`/referrals/${ubrn}/no-such-page`));
  }

  it('logs one JSON line per request, with its id and no personal data', async () => {
    await journey();
    expect(lines.length).toBeGreaterThan(8);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of parsed) expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
    for (const secret of [PATIENT.nhsNumber, PATIENT.givenName, PATIENT.familyName, ubrn]) {
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    }
    // Each response names its request's log line.
    const ids = new Set(parsed.map((entry) => entry.requestId));
    for (const res of responses) expect(ids.has(res.headers.get('X-Request-Id'))).toBe(true);
    expect(parsed).toContainEqual(
      expect.objectContaining({
        event: 'request',
        method: 'GET',
        route: '/referrals/:ubrn',
        status: 200,
        role: w.sessions.clinician.actor.role,
        org: w.sessions.clinician.actor.orgCode,
      }),
    );
  });

  it('exposes request and update latency, worklist sizes and the outbox after the journey', async () => {
    const text = await scrapeMetrics(w.db);
    const http = 'carepath_http_request_duration_seconds_count';
    expect(sample(text, http, { method: 'GET', route: '/referrals/:ubrn', status: '200' })).toBe(2);
    expect(sample(text, http, { method: 'POST', route: '/referrals/:ubrn/actions/:type', status: '303' })).toBe(1);
    const update = 'carepath_workflow_update_duration_seconds_count';
    expect(sample(text, update, { command: 'Created', outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(text, update, { command: 'TriageOutcome', outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(text, 'carepath_worklist_size', { worklist: 'rejected-triage', side: 'referrer' })).toBe(1);
    expect(sample(text, 'carepath_notification_outbox', { status: 'pending' })).toBeGreaterThan(0);
    expect(sample(text, 'carepath_notification_outbox', { status: 'failed' })).toBe(0);
    expect(text).toMatch(/^carepath_referrals_contact_target_breached 0$/m);
    // Route labels are patterns: no UBRN, whatever path was asked for.
    expect(text).not.toContain(ubrn);
  });
});
