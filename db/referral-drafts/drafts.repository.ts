import type { Executor } from '../executor';
import { randomBytes, randomInt } from 'node:crypto';
import { MAX_SHORTLIST, type Service } from '../../domain/referral';
import type { DraftDetails } from './draft.schema';

export async function createDraft(
  db: Executor,
  input: { ownerUserId: string; orgCode: string; details: DraftDetails },
): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  await db
    .insertInto('referral_drafts')
    .values({
      id,
      owner_user_id: input.ownerUserId,
      org_code: input.orgCode,
      details: JSON.stringify(input.details),
    })
    .execute();
  return id;
}

/** A draft belongs to the user who started it: anyone else gets nothing back. */
export function getDraft(db: Executor, id: string, ownerUserId: string) {
  return db
    .selectFrom('referral_drafts')
    .selectAll()
    .where('id', '=', id)
    .where('owner_user_id', '=', ownerUserId)
    .executeTakeFirst();
}

export async function saveShortlist(db: Executor, id: string, ownerUserId: string, shortlist: Service[]) {
  await db
    .updateTable('referral_drafts')
    .set({ shortlist: JSON.stringify(shortlist.slice(0, MAX_SHORTLIST)), updated_at: new Date() })
    .where('id', '=', id)
    .where('owner_user_id', '=', ownerUserId)
    .where('submitted_ubrn', 'is', null)
    .execute();
}

/** Replaces a draft's details (changed from "Check your answers"), while it is not yet submitted. */
export async function saveDetails(db: Executor, id: string, ownerUserId: string, details: DraftDetails) {
  await db
    .updateTable('referral_drafts')
    .set({ details: JSON.stringify(details), updated_at: new Date() })
    .where('id', '=', id)
    .where('owner_user_id', '=', ownerUserId)
    .where('submitted_ubrn', 'is', null)
    .execute();
}

// No 0/O or 1/I/L: the patient reads the code off a letter and types it in.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A code the patient types with the UBRN to manage their booking: 8 characters, none easily misread. */
export function newAccessCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** Records the UBRN the draft became, once: a second submit keeps the first UBRN and code. */
export async function markSubmitted(db: Executor, id: string, ubrn: string): Promise<void> {
  await db
    .updateTable('referral_drafts')
    .set({ submitted_ubrn: ubrn, access_code: newAccessCode(), updated_at: new Date() })
    .where('id', '=', id)
    .where('submitted_ubrn', 'is', null)
    .execute();
}

/** The draft a referral was created from, for its patient letter; only its author's own. */
export function draftOfReferral(db: Executor, ubrn: string, ownerUserId: string) {
  return db
    .selectFrom('referral_drafts')
    .selectAll()
    .where('submitted_ubrn', '=', ubrn)
    .where('owner_user_id', '=', ownerUserId)
    .executeTakeFirst();
}

/**
 * Removes drafts never submitted, untouched since `untouchedBefore`, whose author has no live
 * session: only the author can open a draft, and only while signed in, so nobody is part-way
 * through one of these. Submitted drafts stay: they print the patient's letter again.
 */
export async function deleteAbandonedDrafts(
  db: Executor,
  options: { untouchedBefore: Date; now: Date },
): Promise<number> {
  const rows = await db
    .deleteFrom('referral_drafts as d')
    .where('d.submitted_ubrn', 'is', null)
    .where('d.updated_at', '<', options.untouchedBefore)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('sessions as s')
            .select('s.id_hash')
            .whereRef('s.user_id', '=', 'd.owner_user_id')
            .where('s.expires_at', '>', options.now),
        ),
      ),
    )
    .returning('d.id')
    .execute();
  return rows.length;
}
