import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import { loadConfig } from '../../config/env';
import type { Database } from '../../db/database';
import type { Actor } from '../../domain/actor';
import type { CreateReferralInputRaw } from '../../domain/create-referral';
import { defaultPolicy } from '../../domain/policy';
import type { Service } from '../../domain/referral';
import { createReferral } from '../../services/referrals/referral-workflows';
import { createApp } from '../../web/app';
import { createTestDatabase } from './database';
import { randomiseUbrns } from './referrals';
import { type TestSession, signIn } from './session';
import { startTestTemporal, testSecrets } from './temporal';

export const GP = 'A81001';
export const TRUST = 'RXX';
export const OTHER_TRUST = 'RYY';

/**
 * A web app over a fresh database and a running worker, with a GP practice, a trust with a
 * directly bookable, an indirectly bookable and a triage cardiology service, and free slots:
 * enough for every referrer and provider journey. Exposes the Temporal client for set-up.
 */
export async function createReferralWorld() {
  const database = await createTestDatabase();
  await randomiseUbrns(database.db);
  const temporal = await startTestTemporal(database.db);
  const app = createApp({
    db: database.db,
    temporal: temporal.client,
    config: loadConfig({}),
    secrets: { sessionSecret: 'x'.repeat(32), ...testSecrets },
    taskQueue: temporal.target.taskQueue,
  });
  const db = database.db;
  await db
    .insertInto('postcode_districts')
    .values({ outcode: 'LS1', lat: 53.7965, lng: -1.5479 })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('organisations')
    .values([
      { ods_code: GP, name: 'Leeds Road Surgery', type: 'GP_PRACTICE', postcode: 'LS1 4AP', commissioning_area: null },
      { ods_code: TRUST, name: 'Leeds Hospitals', type: 'PROVIDER', postcode: 'LS1 3EX', commissioning_area: null },
      { ods_code: OTHER_TRUST, name: 'York Hospitals', type: 'PROVIDER', postcode: null, commissioning_area: null },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  const services = {
    dbs: await addService(db, 'Cardiology Outpatients', 'DBS'),
    ibs: await addService(db, 'Heart Failure Clinic', 'IBS'),
    ras: await addService(db, 'Cardiology Referral Assessment', 'TRIAGE'),
    /** No slots at all: referrals to it can only be deferred to the provider. */
    full: await addService(db, 'Chest Pain Clinic', 'DBS'),
  };
  const slots = [
    await addSlot(db, services.dbs, 3),
    await addSlot(db, services.dbs, 4),
    await addSlot(db, services.dbs, 5),
  ];
  const sessions = {
    gp: await signIn(db, { orgCode: GP, role: 'B1101', userId: 'gp-1', displayName: 'Dr Gee Pee' }),
    gpAdmin: await signIn(db, { orgCode: GP, role: 'B1103', userId: 'gp-admin-1', displayName: 'Ann Admin' }),
    clinician: await signIn(db, { orgCode: TRUST, role: 'B1110', userId: 'cons-1', displayName: 'Dr Consultant' }),
    admin: await signIn(db, { orgCode: TRUST, role: 'B1120', userId: 'clerk-1', displayName: 'Bea Booker' }),
    otherTrust: await signIn(db, { orgCode: OTHER_TRUST, role: 'B1110', userId: 'other-1' }),
  };
  return {
    app,
    db,
    client: temporal.client,
    taskQueue: temporal.target.taskQueue,
    services,
    slots,
    sessions,
    /** Creates a NOT_BOOKED referral from the GP, as the create journey would. */
    refer: async (overrides: Partial<CreateReferralInputRaw> = {}, actor: Actor = sessions.gp.actor) => {
      const input = referralInput(actor, [services.dbs, services.ibs, services.ras, services.full], overrides);
      const view = await createReferral(temporal.client, db, input, actor, defaultPolicy, {
        taskQueue: temporal.target.taskQueue,
      });
      return view.referral;
    },
    stop: async () => {
      await temporal.stop();
      await database.destroy();
    },
  };
}

export type ReferralWorld = Awaited<ReturnType<typeof createReferralWorld>>;

export function referralInput(
  actor: Actor,
  shortlist: Service[],
  overrides: Partial<CreateReferralInputRaw> = {},
): Omit<CreateReferralInputRaw, 'ubrn'> {
  return {
    priority: 'URGENT',
    patient: {
      nhsNumber: '9990000018',
      givenName: 'Alice',
      familyName: 'Example',
      dateOfBirth: '1961-02-03',
      sex: 'female',
      postcode: 'LS1 4AP',
      registeredPracticeCode: actor.orgCode,
    },
    referrer: { orgCode: actor.orgCode, clinicianUserId: actor.userId, clinicianName: actor.displayName },
    specialty: 'CARDIOLOGY',
    reason: 'Breathless on exertion',
    clinicalInformation: 'ECG: sinus rhythm.',
    letter: { status: 'TO_FOLLOW' },
    shortlist,
    ...overrides,
  };
}

async function addService(db: Kysely<Database>, name: string, type: Service['requestType']): Promise<Service> {
  const row = await db
    .insertInto('services')
    .values({
      provider_org_code: TRUST,
      name,
      status: 'PUBLISHED',
      request_types: [type],
      specialty_code: 'CARDIOLOGY',
      location: 'Leeds General Infirmary',
      outcode: 'LS1',
      indicative_wait_days: 20,
      national: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { serviceId: String(row.id), name, providerOrgCode: TRUST, requestType: type };
}

let minute = 0;

/** A free slot `daysAhead` days out; `released: false` keeps it in the provider-only reservation period. */
export async function addSlot(db: Kysely<Database>, service: Service, daysAhead: number, released = true) {
  const start = new Date(Date.now() + daysAhead * 86_400_000);
  start.setUTCHours(9, 30 + (minute++ % 20), 0, 0);
  const row = await db
    .insertInto('slots')
    .values({
      service_id: Number(service.serviceId),
      start_at: start,
      end_at: new Date(start.getTime() + 20 * 60_000),
      clinician: 'Dr Heart',
      released_at: new Date(Date.now() + (released ? -1 : 30) * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
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
