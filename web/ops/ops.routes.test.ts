import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastReconciliation } from '../../db/ops/ops.repository';
import { SERVICES, actorFor, createInput } from '../../domain/fixtures';
import { defaultPolicy } from '../../domain/policy';
import { actOnReferral, createReferral } from '../../services/referrals/referral-workflows';
import { freePort } from '../../system/ports';
import { type RunningServer, startServer } from '../../system/server';
import { reconcileScheduleId } from '../../temporal/nightly-schedule';
import { createTestApp } from '../../tests/helpers/app';
import { axeViolations } from '../../tests/helpers/axe';
import { launchChromium, signedInPage } from '../../tests/helpers/browser';
import { type TestSession, signIn } from '../../tests/helpers/session';

describe('the operations page', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let ops: TestSession;
  let stuck: string;
  const get = (path: string, session: TestSession = ops) =>
    t.app.request(path, { headers: { cookie: session.cookie }, redirect: 'manual' });

  beforeAll(async () => {
    t = await createTestApp({ PORT: String(await freePort()) });
    ops = await signIn(t.db, { orgCode: 'A81001', role: 'CP0002' });
    const { client, target } = t.system;
    const gp = actorFor('B1101');
    const create = async () => {
      const { ubrn: _placeholder, ...input } = createInput();
      const options = { taskQueue: target.taskQueue };
      return (await createReferral(client, t.db, input, gp, defaultPolicy, options)).referral.ubrn;
    };
    const [breached, quiet] = [await create(), await create()];
    stuck = await create();
    // Set by hand, not by a timer: reconciliation rightly finds this row out of step.
    await t.db.updateTable('referrals').set({ breached: true }).where('ubrn', '=', breached).execute();
    // The creates queued their own notices: replace them with a known backlog.
    await t.db.deleteFrom('notifications').execute();
    await t.db
      .insertInto('notifications')
      .values([
        { ubrn: breached, version: 1, recipient: 'PATIENT', recipient_org_code: null, template: 'CREATE' },
        { ubrn: quiet, version: 1, recipient: 'PATIENT', recipient_org_code: null, template: 'CREATE' },
        { ubrn: quiet, version: 1, recipient: 'PROVIDER', recipient_org_code: 'RXX', template: 'CREATE' },
      ])
      .execute();
    await t.db.updateTable('notifications').set({ status: 'FAILED' }).where('recipient', '=', 'PROVIDER').execute();
    await client.schedule.getHandle(reconcileScheduleId(target.taskQueue)).trigger();
    for (const deadline = Date.now() + 60_000; (await lastReconciliation(t.db)) === undefined;) {
      if (Date.now() > deadline) throw new Error('The triggered reconciliation did not finish within a minute');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // A real failing activity: the database refuses this referral's next timeline row.
    await sql
      .raw(
        `create function refuse_timeline() returns trigger language plpgsql as $$ begin
           if new.ubrn = '${stuck}' then raise exception 'refused for the test'; end if; return new; end $$;
         create trigger refuse_timeline before insert on referral_timeline
           for each row execute function refuse_timeline();`,
      )
      .execute(t.db);
    const triage = { type: 'SEND_FOR_TRIAGE', expectedVersion: 1, serviceId: SERVICES.ras.serviceId } as const;
    void actOnReferral(client, stuck, triage, gp).catch(() => undefined);
  });
  afterAll(async () => {
    await sql`drop trigger if exists refuse_timeline on referral_timeline`.execute(t.db);
    await t?.stop();
  });

  it('shows CP0002 the outbox backlog, breaches, last reconciliation, schedules and a stuck workflow', async () => {
    let html = '';
    const settled = () => html.includes('activity projectReferral') && html.includes('(completed)');
    for (let attempt = 0; attempt < 100 && !settled(); attempt++) {
      const response = await get('/ops');
      expect(response.status).toBe(200);
      html = await response.text();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    // Each cell repeats its column heading for small screens.
    expect(text).toMatch(/Waiting to be sent How many 2 /);
    expect(text).toMatch(/Failed, left for a person How many 1 /);
    expect(text).toMatch(/ROUTINE How many 1 /);
    expect(text).toMatch(/Kind Compared only Open referrals checked 3 Out of step 1 /);
    expect(text).toMatch(/What differs content /);
    expect(html).toContain(`/workflows/referral-${stuck}`);
    expect(text).toMatch(/Retrying activity projectReferral Attempt \d+ /);
    const ns = 'http://127.0.0.1:8233/namespaces/default';
    for (const id of ['clean-up', 'slot-roll-forward', 'reconcile']) {
      expect(html).toContain(`${ns}/schedules/${id}-${t.system.target.taskQueue}`);
    }
    expect(text).toMatch(/Reconciliation \(nightly\) State Active Last run [^(]+\(completed\)/);
    expect(text).not.toContain('Example'); // the fixtures' patient surname: no patient data here
  });

  it('refuses other roles', async () => {
    const gp = await signIn(t.db, { orgCode: 'A81001', role: 'B1101' });
    expect((await get('/ops', gp)).status).toBe(403);
    expect((await get('/ops/workflow?ubrn=123456789012', gp)).status).toBe(403);
  });

  it('opens a referral’s workflow in the Temporal UI by its booking reference, and says what is wrong with a bad one', async () => {
    const found = await get('/ops/workflow?ubrn=1234+5678+9012');
    expect(found.status).toBe(303);
    expect(found.headers.get('location')).toBe(
      'http://127.0.0.1:8233/namespaces/default/workflows/referral-123456789012',
    );
    const refused = await get('/ops/workflow?ubrn=12345');
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('<a href="#ubrn">Booking reference (UBRN) must be 12 digits</a>');
    expect(html).toContain('value="12345"');
  });

  describe('in a browser', () => {
    let server: RunningServer;
    let browser: Browser;
    beforeAll(async () => {
      server = await startServer(t.system);
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('has no accessibility violations', async () => {
      const page = await signedInPage(browser, server.url, ops);
      await page.goto(`${server.url}/ops`);
      expect(await page.locator('h1').textContent()).toBe('Operations');
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${server.url}/ops/workflow?ubrn=12345`);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
