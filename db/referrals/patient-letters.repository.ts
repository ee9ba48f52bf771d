import type { Executor } from '../executor';

/**
 * Records the hash of a reprinted letter's fresh access code, replacing any code issued before
 * (decision record 0013), and clears the code kept in plain text with the referral's draft, so
 * no page shows a code that no longer works.
 */
export async function replaceAccessCode(
  db: Executor,
  input: { ubrn: string; codeHash: string; issuedByUserId: string },
): Promise<void> {
  await db
    .insertInto('referral_access_codes')
    .values({ ubrn: input.ubrn, code_hash: input.codeHash, issued_by_user_id: input.issuedByUserId })
    .onConflict((oc) =>
      oc.column('ubrn').doUpdateSet({
        code_hash: input.codeHash,
        issued_by_user_id: input.issuedByUserId,
        issued_at: new Date(),
      }),
    )
    .execute();
  await db.updateTable('referral_drafts').set({ access_code: null }).where('submitted_ubrn', '=', input.ubrn).execute();
}

/** Where the patient goes and whom they call: the clinic's site, postal address and telephone from the DOS. */
export type ClinicContact = { location: string; address: string | null; telephone: string | null };

export async function clinicContact(db: Executor, serviceId: string): Promise<ClinicContact | undefined> {
  if (!/^\d+$/.test(serviceId)) return undefined;
  return db
    .selectFrom('services')
    .select(['location', 'address', 'telephone'])
    .where('id', '=', Number(serviceId))
    .executeTakeFirst();
}
