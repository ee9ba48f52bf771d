import { Hono, type Context } from 'hono';
import {
  findTotp,
  claimTotpStep,
  listWebauthnCredentials,
  useRecoveryCode,
} from '../../db/identity/credentials.repository';
import { deleteSession } from '../../db/identity/sessions.repository';
import { findUserById, findUserByUsername } from '../../db/identity/users.repository';
import type { FieldErrors } from '../components/forms';
import { completeSignIn } from './complete-sign-in';
import { ACCOUNT_LOCKED_MESSAGE, ADDRESS_LOCKED_MESSAGE, addressLocked, recordFailure } from './lockout';
import { clearSessionCookie } from './session-cookie';
import { checkPassword } from './passwords';
import { hashRecoveryCode } from './recovery-codes';
import { access } from './route-table';
import { ensureSession, startSession, type SessionDeps } from './sessions';
import { CodePage, SignInPage } from './sign-in.views';
import { checkTotpCode } from './totp';

const field = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? body[name].trim() : '';

/** Step one: username and password. Step two: a code from the authenticator app, or a recovery code. */
export function signInRoutes(deps: SessionDeps) {
  const { db } = deps;
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
    const errors: FieldErrors = {};
    if (!username) errors.username = 'Enter your username';
    if (!password) errors.password = 'Enter your password';
    const again = (errs: FieldErrors, status: 401 | 422 | 429 = 422) =>
      c.html(<SignInPage c={c} username={username} errors={errs} />, status);
    if (Object.keys(errors).length) return again(errors);
    if (await addressLocked(db, c)) return again({ username: ADDRESS_LOCKED_MESSAGE }, 429);

    const user = await findUserByUsername(db, username);
    if (user?.locked_at) return again({ username: ACCOUNT_LOCKED_MESSAGE }, 429);
    if (!user || !(await checkPassword(user?.password_hash, password))) {
      const { accountLocked } = await recordFailure(db, c, { userId: user?.id, step: 'password' });
      if (accountLocked) return again({ username: ACCOUNT_LOCKED_MESSAGE }, 429);
      return again({ username: 'Enter a correct username and password' }, 401);
    }

    const totp = await findTotp(db, user.id);
    if (totp?.confirmed_at) {
      await startSession(c, deps, { stage: 'second_factor', userId: user.id });
      return c.redirect('/auth/sign-in/code', 303);
    }
    // A password alone must never replace a security key the user already has.
    if ((await listWebauthnCredentials(db, user.id)).length > 0) {
      return again({ username: 'Your account uses a security key or passkey. Sign in with it below.' });
    }
    // First sign-in, or after an administrator's reset: set up the authenticator app now.
    await startSession(c, deps, { stage: 'enrol', userId: user.id });
    return c.redirect('/auth/authenticator', 303);
  });

  app.get('/auth/sign-in/code', access('GET /auth/sign-in/code'), (c) => {
    if (c.get('session')?.stage !== 'second_factor') return c.redirect('/auth/sign-in', 303);
    return c.html(<CodePage c={c} />);
  });

  app.post('/auth/sign-in/code', access('POST /auth/sign-in/code'), async (c) => {
    const session = c.get('session');
    if (session?.stage !== 'second_factor' || !session.user_id) return c.redirect('/auth/sign-in', 303);
    const userId = session.user_id;
    const body = await c.req.parseBody();
    const recovery = field(body, 'recovery_code');
    const code = field(body, 'code');
    const which = 'recovery_code' in body ? 'recovery_code' : 'code';
    const again = (message: string, status: 401 | 422 = 401) =>
      c.html(<CodePage c={c} errors={{ [which]: message }} />, status);

    if (await addressLocked(db, c)) return lockedOut(c, ADDRESS_LOCKED_MESSAGE);
    if ((await findUserById(db, userId))?.locked_at) return lockedOut(c, ACCOUNT_LOCKED_MESSAGE);
    if (which === 'code' && !code) return again('Enter the 6-digit code from your authenticator app', 422);
    if (which === 'recovery_code' && !recovery) return again('Enter a recovery code', 422);

    const ok =
      which === 'code'
        ? await acceptTotp(userId, code)
        : await useRecoveryCode(db, userId, hashRecoveryCode(userId, recovery));
    if (!ok) {
      const { accountLocked } = await recordFailure(db, c, { userId, step: which });
      if (accountLocked) return lockedOut(c, ACCOUNT_LOCKED_MESSAGE);
      return again(
        which === 'code'
          ? 'The code is not right, or was used already. Enter the code your app shows now'
          : 'The recovery code is not right, or was used already',
      );
    }
    return c.redirect(
      await completeSignIn(c, deps, userId, which === 'code' ? 'password+totp' : 'password+recovery'),
      303,
    );
  });

  async function acceptTotp(userId: string, code: string): Promise<boolean> {
    const totp = await findTotp(db, userId);
    if (!totp?.confirmed_at) return false;
    const result = await checkTotpCode(totp.secret, code, totp.last_used_step);
    return result.valid && (await claimTotpStep(db, userId, result.step));
  }

  /** The half-finished sign-in ends: a locked account must start again from the password. */
  async function lockedOut(c: Context, message: string) {
    const session = c.get('session');
    if (session) await deleteSession(db, session.id_hash);
    clearSessionCookie(c);
    c.set('session', undefined);
    await ensureSession(c, deps);
    return c.html(<SignInPage c={c} errors={{ username: message }} />, 429);
  }

  return app;
}
