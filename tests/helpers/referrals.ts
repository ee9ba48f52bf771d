import { randomInt } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../db/database';
import { formatUbrn } from '../../domain/ids';
import { type Policy, defaultPolicy } from '../../domain/policy';
import type { Referral } from '../../domain/referral';
import { initialTimers } from '../../workflows/referral.timers';
import { type ReferralWorkflowInput, referralWorkflowId } from '../../workflows/referral.messages';
import { type TestSystem, startTestSystem } from './system';

export { addDbsService } from '../../fixtures/referrals';
export { randomiseUbrns } from './database';

/** A policy in which a day passes in `msPerDay` milliseconds. */
export function compressedPolicy(msPerDay: number, overrides: Partial<Policy> = {}): Policy {
  return { ...defaultPolicy, timeScale: 86_400_000 / msPerDay, ...overrides };
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
  let system: TestSystem | undefined;
  beforeAll(async () => {
    system = await startTestSystem();
    Object.assign(suite, { db: system.db, client: system.client, taskQueue: system.target.taskQueue });
  });
  afterAll(() => system?.stop());
  return suite;
}
