import type { Client } from '@temporalio/client';
import { commandSchema } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { availableActions } from '../../domain/guard';
import type { Referral, Service } from '../../domain/referral';
import type { Executor } from '../../db/executor';
import { auditReferral } from './referral-audit';
import { loadReferral } from './load-referral';
import { actOnReferral } from './referral-workflows';

/**
 * A referral whose shortlist this actor may change now, for the shortlist page to show (so the
 * view is audited); INVALID_REQUEST_STATE when it cannot be changed.
 */
export async function changeableReferral(db: Executor, actor: Actor, ubrn: string): Promise<Referral> {
  const referral = await loadReferral(db, actor, ubrn);
  if (!availableActions(referral, actor, new Date().toISOString()).includes('CHANGE_SHORTLIST')) {
    throw new CarepathError('INVALID_REQUEST_STATE', "This referral's shortlist can't be changed now.");
  }
  await auditReferral(db, actor, 'referral.viewed', referral.ubrn, { version: referral.version, page: 'shortlist' });
  return referral;
}

/**
 * Replaces the referral's shortlist with services the caller resolved from the DOS. VALIDATION
 * on `shortlist` when the list cannot be one; the workflow's guard checks the rest.
 */
export async function changeShortlist(
  temporal: Client,
  actor: Actor,
  ubrn: string,
  change: { shortlist: Service[]; expectedVersion: number },
  options: { requestId?: string } = {},
): Promise<void> {
  const parsed = commandSchema.safeParse({ type: 'CHANGE_SHORTLIST', ...change });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Choose between 1 and 20 services';
    throw CarepathError.forField('VALIDATION', message, 'shortlist');
  }
  await actOnReferral(temporal, ubrn, parsed.data, actor, options);
}
