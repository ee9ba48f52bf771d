import type { Actor } from '../../domain/actor';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Executor } from '../../db/executor';

/** Who saw (or was refused) which referral, as what, and when. No personal data in `detail`. */
export function auditReferral(
  db: Executor,
  actor: Actor,
  action: 'referral.viewed' | 'referral.view_refused' | 'referral.letter_viewed',
  ubrn: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  return appendAudit(db, {
    action,
    actor_user_id: actor.userId,
    actor_role: actor.role,
    actor_org: actor.orgCode,
    subject_type: 'referral',
    subject_id: ubrn,
    ...(detail ? { detail } : {}),
  });
}
