import { randomBytes } from 'node:crypto';
import { CarepathError } from '../../domain/errors';
import type { Executor } from '../../db/executor';
import type { Session as SessionRow } from '../../db/identity/identity.table';
import { deleteSession, insertSession } from '../../db/identity/sessions.repository';
import { findUserById, roleAssignmentsOf } from '../../db/identity/users.repository';
import { auditAuth } from './auth-audit';
import { forgetAccountFailures } from './lockout';
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
    factorVerifiedAt: row.factor_verified_at,
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
    factor_verified_at: next.factorVerifiedAt ?? null,
    reauth_failures: 0,
  };
  await insertSession(db, row);
  // The names are for the rest of this request; the next one reads them afresh.
  return { token, session: asSession(row, { displayName: previous?.displayName ?? null, orgName: null }) };
}

/**
 * Both factors are proven: a new signed-in session, whose second factor counts as freshly
 * proven. A user with a single role in a single organisation has it chosen straight away, as in
 * e-RS. A user still on the password an administrator issued gets a `new_password` session
 * instead, which opens only the page for choosing their own.
 */
export async function completeSignIn(
  db: Executor,
  previous: Session | undefined,
  userId: string,
  method: AuthMethod,
  policy: SessionPolicy,
): Promise<SignedIn> {
  await forgetAccountFailures(db, userId);
  if ((await findUserById(db, userId))?.password_temporary) {
    const started = await startSession(db, previous, { stage: 'new_password', userId, authMethod: method }, policy);
    return { ...started, roles: [] };
  }
  const roles = await roleAssignmentsOf(db, userId);
  const only = roles.length === 1 ? roles[0] : undefined;
  const started = await startSession(
    db,
    previous,
    {
      stage: 'signed_in',
      userId,
      authMethod: method,
      orgCode: only?.orgCode,
      role: only?.role,
      factorVerifiedAt: new Date(),
    },
    policy,
  );
  await auditAuth(db, started.session, 'auth.signed_in', { userId, detail: { method } });
  if (only) await auditAuth(db, started.session, 'auth.role_chosen', { userId, detail: { switched: false } });
  return { ...started, roles };
}
