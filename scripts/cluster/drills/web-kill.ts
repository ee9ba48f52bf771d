import { REFERRER_ORG } from '../../../domain/fixtures';
import { addOrganisation, addPostcodeDistricts } from '../../../fixtures/directory';
import { signIn } from '../../../fixtures/identity';
import { addDbsService } from '../../../fixtures/referrals';
import type { DrillDeployment } from './deployment';
import type { DrillRecorder } from './report';
import { type HttpBrowser, httpBrowser, leaksInternals, referralDetails } from './web';

/**
 * Kill the web server a user's form came from, then submit the form: the proxy must send it to
 * the other server, the session (in PostgreSQL) must still be signed in, and submitting the same
 * form again must create nothing twice. Done twice: killed between page and submit, and killed
 * while the submit is in flight.
 */
export async function webKillDrill(d: DrillDeployment, r: DrillRecorder) {
  if (!d.proxy || d.webServers.length < 2) throw new Error('The web drill needs two web servers behind the proxy');
  await addOrganisation(d.db, {
    ods_code: REFERRER_ORG,
    name: 'Drill Surgery',
    type: 'GP_PRACTICE',
    postcode: 'LS1 4AP',
  });
  // The search on step 2 measures distance from the patient's postcode district.
  await addPostcodeDistricts(d.db, [{ outcode: 'LS1', lat: 53.7965, lng: -1.5479 }]);
  const clinic = await addDbsService(d.db, 'Drill cardiology clinic');
  const session = await signIn(d.db, { orgCode: REFERRER_ORG, role: 'B1101', displayName: 'Dr Drill' });
  const browser = httpBrowser(d.appUrl, session);
  const byName = (name: string) => d.webServers[Number(name.replace('web', '')) - 1]!;

  for (const when of ['before the submit', 'while the submit is in flight'] as const) {
    const draftPath = await formUpTo3(browser, clinic.serviceId);
    const form = await browser.get(`${draftPath}/book`);
    const victim = byName(form.server);
    r.did(`filled in a referral (details, shortlist) and opened step 3 "Book or send", served by ${form.server}`);

    let submitted;
    if (when === 'before the submit') {
      await victim.kill();
      r.did(`SIGKILL ${victim.name} (${form.server}) ${when}`);
      submitted = await browser.post(`${draftPath}/submit`, { choice: 'later' });
    } else {
      const inFlight = browser.post(`${draftPath}/submit`, { choice: 'later' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await victim.kill();
      r.did(`SIGKILL ${victim.name} (${form.server}) ${when}`);
      submitted = await inFlight;
    }
    r.did(
      `submit answered ${submitted.status} by ${submitted.server}${submitted.location ? ` -> ${submitted.location}` : ''}`,
    );
    // What a user does when unsure it went through: submit the same page again.
    const again = await browser.post(`${draftPath}/submit`, { choice: 'later' });
    r.did(`submitted the same form again: ${again.status} by ${again.server}`);
    const ubrn = /\/referrals\/(\d{12})\/created/.exec(again.location ?? submitted.location ?? '')?.[1];
    const draftId = draftPath.split('/').at(-1)!;

    r.check(
      when === 'before the submit'
        ? {
            name: `${when}: the proxy sent the submit to the other web server`,
            ok: submitted.status === 303 && submitted.server !== form.server,
            detail: `form from ${form.server}, submit answered ${submitted.status} by ${submitted.server}`,
          }
        : {
            // Finished on the victim, retried on the other by the proxy, or a plain "try again" page.
            name: `${when}: the submit got an answer, never an internal error`,
            ok: (submitted.status === 303 || submitted.status >= 500) && leaksInternals(submitted.body) === undefined,
            detail: `form from ${form.server}, submit answered ${submitted.status} by ${submitted.server}`,
          },
    );
    r.check({
      name: `${when}: still signed in, the referral created`,
      ok: again.status === 303 && ubrn !== undefined && !again.location?.includes('sign-in'),
      detail: `${again.status} -> ${again.location}`,
    });
    const made = await d.db
      .selectFrom('referral_requests')
      .select('ubrn')
      .where('idempotency_key', '=', draftId)
      .execute();
    const rows = ubrn ? await d.db.selectFrom('referrals').select('ubrn').where('ubrn', '=', ubrn).execute() : [];
    r.check({
      name: `${when}: the form created one referral, not two`,
      ok:
        made.length === 1 &&
        rows.length === 1 &&
        (submitted.location === null || submitted.location === again.location),
      detail: `${made.length} UBRN allocated for the form, ${rows.length} read row, both submits -> ${again.location}`,
    });
    const page = await browser.get(`/referrals/${ubrn}/created`);
    r.check({
      name: `${when}: the created page opens on the surviving server, no error shown`,
      ok: page.status === 200 && leaksInternals(page.body) === undefined,
      detail: `${page.status} by ${page.server}`,
    });

    await victim.start();
    r.did(`started ${victim.name} again`);
    await waitForBoth(browser);
  }

  // Both servers serve the same session.
  const served = new Map<string, number>();
  for (let i = 0; i < 10; i++) {
    const page = await browser.get('/referrer');
    if (page.status === 200) served.set(page.server, (served.get(page.server) ?? 0) + 1);
  }
  r.did(`10 page loads after the restarts: ${[...served].map(([s, n]) => `${n} by ${s}`).join(', ')}`);
  r.check({
    name: 'the session is served by both web servers',
    ok: served.size === 2 && [...served.values()].reduce((a, b) => a + b, 0) === 10,
    detail: `${served.size} servers answered 200 to the same session cookie`,
  });
}

/** Details, then one service on the shortlist: returns the draft's path. */
async function formUpTo3(browser: HttpBrowser, serviceId: string): Promise<string> {
  const started = await browser.post('/referrals/new', referralDetails(REFERRER_ORG));
  if (started.status !== 303 || !started.location) {
    throw new Error(`Step 1 answered ${started.status}: ${problemsOf(started.body)}`);
  }
  const draftPath = started.location.replace(/\/services$/, '');
  await browser.get(started.location);
  const added = await browser.post(`${draftPath}/shortlist`, { op: 'add', serviceId, specialtyCode: 'CARDIOLOGY' });
  if (added.status !== 200)
    throw new Error(`Adding to the shortlist answered ${added.status}: ${problemsOf(added.body)}`);
  return draftPath;
}

async function waitForBoth(browser: HttpBrowser) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) seen.add((await browser.get('/healthz')).server);
    if (seen.size === 2) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('The restarted web server did not come back behind the proxy');
}

/** The error summary's messages, to say why a step was refused. */
function problemsOf(body: string): string {
  const problems = [...body.matchAll(/<a href="#([\w-]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]}: ${m[2]}`);
  return (
    problems.join('; ') ||
    body
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .slice(0, 400)
  );
}
