import { timingSafeEqual } from 'node:crypto';
import { CarepathError } from '../../domain/errors';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { html } from 'hono/html';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/env';
import type { Actor } from '../../domain/actor';
import { ROLES, type RoleCode } from '../../domain/roles';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Database } from '../../db/database';
import type { Session } from '../../db/identity/identity.table';
import { deleteSession, findSession, updateSession } from '../../db/identity/sessions.repository';
import { clearSessionCookie, hashSessionId, readSessionCookie } from './session-cookie';
import { sessionPolicy, type SessionPolicy } from './session-policy';
import { signInRequired } from './sign-in-required';

export type LoadedSession = Session & { displayName: string | null; orgName: string | null };
export type SessionEndReason = 'idle' | 'absolute';

declare module 'hono' {
  interface ContextVariableMap {
    /** Who is acting. Set for a signed-in session with a chosen organisation and role; use after `requireRole`. */
    actor: Actor;
    session: LoadedSession | undefined;
    sessionEnded: SessionEndReason | undefined;
    sessionPolicy: SessionPolicy;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BACKGROUND_HEADER = 'X-Carepath-Background';

/**
 * Attributes for an element that refreshes itself (a polled worklist). Its requests are not
 * the user doing anything, so neither the server nor the page's countdown counts them as
 * activity: a list left open on a screen still times out.
 */
export const backgroundRefresh = {
  'hx-headers': JSON.stringify({ [BACKGROUND_HEADER]: 'refresh' }),
  'data-background-refresh': '',
};
const allowedRoles = Symbol('allowedRoles');

/**
 * Loads the server-side session for every request, ends it when idle or past its absolute
 * limit, and refuses any unsafe method without the session's CSRF token.
 */
export function sessionMiddleware(deps: { db: Kysely<Database>; config: Config }): MiddlewareHandler {
  const policy = sessionPolicy(deps.config);
  return createMiddleware(async (c, next) => {
    c.set('sessionPolicy', policy);
    const token = readSessionCookie(c);
    if (token) await loadSession(c, deps.db, hashSessionId(token), policy);
    if (!SAFE_METHODS.has(c.req.method)) {
      const session = c.get('session');
      if (!session) return signInRequired(c);
      if (!(await csrfTokenMatches(c, session.csrf_secret))) {
        throw new CarepathError('CSRF', 'This page had expired. Go back, refresh the page and try again.');
      }
    }
    await next();
  });
}

async function loadSession(c: Context, db: Kysely<Database>, idHash: string, policy: SessionPolicy) {
  const row = await findSession(db, idHash);
  if (!row) return clearSessionCookie(c);
  const now = new Date();
  const ended = endReason(row, now, policy);
  if (ended) {
    await deleteSession(db, idHash);
    clearSessionCookie(c);
    if (row.stage === 'signed_in') {
      c.set('sessionEnded', ended);
      await appendAudit(db, {
        action: 'auth.session_expired',
        actor_user_id: row.user_id,
        actor_org: row.org_code,
        actor_role: row.role,
        detail: { reason: ended },
      });
    }
    return;
  }
  const active = !c.req.header(BACKGROUND_HEADER);
  if (active) await updateSession(db, idHash, { last_seen_at: now });
  const { display_name, org_name, role_held, ...session } = row;
  const lastSeen = active ? now : session.last_seen_at;
  c.set('session', { ...session, last_seen_at: lastSeen, displayName: display_name, orgName: org_name });
  if (session.stage === 'signed_in' && session.user_id && session.org_code && session.role && role_held) {
    c.set('actor', {
      userId: session.user_id,
      displayName: display_name ?? '',
      orgCode: session.org_code,
      role: session.role,
    });
  }
}

function endReason(session: Session, now: Date, policy: SessionPolicy): SessionEndReason | undefined {
  if (session.expires_at.getTime() <= now.getTime()) return 'absolute';
  if (session.stage === 'signed_in' && session.last_seen_at.getTime() + policy.idleMs <= now.getTime()) return 'idle';
  return undefined;
}

async function csrfTokenMatches(c: Context, expected: string): Promise<boolean> {
  let given = c.req.header('x-csrf-token');
  const type = c.req.header('content-type') ?? '';
  if (!given && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) {
    // Hono caches the parsed body, so the handler can read it again.
    const field = (await c.req.parseBody())['_csrf'];
    given = typeof field === 'string' ? field : undefined;
  }
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Lets the request through only for a signed-in user acting in one of `roles`: 401 with a
 * way to sign in when there is no session, 403 for any other role. Sets `c.get('actor')`.
 */
export function requireRole(...roles: RoleCode[]): MiddlewareHandler {
  const middleware = createMiddleware(async (c, next) => {
    const actor = c.get('actor');
    if (!actor) {
      const session = c.get('session');
      if (session?.stage !== 'signed_in') return signInRequired(c);
      // Signed in, but no organisation and role chosen yet (or the role was taken away).
      if (SAFE_METHODS.has(c.req.method)) return c.redirect('/auth/organisation', 303);
      throw new CarepathError('NOT_PERMITTED', 'Choose an organisation and role first.');
    }
    if (!roles.includes(actor.role)) {
      throw new CarepathError(
        'NOT_PERMITTED',
        `This page is not available to the ${ROLES[actor.role].name} role. Change your role to use it.`,
      );
    }
    await next();
  });
  return Object.assign(middleware, { [allowedRoles]: roles });
}

/** The roles a `requireRole` middleware allows, for the test that tries every route with every role. */
export function rolesAllowedBy(handler: unknown): readonly RoleCode[] | undefined {
  return (handler as { [allowedRoles]?: RoleCode[] })?.[allowedRoles];
}

/** Fully signed in (both factors), whether or not an organisation and role are chosen yet. */
export const requireSignedIn: MiddlewareHandler = createMiddleware(async (c, next) => {
  if (c.get('session')?.stage !== 'signed_in') return signInRequired(c);
  await next();
});

export function csrfToken(c: Context): string {
  const session = c.get('session');
  if (!session) throw new CarepathError('UNAUTHENTICATED', 'Sign in to continue.');
  return session.csrf_secret;
}

/** The hidden field every form that POSTs must carry. */
export function csrfField(c: Context) {
  return html`<input type="hidden" name="_csrf" value="${csrfToken(c)}" />`;
}

/** For `hx-headers`: htmx requests send the token as a header. */
export function csrfHeaders(c: Context): string {
  return JSON.stringify({ 'X-CSRF-Token': csrfToken(c) });
}
