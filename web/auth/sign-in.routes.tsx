import { Hono, type Context } from 'hono';
import { formRefusal, statusOf } from '../errors';
import { access } from './route-table';
import { clearSessionCookie } from './session-cookie';
import { adoptSession, ensureSession, landingPath, signInContext, type AuthDeps } from './sessions';
import { CodePage, SignInPage } from './sign-in.views';

const field = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? body[name].trim() : '';

/** Step one: username and password. Step two: a code from the authenticator app, or a recovery code. */
export function signInRoutes(deps: AuthDeps) {
  const { identity } = deps.services;
  const app = new Hono();

  app.get('/auth/sign-in', access('GET /auth/sign-in'), async (c) => {
    if (c.get('session')?.stage === 'signed_in') return c.redirect('/', 303);
    await ensureSession(c, deps);
    return c.html(<SignInPage c={c} />);
  });

  app.post('/auth/sign-in', access('POST /auth/sign-in'), async (c) => {
    const body = await c.req.parseBody();
    const username = field(body, 'username');
    const password = typeof body.password === 'string' ? body.password : '';
    try {
      const { next, started } = await identity.signInWithPassword(
        c.get('session'),
        { username, password },
        signInContext(c, deps),
      );
      adoptSession(c, deps, started);
      return c.redirect(next === 'code' ? '/auth/sign-in/code' : '/auth/authenticator', 303);
    } catch (error) {
      const refusal = formRefusal(error);
      return c.html(<SignInPage c={c} username={username} errors={refusal.fields} />, statusOf(refusal));
    }
  });

  app.get('/auth/sign-in/code', access('GET /auth/sign-in/code'), (c) => {
    if (c.get('session')?.stage !== 'second_factor') return c.redirect('/auth/sign-in', 303);
    return c.html(<CodePage c={c} />);
  });

  app.post('/auth/sign-in/code', access('POST /auth/sign-in/code'), async (c) => {
    const session = c.get('session');
    if (session?.stage !== 'second_factor' || !session.userId) return c.redirect('/auth/sign-in', 303);
    const body = await c.req.parseBody();
    const kind = 'recovery_code' in body ? 'recovery_code' : 'code';
    try {
      const signedIn = await identity.signInWithSecondFactor(
        session,
        { kind, value: field(body, kind) },
        signInContext(c, deps),
      );
      adoptSession(c, deps, signedIn);
      return c.redirect(landingPath(signedIn), 303);
    } catch (error) {
      const refusal = formRefusal(error);
      // A refusal naming the username (the account is locked) sends the user back to the start.
      if (refusal.fields.username) return lockedOut(c, refusal.fields.username);
      return c.html(<CodePage c={c} errors={refusal.fields} />, statusOf(refusal));
    }
  });

  /** The half-finished sign-in ends: a locked account must start again from the password, once the lock ends. */
  async function lockedOut(c: Context, message: string) {
    const session = c.get('session');
    if (session) await identity.endSession(session);
    clearSessionCookie(c);
    c.set('session', undefined);
    await ensureSession(c, deps);
    return c.html(<SignInPage c={c} errors={{ username: message }} />, statusOf('RATE_LIMITED'));
  }

  return app;
}
