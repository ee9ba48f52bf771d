import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_CODES, type RoleCode } from '../../domain/roles';
import { createTestApp } from '../../tests/helpers/app';
import { signIn, type TestSession } from '../../tests/helpers/session';
import { declaredRoutes, examplePath } from '../../tests/helpers/routes';
import type { Access } from './route-table';
import { ROUTE_ACCESS } from './route-table';

// Served before the session middleware, to anyone: static files and health checks.
const OPEN_PATHS = ['/assets/*', '/healthz', '/readyz'];

/*
 * Who may use each route, written from e-RS's roles (../shared/domain.md, "People and roles"),
 * never read from the route table or the permission tables: a wrong rule there fails here. The
 * first line whose method and path match a route gives its expectation; a route no line
 * matches fails the test until someone writes down who may use it.
 */
const REFERRER_CLINICIANS: RoleCode[] = ['B1101', 'B1102']; // create referrals, ask for advice
const REFERRERS: RoleCode[] = [...REFERRER_CLINICIANS, 'B1103']; // + manage appointments, no clinical data
const PROVIDER_CLINICIANS: RoleCode[] = ['B1110', 'B1115']; // review, triage, answer advice
const PROVIDERS: RoleCode[] = [...PROVIDER_CLINICIANS, 'B1120']; // + book and manage appointments and worklists
const DEFINER: RoleCode[] = ['B1107']; // services, slots and booking windows
const COMMISSIONER: RoleCode[] = ['B1106']; // commissioning rules
const ANALYST: RoleCode[] = ['B1130']; // reports and extracts
const RA_ADMIN: RoleCode[] = ['CP0001']; // Carepath's own: users and their roles (roles.ts)
const OPS: RoleCode[] = ['CP0002']; // Carepath's own: decoded workflow payloads (roles.ts)

