import { CarepathError, type ErrorCode } from '../../domain/errors';
import { findTotp, listWebauthnCredentials, useRecoveryCode } from '../../db/identity/credentials.repository';
import { findUserById, findUserByUsername } from '../../db/identity/users.repository';
import type { ServiceDeps } from '../deps';
import { signInThrottle, type Clock } from './lockout';
import { checkPassword } from './passwords';
import { hashRecoveryCode } from './recovery-codes';
import type { Session, SignInContext, SignedIn, StartedSession } from './session.types';
import { completeSignIn, startSession, userOf } from './sessions';
import { acceptTotpOnce } from './totp';

/** The second step: a code from the authenticator app, or one of the recovery codes. */
export type SecondFactor = { kind: 'code' | 'recovery_code'; value: string };

const WRONG_SECOND_FACTOR: Record<SecondFactor['kind'], string> = {
  code: 'The code is not right, or was used already. Enter the code your app shows now',
  recovery_code: 'The recovery code is not right, or was used already',
};
const MISSING_SECOND_FACTOR: Record<SecondFactor['kind'], string> = {
  code: 'Enter the 6-digit code from your authenticator app',
  recovery_code: 'Enter a recovery code',
};

/**
 * Signing in with a password and then a second factor. Refusals are CarepathErrors naming the
 * field at fault; RATE_LIMITED says how long to wait (the throttle) or, only after a right
 * answer, that the account is locked (it then names `username`: start again from the password).
 */
export function signInService({ db, clock = () => new Date() }: Pick<ServiceDeps, 'db'> & { clock?: Clock }) {
  const throttle = signInThrottle(db, clock);

  return {
    /**
     * Step one. The session that comes back waits for the authenticator app's code (`code`),
     * or, for a user with no authenticator yet (first sign-in, or after an administrator's
     * reset), for setting one up (`authenticator`).
     */
    async signInWithPassword(
      current: Session | undefined,
      credentials: { username: string; password: string },
      context: SignInContext,
    ): Promise<{ next: 'code' | 'authenticator'; started: StartedSession }> {
      const { username, password } = credentials;
      const missing = {
        ...(username ? {} : { username: 'Enter your username' }),
        ...(password ? {} : { password: 'Enter your password' }),
      };
      if (Object.keys(missing).length)
        throw new CarepathError('VALIDATION', 'Enter your username and password', missing);
      const refuse = (code: ErrorCode, message: string) => CarepathError.forField(code, message, 'username');

      const user = await findUserByUsername(db, username);
      const attempt = await throttle.admit(context, { username, userId: user?.id }, 'username');
      // Checked even for an unknown username (against a decoy), so both take as long.
      const passwordMatches = await checkPassword(user?.password_hash, password);
      // A wrong password gets the same answer whether or not the account is locked: a lock is
      // news only to someone who knows the password, so it cannot be probed for.
      if (!user || !passwordMatches) {
        await attempt.failed(current, 'password');
        throw refuse('UNAUTHENTICATED', 'Enter a correct username and password');
      }
      await attempt.succeeded();
      await throttle.refuseIfLocked(current, user, 'username');

      if ((await findTotp(db, user.id))?.confirmed_at) {
        const started = await startSession(db, current, { stage: 'second_factor', userId: user.id }, context.policy);
        return { next: 'code', started };
      }
      // A password alone must never replace a security key the user already has.
      if ((await listWebauthnCredentials(db, user.id)).length > 0) {
        throw refuse('VALIDATION', 'Your account uses a security key or passkey. Sign in with it below.');
      }
      const started = await startSession(db, current, { stage: 'enrol', userId: user.id }, context.policy);
      return { next: 'authenticator', started };
    },

    /** Step two, for a session that passed the password. A locked account must start again from the password. */
    async signInWithSecondFactor(session: Session, answer: SecondFactor, context: SignInContext): Promise<SignedIn> {
      const userId = userOf(session, ['second_factor']);
      const refuse = (code: ErrorCode, message: string) => CarepathError.forField(code, message, answer.kind);
      if (!answer.value) throw refuse('VALIDATION', MISSING_SECOND_FACTOR[answer.kind]);
      const user = await findUserById(db, userId);
      if (!user) throw new CarepathError('UNAUTHENTICATED');

      const attempt = await throttle.admit(context, { username: user.username, userId }, answer.kind);
      const accepted =
        answer.kind === 'code'
          ? await acceptTotpOnce(db, userId, answer.value)
          : await useRecoveryCode(db, userId, hashRecoveryCode(userId, answer.value));
      if (!accepted) {
        await attempt.failed(session, answer.kind);
        throw refuse('UNAUTHENTICATED', WRONG_SECOND_FACTOR[answer.kind]);
      }
      await attempt.succeeded();
      // Locked by someone else's guesses while this sign-in was half done.
      await throttle.refuseIfLocked(session, user, 'username');
      const method = answer.kind === 'code' ? 'password+totp' : 'password+recovery';
      return completeSignIn(db, session, userId, method, context.policy);
    },
  };
}
