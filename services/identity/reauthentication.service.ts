import { CarepathError } from '../../domain/errors';
import type { Executor } from '../../db/executor';
import {
  countUnusedRecoveryCodes,
  findTotp,
  listWebauthnCredentials,
  useRecoveryCode,
} from '../../db/identity/credentials.repository';
import { deleteSession, recordReauthFailure, updateSession } from '../../db/identity/sessions.repository';
import type { ServiceDeps } from '../deps';
import { auditAuth } from './auth-audit';
import { hashRecoveryCode } from './recovery-codes';
import type { Session } from './session.types';
import { userOf } from './sessions';
import type { SecondFactor } from './sign-in.service';
import { acceptTotpOnce } from './totp';

/**
 * How long a second factor proven again lets the user add a way of signing in (a security key,
 * an authenticator app, recovery codes): a session left open on a shared computer cannot quietly
 * give someone else a lasting way in.
 */
export const FRESH_PROOF_MS = 5 * 60_000;
/** Wrong answers a session may give when proving who it is again; then it ends. */
export const REAUTH_FAILURE_LIMIT = 5;

export function hasFreshProof(session: Session, now = Date.now()): boolean {
  return session.factorVerifiedAt !== null && now - session.factorVerifiedAt.getTime() < FRESH_PROOF_MS;
}

export function requireFreshProof(session: Session): void {
  if (!hasFreshProof(session)) {
    throw new CarepathError(
      'NOT_PERMITTED',
      'Confirm it is you first: enter a code from your authenticator app again.',
    );
  }
}

/** The second factor was proven just now: the window opens, and wrong answers so far are forgiven. */
export async function recordFreshProof(db: Executor, session: Session, method: SecondFactor['kind'] | 'passkey') {
  await updateSession(db, session.id, { factor_verified_at: new Date(), reauth_failures: 0 });
  await auditAuth(db, session, 'auth.second_factor_confirmed', { detail: { method } });
}

/**
 * A wrong code, key or current password from a signed-in session. After REAUTH_FAILURE_LIMIT
 * the session ends (UNAUTHENTICATED), so a stolen cookie cannot go on guessing; the account
 * itself stays open to its owner.
 */
export async function recordWrongAnswer(db: Executor, session: Session, step: string): Promise<void> {
  const failures = await recordReauthFailure(db, session.id);
  await auditAuth(db, session, 'auth.reauth_failed', { detail: { step, failures } });
  if (failures >= REAUTH_FAILURE_LIMIT) {
    await deleteSession(db, session.id);
    await auditAuth(db, session, 'auth.signed_out', { detail: { reason: 'reauth_failures' } });
    throw new CarepathError(
      'UNAUTHENTICATED',
      'You gave too many wrong answers, so you were signed out. Sign in again.',
    );
  }
}

const MISSING: Record<SecondFactor['kind'], string> = {
  code: 'Enter the 6-digit code from your authenticator app',
  recovery_code: 'Enter a recovery code',
};
const WRONG: Record<SecondFactor['kind'], string> = {
  code: 'The code is not right, or was used already. Enter the code your app shows now',
  recovery_code: 'The recovery code is not right, or was used already',
};

/** The ways a user can prove it is them again, for the confirmation page to offer. */
export type ConfirmationMethods = { authenticatorApp: boolean; recoveryCodesLeft: number; passkeys: number };

/** Proving the second factor again within a signed-in session, before adding a way of signing in. */
export function reauthenticationService({ db }: Pick<ServiceDeps, 'db'>) {
  return {
    async confirmationMethods(session: Session): Promise<ConfirmationMethods> {
      const userId = userOf(session);
      const [totp, recoveryCodesLeft, passkeys] = await Promise.all([
        findTotp(db, userId),
        countUnusedRecoveryCodes(db, userId),
        listWebauthnCredentials(db, userId),
      ]);
      return { authenticatorApp: Boolean(totp?.confirmed_at), recoveryCodesLeft, passkeys: passkeys.length };
    },

    /** A code from the app, or a recovery code (used up): opens the FRESH_PROOF_MS window. */
    async confirmSecondFactor(session: Session, answer: SecondFactor): Promise<void> {
      const userId = userOf(session);
      if (!answer.value) throw CarepathError.forField('VALIDATION', MISSING[answer.kind], answer.kind);
      const accepted =
        answer.kind === 'code'
          ? await acceptTotpOnce(db, userId, answer.value)
          : await useRecoveryCode(db, userId, hashRecoveryCode(userId, answer.value));
      if (!accepted) {
        await recordWrongAnswer(db, session, answer.kind);
        throw CarepathError.forField('VALIDATION', WRONG[answer.kind], answer.kind);
      }
      await recordFreshProof(db, session, answer.kind);
    },
  };
}
