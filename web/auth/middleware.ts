import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { html } from 'hono/html';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { ROLES, type RoleCode } from '../../domain/roles';
import { sessionPolicy, type SessionPolicy } from '../../services/identity/session-policy';
import type { Session, SessionEndReason } from '../../services/identity/session.types';
import type { AuthDeps } from './sessions';
import { clearSessionCookie, readSessionCookie } from './session-cookie';
import { signInRequired } from './sign-in-required';

declare module 'hono' {
  interface ContextVariableMap {
    /** Who is acting. Set for a signed-in session with a chosen organisation and role; use after `requireRole`. */
    actor: Actor;
    session: Session | undefined;
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
 * Loads the server-side session for every request (the identity service ends it when idle or
 * past its absolute limit), and refuses any unsafe method without the session's CSRF token.
 */
export function sessionMiddleware(deps: AuthDeps): MiddlewareHandler {
  const policy = sessionPolicy(deps.config);
  return createMiddleware(async (c, next) => {
    c.set('sessionPolicy', policy);
    const token = readSessionCookie(c);
    if (token) await loadSession(c, deps, token, policy);
    if (!SAFE_METHODS.has(c.req.method)) {
      const session = c.get('session');
      if (!session) return signInRequired(c);
      if (!(await csrfTokenMatches(c, session.csrfSecret))) {
        throw new CarepathError('CSRF', 'This page had expired. Go back, refresh the page and try again.');
      }
    }
    await next();
  });
}

async function loadSession(c: Context, deps: AuthDeps, token: string, policy: SessionPolicy) {
  const background = Boolean(c.req.header(BACKGROUND_HEADER));
  const found = await deps.services.identity.loadSession(token, { policy, background });
  if (found.status !== 'active') {
    clearSessionCookie(c);
    if (found.status === 'ended' && found.reason) c.set('sessionEnded', found.reason);
    return;
  }
  c.set('session', found.session);
  if (found.actor) c.set('actor', found.actor);
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
  return session.csrfSecret;
}

/** The hidden field every form that POSTs must carry. */
export function csrfField(c: Context) {
  return html`<input type="hidden" name="_csrf" value="${csrfToken(c)}" />`;
}

/** For `hx-headers`: htmx requests send the token as a header. */
export function csrfHeaders(c: Context): string {
  return JSON.stringify({ 'X-CSRF-Token': csrfToken(c) });
}
