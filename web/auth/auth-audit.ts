import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Database } from '../../db/database';

/**
 * Appends a sign-in event. `userId` names the account concerned; the address is recorded
 * for failures and lockouts, never a username that does not exist (it may be a password
 * typed into the wrong box).
 */
export async function auditAuth(
  db: Kysely<Database>,
  c: Context,
  action: string,
  event: { userId?: string | null; detail?: Record<string, unknown> } = {},
) {
  const session = c.get('session');
  await appendAudit(db, {
    action,
    actor_user_id: event.userId ?? session?.user_id ?? null,
    actor_org: session?.org_code ?? null,
    actor_role: session?.role ?? null,
    subject_type: 'user',
    subject_id: event.userId ?? session?.user_id ?? null,
    detail: event.detail,
  });
}
