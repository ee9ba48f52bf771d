import { Hono } from 'hono';
import { deleteSession, deleteSessionsOfUser } from '../../db/identity/sessions.repository';
import { Layout } from '../layout';
import { auditAuth } from './auth-audit';
import { access } from './route-table';
import { clearSessionCookie } from './session-cookie';
import type { SessionDeps } from './sessions';

const signedOutMessages: Record<string, string> = {
  idle: 'You were signed out because you did not do anything for a while. This protects patient information.',
  absolute: 'You were signed out because you had been signed in for the longest time allowed.',
  everywhere: 'You have been signed out on every device and browser.',
};

/** Sign out here, sign out everywhere, stay signed in. */
export function sessionRoutes(deps: SessionDeps) {
  const { db } = deps;
  const app = new Hono();

  app.post('/auth/sign-out', access('POST /auth/sign-out'), async (c) => {
    const session = c.get('session')!;
    const reason = String((await c.req.parseBody()).reason ?? 'chose');
    if (session.stage === 'signed_in') await auditAuth(db, c, 'auth.signed_out', { detail: { reason } });
    await deleteSession(db, session.id_hash);
    clearSessionCookie(c);
    return c.redirect(`/auth/signed-out${reason in signedOutMessages ? `?reason=${reason}` : ''}`, 303);
  });

  app.post('/auth/sign-out-everywhere', access('POST /auth/sign-out-everywhere'), async (c) => {
    const session = c.get('session')!;
    await auditAuth(db, c, 'auth.signed_out_everywhere');
    const ended = await deleteSessionsOfUser(db, session.user_id!);
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
