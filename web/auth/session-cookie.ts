import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'carepath_session';

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Where browsers reach us: APP_ORIGIN when set, else the request's own origin. */
export function appOrigin(c: Context, configured: string | undefined): URL {
  return new URL(configured ?? new URL(c.req.url).origin);
}

export function writeSessionCookie(c: Context, token: string, configuredOrigin: string | undefined) {
  const origin = appOrigin(c, configuredOrigin);
  const local = origin.hostname === 'localhost' || origin.hostname === '127.0.0.1';
  // No Max-Age: the cookie dies with the browser; the server decides when the session ends.
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: origin.protocol === 'https:' || !local,
    path: '/',
  });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
