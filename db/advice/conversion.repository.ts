import type { Kysely } from 'kysely';
import type { Database } from '../database';
import type { Executor } from '../executor';
import { nextUbrn } from '../referrals/referrals.repository';

/**
 * The UBRN for one ask form, from the referrals' sequence: the first call with a key allocates
 * it, later calls (a resubmitted form) get the same one back.
 */
export async function ubrnForAsk(db: Kysely<Database>, requestKey: string): Promise<string> {
  const find = async () =>
    (await db.selectFrom('advice_ask_keys').select('ubrn').where('request_key', '=', requestKey).executeTakeFirst())
      ?.ubrn;
  const existing = await find();
  if (existing) return existing;
  const ubrn = await nextUbrn(db);
  await db
    .insertInto('advice_ask_keys')
    .values({ request_key: requestKey, ubrn })
    .onConflict((oc) => oc.column('request_key').doNothing())
    .execute();
  // A concurrent submit with the same key may have won: its UBRN is the one, ours is spent.
  return (await find())!;
}

/**
 * A referrer's conversion goes through the ordinary create journey, whose draft id is the
 * referral's idempotency key (`referral_requests`). Binding the conversation's UBRN to the draft
 * here means the referral that draft creates takes this UBRN, not a new one.
 */
export async function bindUbrnToDraft(db: Executor, draftId: string, ubrn: string): Promise<void> {
  await db
    .insertInto('referral_requests')
    .values({ idempotency_key: draftId, ubrn })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The draft a conversation's UBRN is bound to, if its referrer has started converting it. */
export async function draftBoundToUbrn(db: Executor, ubrn: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('referral_requests')
    .select('idempotency_key')
    .where('ubrn', '=', ubrn)
    .executeTakeFirst();
  return row?.idempotency_key;
}

/** Whether a referral with this UBRN exists on the read side yet. */
export async function referralExists(db: Executor, ubrn: string): Promise<boolean> {
  return (await db.selectFrom('referrals').select('ubrn').where('ubrn', '=', ubrn).executeTakeFirst()) !== undefined;
}
