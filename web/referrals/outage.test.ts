import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import { defaultPolicy } from '../../domain/policy';
import { createServices } from '../../services';
import { type ReferralWorld, createReferralWorld } from '../../tests/helpers/referral-world';
import { createApp } from '../app';

/**
 * Temporal down, the database up: an action cannot be sent, so the page must say Carepath
 * cannot reach Temporal (never "refused"), keep the form open with what was typed, and leave
 * the referral as it was.
 */
describe('an action while Temporal cannot be reached', () => {
  let w: ReferralWorld;
  // Nothing listens on port 1, and without the client's retries a call fails at once.
  const unreachable = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] });
  let appInOutage: ReturnType<typeof createApp>;

  beforeAll(async () => {
    w = await createReferralWorld();
    const services = createServices({
      db: w.db,
      temporal: new Client({ connection: unreachable }),
      taskQueue: w.taskQueue,
      policy: defaultPolicy,
    });
    appInOutage = createApp({ services, config: w.system.config, secrets: w.system.secrets });
  });
  afterAll(async () => {
    await unreachable.close();
    await w?.stop();
  });

  it('says so, keeps the typed comment, and changes nothing', async () => {
    const referral = await w.refer();
    const session = w.sessions.gp;
    const comment = 'Patient moved away; referring locally instead.';
    const response = await appInOutage.request(`/referrals/${referral.ubrn}/actions/CANCEL_REFERRAL`, {
      method: 'POST',
      body: new URLSearchParams({
        _csrf: session.csrfToken,
        expectedVersion: String(referral.version),
        'CANCEL_REFERRAL-reason': 'PATIENT_REQUEST_CANCELLATION_OTHER',
        'CANCEL_REFERRAL-comment': comment,
      }),
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    expect(response.status).toBe(503);
    const page = await response.text();
    expect(page).toContain('Carepath cannot reach Temporal just now');
    expect(page).toContain('What you entered is kept below');
    expect(page).not.toMatch(/refused|not allowed/i);
    expect(page).toContain(comment);
    const row = await getReferralRow(w.db, referral.ubrn);
    expect(row?.version).toBe(referral.version);
    expect(row?.state).toBe('NOT_BOOKED');
  });

  it('a page that only reads still works: the read tables answer without Temporal', async () => {
    const referral = await w.refer();
    const response = await appInOutage.request(`/referrals/${referral.ubrn}`, {
      headers: { cookie: w.sessions.gp.cookie },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(referral.ubrn);
  });
});
