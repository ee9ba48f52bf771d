import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { canView } from '../../domain/guard';
import { ubrnSchema } from '../../domain/ids';
import type { Referral } from '../../domain/referral';
import type { Executor } from '../../db/executor';
import { getReferralRow } from '../../db/referrals/referrals.repository';
import { auditReferral } from './referral-audit';

const notFound = () => new CarepathError('NOT_FOUND', 'There is no referral with this booking reference.');

/**
 * A referral from its read row, for an actor with a legitimate relationship to it. A referral
 * they have none with answers exactly as a UBRN that does not exist (NOT_FOUND), so nobody
 * learns which UBRNs are in use by trying them; that refusal is audited.
 */
export async function loadReferral(db: Executor, actor: Actor, ubrn: string): Promise<Referral> {
  const parsed = ubrnSchema.safeParse(ubrn);
  const row = parsed.success ? await getReferralRow(db, parsed.data) : undefined;
  if (!row) throw notFound();
  if (!canView(row.snapshot, actor)) {
    await auditReferral(db, actor, 'referral.view_refused', row.ubrn);
    throw notFound();
  }
  return row.snapshot;
}
