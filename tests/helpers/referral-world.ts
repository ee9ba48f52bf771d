import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import type { Database } from '../../db/database';
import type { Actor } from '../../domain/actor';
import type { CreateReferralInputRaw } from '../../domain/create-referral';
import { defaultPolicy } from '../../domain/policy';
import type { Service } from '../../domain/referral';
import {
  addOrganisations,
  addPostcodeDistricts,
  addService,
  addSlot,
  bookable,
  shortlisted,
} from '../../fixtures/directory';
import { referralInput } from '../../fixtures/referrals';
import { createReferral } from '../../services/referrals/referral-workflows';
import type { ReferralService } from '../../services/referrals/referrals.service';
import type { WorklistService } from '../../services/worklists/worklists.service';
import { appInput } from '../../system/system';
import { createApp } from '../../web/app';
import { testLogger } from './app';
import { type TestSession, signIn } from './session';
import { startTestSystem } from './system';

export const GP = 'A81001';
export const TRUST = 'RXX';
export const OTHER_TRUST = 'RYY';

/** The world's people: `createReferralWorld` signs each in, and its `sessions` carry these actors. */
export const ACTORS = {
  gp: { orgCode: GP, role: 'B1101', userId: 'gp-1', displayName: 'Dr Gee Pee' },
  gpAdmin: { orgCode: GP, role: 'B1103', userId: 'gp-admin-1', displayName: 'Ann Admin' },
  clinician: { orgCode: TRUST, role: 'B1110', userId: 'cons-1', displayName: 'Dr Consultant' },
  admin: { orgCode: TRUST, role: 'B1120', userId: 'clerk-1', displayName: 'Bea Booker' },
  otherTrust: { orgCode: OTHER_TRUST, role: 'B1110', userId: 'other-1', displayName: 'Test user other-1' },
} as const satisfies Record<string, Actor>;

/**
 * A web app over a fresh database and a running worker, with a GP practice, a trust with a
 * directly bookable, an indirectly bookable and a triage cardiology service, and free slots:
 * enough for every referrer and provider journey. Exposes the Temporal client for set-up.
 */
export async function createReferralWorld(options: { env?: Record<string, string> } = {}) {
  const system = await startTestSystem(options);
  const app = createApp(appInput(system), { logger: testLogger });
  const { db, client, target } = system;
  await addPostcodeDistricts(db, [{ outcode: 'LS1', lat: 53.7965, lng: -1.5479 }]);
  await addOrganisations(db, [
    { ods_code: GP, name: 'Leeds Road Surgery', type: 'GP_PRACTICE', postcode: 'LS1 4AP' },
    { ods_code: TRUST, name: 'Leeds Hospitals', type: 'PROVIDER', postcode: 'LS1 3EX' },
    { ods_code: OTHER_TRUST, name: 'York Hospitals', type: 'PROVIDER' },
  ]);
  const services = {
    dbs: await addTrustService(db, 'Cardiology Outpatients', 'DBS'),
    ibs: await addTrustService(db, 'Heart Failure Clinic', 'IBS'),
    ras: await addTrustService(db, 'Cardiology Referral Assessment', 'TRIAGE'),
    /** No slots at all: referrals to it can only be deferred to the provider. */
    full: await addTrustService(db, 'Chest Pain Clinic', 'DBS'),
  };
  // Free slots 3, 4 and 5 days out, by id as the booking form posts them.
  const slots: string[] = [];
  for (const daysAhead of [3, 4, 5]) {
    slots.push(bookable(await addSlot(db, services.dbs.serviceId, { daysAhead })).slotId);
  }
  const sessions = {} as Record<keyof typeof ACTORS, TestSession>;
  for (const [name, actor] of Object.entries(ACTORS)) {
    sessions[name as keyof typeof ACTORS] = await signIn(db, actor);
  }
  return {
    app,
    system,
    db,
    client,
    taskQueue: target.taskQueue,
    services,
    slots,
    sessions,
    /** Creates a NOT_BOOKED referral from the GP, as the create journey would. */
    refer: async (overrides: Partial<CreateReferralInputRaw> = {}, actor: Actor = sessions.gp.actor) => {
      const input = referralInput(actor, [services.dbs, services.ibs, services.ras, services.full], overrides);
      const view = await createReferral(client, db, input, actor, defaultPolicy, { taskQueue: target.taskQueue });
      return view.referral;
    },
    stop: system.stop,
  };
}

export type ReferralWorld = Awaited<ReturnType<typeof createReferralWorld>>;

export type ReferralWorldSuite = ReferralWorld & {
  /** The system's referral and worklist services, as routes call them. */
  referrals: ReferralService;
  worklists: WorklistService;
};

/**
 * The referral world for one test file: made before its first test, stopped after its last.
 * Read its fields inside tests (they are filled in beforeAll); its people are `ACTORS`.
 */
export function referralWorldSuite(options: { env?: Record<string, string> } = {}): ReferralWorldSuite {
  const suite = {} as ReferralWorldSuite;
  beforeAll(async () => {
    const world = await createReferralWorld(options);
    const { referrals, worklists } = world.system.services;
    Object.assign(suite, world, { referrals, worklists });
  });
  afterAll(() => suite.stop?.());
  return suite;
}

/** A published national cardiology service of the trust, as a referral names it. */
async function addTrustService(db: Kysely<Database>, name: string, type: Service['requestType']): Promise<Service> {
  const row = await addService(db, {
    provider_org_code: TRUST,
    name,
    request_types: [type],
    location: 'Leeds General Infirmary',
    indicative_wait_days: 20,
  });
  return shortlisted(row);
}

/** Form POST helper for `app.request()` with a test session's cookie and CSRF token. */
export function post(world: ReferralWorld, session: TestSession, path: string, form: Record<string, string>) {
  return world.app.request(path, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: session.csrfToken, ...form }),
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
}

export function get(world: ReferralWorld, session: TestSession, path: string) {
  return world.app.request(path, { headers: { cookie: session.cookie }, redirect: 'manual' });
}

/** Posts an action form as a browser without JavaScript would, at the version on screen; expects the redirect. */
export async function act(
  world: ReferralWorld,
  session: TestSession,
  ubrn: string,
  type: string,
  form: Record<string, string>,
) {
  const row = await getReferralRow(world.db, ubrn);
  const res = await post(world, session, `/referrals/${ubrn}/actions/${type}`, {
    expectedVersion: String(row!.version),
    ...form,
  });
  expect(res.status, type).toBe(303);
  return (await getReferralRow(world.db, ubrn))!;
}
