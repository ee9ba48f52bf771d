import { randomBytes } from 'node:crypto';
import { CarepathError } from '../../domain/errors';
import type { Executor } from '../../db/executor';
import type { Session as SessionRow } from '../../db/identity/identity.table';
import { deleteSession, insertSession } from '../../db/identity/sessions.repository';
import { roleAssignmentsOf } from '../../db/identity/users.repository';
import { auditAuth } from './auth-audit';
import { recordSuccess } from './lockout';
import type { SessionPolicy } from './session-policy';
import type { AuthMethod, NewSession, Session, SignedIn, StartedSession } from './session.types';
import { newSessionId } from './session-tokens';

export function asSession(
  row: Omit<SessionRow, 'challenge'>,
  names: { displayName: string | null; orgName: string | null },
): Session {
  return {
    id: row.id_hash,
    stage: row.stage,
    userId: row.user_id,
    orgCode: row.org_code,
    role: row.role,
    authMethod: row.auth_method,
    csrfSecret: row.csrf_secret,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ...names,
  };
}

/** The user a session belongs to; UNAUTHENTICATED for a session nobody has signed in to yet. */
export function userOf(session: Session | undefined, stages: readonly Session['stage'][] = ['signed_in']): string {
  if (!session?.userId || !stages.includes(session.stage)) throw new CarepathError('UNAUTHENTICATED');
  return session.userId;
}

/**
 * Replaces `previous` with a new session under a new id. Every step up in trust (password
 * accepted, signed in, role chosen) goes through here, so an id planted before it (session
 * fixation) is worthless after it.
 */
export async function startSession(
  db: Executor,
  previous: Session | undefined,
  next: NewSession,
  policy: SessionPolicy,
): Promise<StartedSession> {
  if (previous) await deleteSession(db, previous.id);
  const now = new Date();
  const { token, idHash } = newSessionId();
  const row = {
    id_hash: idHash,
    user_id: next.userId ?? null,
    stage: next.stage,
    created_at: next.createdAt ?? now,
    last_seen_at: now,
    expires_at:
      next.expiresAt ?? new Date(now.getTime() + (next.stage === 'signed_in' ? policy.absoluteMs : policy.pendingMs)),
    org_code: next.orgCode ?? null,
    role: next.role ?? null,
    csrf_secret: randomBytes(32).toString('base64url'),
    challenge: null,
    auth_method: next.authMethod ?? null,
  };
  await insertSession(db, row);
  // The names are for the rest of this request; the next one reads them afresh.
  return { token, session: asSession(row, { displayName: previous?.displayName ?? null, orgName: null }) };
}

/**
 * Both factors are proven: a new signed-in session. A user with a single role in a single
 * organisation has it chosen straight away, as in e-RS.
 */
export async function completeSignIn(
  db: Executor,
  previous: Session | undefined,
  userId: string,
  method: AuthMethod,
  policy: SessionPolicy,
): Promise<SignedIn> {
  await recordSuccess(db, userId);
  const roles = await roleAssignmentsOf(db, userId);
  const only = roles.length === 1 ? roles[0] : undefined;
  const started = await startSession(
    db,
    previous,
    { stage: 'signed_in', userId, authMethod: method, orgCode: only?.orgCode, role: only?.role },
    policy,
  );
  await auditAuth(db, started.session, 'auth.signed_in', { userId, detail: { method } });
  if (only) await auditAuth(db, started.session, 'auth.role_chosen', { userId, detail: { switched: false } });
  return { ...started, roles };
}
