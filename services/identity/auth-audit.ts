import { appendAudit } from '../../db/audit/audit.repository';
import type { Executor } from '../../db/executor';
import type { Session } from './session.types';

/**
 * Appends a sign-in event, as done in `session` (the organisation and role it acts in).
 * `userId` names the account concerned; the address is recorded for failures and lockouts,
 * never a username that does not exist (it may be a password typed into the wrong box).
 */
export async function auditAuth(
  db: Executor,
  session: Session | undefined,
  action: string,
  event: { userId?: string | null; detail?: Record<string, unknown> } = {},
) {
  const userId = event.userId ?? session?.userId ?? null;
  await appendAudit(db, {
    action,
    actor_user_id: userId,
    actor_org: session?.orgCode ?? null,
    actor_role: session?.role ?? null,
    subject_type: 'user',
    subject_id: userId,
    detail: event.detail,
  });
}
