import { Hono } from 'hono';
import { Layout } from '../layout';
import { access } from './route-table';
import { clearSessionCookie } from './session-cookie';
import type { AuthDeps } from './sessions';

const signedOutMessages: Record<string, string> = {
  idle: 'You were signed out because you did not do anything for a while. This protects patient information.',
  absolute: 'You were signed out because you had been signed in for the longest time allowed.',
  everywhere: 'You have been signed out on every device and browser.',
};

/** Sign out here, sign out everywhere, stay signed in. */
export function sessionRoutes(deps: AuthDeps) {
  const { identity } = deps.services;
  const app = new Hono();

  app.post('/auth/sign-out', access('POST /auth/sign-out'), async (c) => {
    const session = c.get('session')!;
    const reason = String((await c.req.parseBody()).reason ?? 'chose');
    await identity.signOut(session, reason);
    clearSessionCookie(c);
    return c.redirect(`/auth/signed-out${reason in signedOutMessages ? `?reason=${reason}` : ''}`, 303);
  });

  app.post('/auth/sign-out-everywhere', access('POST /auth/sign-out-everywhere'), async (c) => {
    const ended = await identity.signOutEverywhere(c.get('session')!);
    clearSessionCookie(c);
    return c.redirect(`/auth/signed-out?reason=everywhere&sessions=${ended}`, 303);
  });

  // The session middleware already counted this request as activity; nothing else to do.
  app.post('/auth/keep-alive', access('POST /auth/keep-alive'), (c) => c.json({ ok: true }));

  app.get('/auth/signed-out', access('GET /auth/signed-out'), (c) => {
    const message = signedOutMessages[c.req.query('reason') ?? ''] ?? 'You have signed out.';
    return c.html(
      <Layout title="You have signed out">
        <h1 class="nhsuk-heading-l">You have signed out</h1>
        <p>{message}</p>
        <a class="nhsuk-button" href="/auth/sign-in" role="button" draggable="false">
          Sign in again
        </a>
      </Layout>,
    );
  });

  return app;
}
