import { randomInt } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestTemporal } from './temporal';
import type { Database } from '../../db/database';
import { formatUbrn } from '../../domain/ids';
import { type Policy, defaultPolicy } from '../../domain/policy';
import type { Referral, Service } from '../../domain/referral';
import { PROVIDER_ORG } from '../../domain/fixtures';
import { initialTimers } from '../../workflows/referral.timers';
import { type ReferralWorkflowInput, referralWorkflowId } from '../../workflows/referral.messages';

/**
 * Suites share one Temporal server, where workflow ids are referral-<UBRN>: start each test
 * database's UBRN sequence at a random point so suites never meet.
 */
export async function randomiseUbrns(db: Kysely<Database>): Promise<void> {
  await sql`select setval('ubrn_seq', ${randomInt(1, 900_000_000_000)})`.execute(db);
}

/** A policy in which a day passes in `msPerDay` milliseconds. */
export function compressedPolicy(msPerDay: number, overrides: Partial<Policy> = {}): Policy {
  return { ...defaultPolicy, timeScale: 86_400_000 / msPerDay, ...overrides };
}

/** A published DBS service at the fixtures' provider, as the DOS holds it and as a referral names it. */
export async function addDbsService(db: Kysely<Database>, name: string): Promise<Service> {
  await db
    .insertInto('organisations')
    .values({
      ods_code: PROVIDER_ORG,
      name: 'Test Hospitals NHS Trust',
      type: 'PROVIDER',
      postcode: null,
      commissioning_area: null,
    })
    .onConflict((oc) => oc.column('ods_code').doNothing())
    .execute();
  const row = await db
    .insertInto('services')
    .values({
      provider_org_code: PROVIDER_ORG,
      name,
      status: 'PUBLISHED',
      request_types: ['DBS'],
      specialty_code: 'CARDIOLOGY',
      location: 'Test Hospital',
      outcode: 'LS1',
      indicative_wait_days: 30,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { serviceId: String(row.id), name, providerOrgCode: PROVIDER_ORG, requestType: 'DBS' };
}

let slotMinute = 0;

/** A free slot in `daysAhead` days, bookable by referrers now. */
export async function addSlot(db: Kysely<Database>, service: Service, daysAhead = 5) {
  const start = new Date(Date.now() + daysAhead * 86_400_000 + slotMinute++ * 60_000);
  start.setUTCSeconds(0, 0);
  const end = new Date(start.getTime() + 15 * 60_000);
  const row = await db
    .insertInto('slots')
    .values({
      service_id: Number(service.serviceId),
      start_at: start,
      end_at: end,
      clinician: 'Dr Slot',
      released_at: new Date(Date.now() - 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { slotId: String(row.id), start: start.toISOString(), end: end.toISOString() };
}

export function slotHolder(db: Kysely<Database>, slotId: string) {
  return db.selectFrom('slots').select(['status', 'ubrn']).where('id', '=', Number(slotId)).executeTakeFirstOrThrow();
}

let nextTestUbrn = randomInt(1, 900_000_000_000);

/**
 * Starts a referral workflow already in the given situation (the continue-as-new entry), under
 * a fresh UBRN: how the guard suite reaches every state without walking each path.
 */
export async function startInSituation(
  client: Client,
  taskQueue: string,
  situation: Referral,
  policy: Policy = defaultPolicy,
): Promise<Referral> {
  // Fixture dates are fixed; move the timers' dates a year ahead so none fires during a test.
  const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const referral: Referral = {
    ...situation,
    ubrn: formatUbrn(nextTestUbrn++),
    expiresAt: later(365),
    ...(situation.contactBy ? { contactBy: later(365).slice(0, 10) } : {}),
  };
  const input: ReferralWorkflowInput = {
    kind: 'resume',
    policy,
    referral,
    timers: initialTimers(referral, policy, Date.now()),
  };
  await client.workflow.start('referral', { workflowId: referralWorkflowId(referral.ubrn), taskQueue, args: [input] });
  return referral;
}

/** How many events a workflow's history holds: refused updates must add none. */
export async function historyLength(client: Client, ubrn: string): Promise<number> {
  const history = await client.workflow.getHandle(referralWorkflowId(ubrn)).fetchHistory();
  return history.events?.length ?? 0;
}

export type ReferralSuite = { db: Kysely<Database>; client: Client; taskQueue: string };

/**
 * A fresh migrated database (UBRNs randomised) and a worker on a private task queue for one
 * test file, torn down after it. Read the fields inside tests: they are set in beforeAll.
 */
export function referralSuite(): ReferralSuite {
  const suite = {} as ReferralSuite;
  let database: TestDatabase | undefined;
  let temporal: Awaited<ReturnType<typeof startTestTemporal>> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    await randomiseUbrns(database.db);
    temporal = await startTestTemporal(database.db);
    Object.assign(suite, { db: database.db, client: temporal.client, taskQueue: temporal.target.taskQueue });
  });
  afterAll(async () => {
    await temporal?.stop();
    await database?.destroy();
  });
  return suite;
}