const EXPECTED: [method: string | undefined, path: RegExp, access: Access][] = [
  // Signing in and out happen before there is a user; a temporary password's handler checks its stage.
  [
    undefined,
    /^\/$|^\/auth\/(sign-in|sign-in\/code|authenticator|password\/new|passkey\/.*|sign-out|signed-out)$/,
    'public',
  ],
  // A signed-in user's own account, and choosing an organisation and role, come before any role.
  [undefined, /^\/auth\//, 'signed-in'],
  [undefined, /^\/referrer$/, REFERRERS],
  [undefined, /^\/provider$/, PROVIDERS],
  [undefined, /^\/service-definer$/, DEFINER],
  [undefined, /^\/commissioner$/, COMMISSIONER],
  [undefined, /^\/analyst$/, ANALYST],
  [undefined, /^\/admin\//, RA_ADMIN],
  // The Temporal UI's codec: its preflight carries no credentials by design.
  ['OPTIONS', /^\/codec\//, 'public'],
  [undefined, /^\/(codec|ops)(\/|$)/, OPS],
  // Replaying histories: operations engineers, and trainers (Carepath's own CP0003, training space
  // only, always masked); fetching one from Temporal is operations' alone.
  ['POST', /^\/replay\/(fetch|export)$/, OPS],
  [undefined, /^\/replay(\/|$)/, [...OPS, 'CP0003']],
  // Creating a referral and choosing its services: the referring clinician (or their admin).
  [undefined, /^\/referrals\/(new|drafts)(\/|$)|^\/referrals\/[^/]+\/(created|shortlist)/, REFERRER_CLINICIANS],
  // The patient's letter is the referrer's to print; no clinical data in it.
  [undefined, /^\/referrals\/[^/]+\/patient-letter$/, REFERRERS],
  // A referral, its actions and booking: both sides (the service checks the relationship).
  [undefined, /^\/referrals\/[^/]+(\/|$)/, [...REFERRERS, ...PROVIDERS]],
  [undefined, /^\/(find|worklists|notifications)(\/|$)/, [...REFERRERS, ...PROVIDERS]],
  // Advice and guidance: a referring clinician asks, a provider clinician answers; admins of neither side.
  [undefined, /^\/advice\/new/, REFERRER_CLINICIANS],
  // An advice service's response target is part of its definition: the service definer's.
  [undefined, /^\/advice\/response-targets(\/|$)/, DEFINER],
  [undefined, /^\/advice(\/|$)/, [...REFERRER_CLINICIANS, ...PROVIDER_CLINICIANS]],
  // The Directory of Services: referrers search it and read a service; the definer keeps it.
  [undefined, /^\/directory\/(search|services\/[^/]+\/about)$/, REFERRERS],
  [undefined, /^\/directory\/clinic-types$/, [...DEFINER, ...REFERRERS]],
  [undefined, /^\/directory\/services(\/|$)/, DEFINER],
  // Clinics and capacity: the definer, and the provider admin who manages appointments;
  // provider clinicians may look at capacity, not change it.
  [undefined, /^\/directory\/clinics\/cancel$/, [...DEFINER, 'B1120']],
  ['GET', /^\/directory\/capacity$/, [...DEFINER, ...PROVIDERS]],
  [undefined, /^\/directory\/capacity(\/|$)/, [...DEFINER, 'B1120']],
  [undefined, /^\/directory\/commissioning(\/|$)/, COMMISSIONER],
  [undefined, /^\/reports(\/|$)/, ANALYST],
  // The trainer's page: Carepath's own Trainer, mounted only in a training space (decision 0020).
  [undefined, /^\/training(\/|$)/, ['CP0003']],
];

function expectedAccess(method: string, path: string): Access | undefined {
  return EXPECTED.find(([m, pattern]) => (m === undefined || m === method) && pattern.test(path))?.[2];
}

const sameAccess = (a: Access | undefined, b: Access | undefined) =>
  typeof a === 'string' || typeof b === 'string' ? a === b : [...a!].sort().join() === [...b!].sort().join();

describe('every route declares who may use it, and that is enforced', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  const routes = () => declaredRoutes(t.app, (path) => OPEN_PATHS.includes(path));

  it('finds an access rule for every route (the route table, or requireRole on the route)', () => {
    const undeclared = routes()
      .filter((r) => r.access === undefined)
      .map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('declares for every route the roles e-RS gives that work, no more and no fewer', () => {
    const unexpected = routes()
      .filter((r) => !sameAccess(r.access, expectedAccess(r.method, r.path)))
      .map(
        (r) =>
          `${r.method} ${r.path}: declares ${JSON.stringify(r.access)}, expected ${JSON.stringify(expectedAccess(r.method, r.path))}`,
      );
    expect(unexpected).toEqual([]);
  });

  it('tries each route with no session and with every role', async () => {
    for (const route of routes()) {
      const path = examplePath(route.path);
      const expected = expectedAccess(route.method, route.path);
      const request = (session?: TestSession) =>
        t.app.request(path, {
          method: route.method,
          headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {},
          redirect: 'manual',
        });
      const label = `${route.method} ${route.path}`;
      const anonymous = await request();
      if (expected !== 'public') expect(anonymous.status, `${label} without a session`).toBe(401);
      // Every role at once (eleven requests): a fresh session each, as signing out ends the one it was given.
      const responses = await Promise.all(
        ROLE_CODES.map(async (role) => {
          const response = await request(await signIn(t.db, { orgCode: 'A81001', role }));
          return { role, status: response.status, body: await response.text() };
        }),
      );
      for (const { role, status, body } of responses) {
        const denied = status === 401 || body.includes('is not available to the');
        // This app is live: the Trainer (CP0003) exists only in a training space, so it is refused
        // wherever a role is needed, whatever the route declares (decision 0020).
        const allowed =
          expected === 'public' || expected === 'signed-in' || (expected!.includes(role) && role !== 'CP0003');
        expect(denied, `${label} as ${role}`).toBe(!allowed);
        if (!allowed) expect(status, `${label} as ${role}`).toBe(403);
      }
    }
  }, 300_000);

  it('has no GET route that changes anything: every GET in the table is a page', () => {
    const gets = Object.keys(ROUTE_ACCESS).filter((k) => k.startsWith('GET '));
    expect(gets.every((k) => !/(remove|reset|unlock|sign-out|keep-alive)/.test(k))).toBe(true);
  });
});
