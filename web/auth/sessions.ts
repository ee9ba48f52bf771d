import type { Context } from 'hono';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/env';
import type { RoleCode } from '../../domain/roles';
import type { Database } from '../../db/database';
import type { SessionTable } from '../../db/identity/identity.table';
import { deleteSession, insertSession } from '../../db/identity/sessions.repository';
import { newSessionId, writeSessionCookie } from './session-cookie';
import { sessionPolicy } from './session-policy';

export type SessionDeps = { db: Kysely<Database>; config: Config };

export type NewSession = {
  stage: SessionTable['stage'];
  userId?: string;
  orgCode?: string;
  role?: RoleCode;
  authMethod?: SessionTable['auth_method'];
  /** Keep the original sign-in time when only the role changes: the 8 hours run from sign-in. */
  createdAt?: Date;
  expiresAt?: Date;
};

/**
 * Replaces the request's session with a new one under a new id. Every step up in trust
 * (password accepted, signed in, role chosen) goes through here, so an id planted before
 * it (session fixation) is worthless after it.
 */
export async function startSession(c: Context, deps: SessionDeps, next: NewSession): Promise<string> {
  const previous = c.get('session');
  if (previous) await deleteSession(deps.db, previous.id_hash);
  const policy = sessionPolicy(deps.config);
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
  await insertSession(deps.db, row);
  writeSessionCookie(c, token, deps.config.APP_ORIGIN);
  c.set('session', { ...row, displayName: previous?.displayName ?? null, orgName: null });
  return token;
}

/** The sign-in page's forms need a CSRF token before anyone has signed in. */
export async function ensureSession(c: Context, deps: SessionDeps) {
  if (!c.get('session')) await startSession(c, deps, { stage: 'anonymous' });
}
