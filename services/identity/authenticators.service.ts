import { CarepathError } from '../../domain/errors';
import {
  claimTotpStep,
  countUnusedRecoveryCodes,
  findTotp,
  listWebauthnCredentials,
  replaceRecoveryCodes,
  savePendingTotp,
} from '../../db/identity/credentials.repository';
import { findUserById } from '../../db/identity/users.repository';
import type { ServiceDeps } from '../deps';
import { auditAuth } from './auth-audit';
import { requireFreshProof } from './reauthentication.service';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes';
import type { SessionPolicy } from './session-policy';
import type { Session, SignedIn } from './session.types';
import { completeSignIn, userOf } from './sessions';
import { checkTotpCode, enrolmentDetails, newTotpSecret } from './totp';

/** One of the user's security keys or passkeys, as their security page lists it. */
export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export type AuthenticatorAppConfirmation =
  | { status: 'already-set-up' }
  /** `signedIn` when this finished a first sign-in; the codes are shown once and stored only hashed. */
  | { status: 'set-up'; recoveryCodes: string[]; signedIn?: SignedIn };

// At the first sign-in (or after an administrator's reset), or later from the security page.
const ENROLLING = ['enrol', 'signed_in'] as const;

/**
 * The user's own ways of signing in: setting up the authenticator app, recovery codes, and what
 * they have set up. Once signed in, adding one needs the second factor proven again just before.
 */
export function authenticatorsService({ db }: Pick<ServiceDeps, 'db'>) {
  async function saveNewRecoveryCodes(session: Session, userId: string, replaced: boolean): Promise<string[]> {
    const recoveryCodes = newRecoveryCodes();
    await replaceRecoveryCodes(
      db,
      userId,
      recoveryCodes.map((recoveryCode) => hashRecoveryCode(userId, recoveryCode)),
    );
    await auditAuth(db, session, 'auth.recovery_codes_created', {
      userId,
      detail: { count: recoveryCodes.length, replaced },
    });
    return recoveryCodes;
  }

  return {
    /** The QR code and key for setting up the app; undefined once an app is set up. */
    async authenticatorAppSetup(session: Session): Promise<{ qrCodeSvg: string; key: string } | undefined> {
      const userId = userOf(session, ENROLLING);
      let totp = await findTotp(db, userId);
      if (totp?.confirmed_at) return undefined;
      if (session.stage === 'signed_in') requireFreshProof(session);
      if (!totp) {
        await savePendingTotp(db, userId, newTotpSecret());
        totp = (await findTotp(db, userId))!;
      }
      const user = (await findUserById(db, userId))!;
      const details = await enrolmentDetails(totp.secret, user.username);
      return { qrCodeSvg: details.svg, key: details.grouped };
    },

    /** The app counts only once it produced a good code; then the recovery codes are made. */
    async confirmAuthenticatorApp(
      session: Session,
      code: string,
      policy: SessionPolicy,
    ): Promise<AuthenticatorAppConfirmation> {
      const userId = userOf(session, ENROLLING);
      if (session.stage === 'signed_in') requireFreshProof(session);
      const pending = await findTotp(db, userId);
      if (!pending || pending.confirmed_at) return { status: 'already-set-up' };
      const result = code ? await checkTotpCode(pending.secret, code, null) : { valid: false as const };
      if (!result.valid || !(await claimTotpStep(db, userId, result.step, true))) {
        const message = code
          ? 'The code is not right. Enter the code your app shows now'
          : 'Enter the 6-digit code from your app';
        throw CarepathError.forField('VALIDATION', message, 'code');
      }
      await auditAuth(db, session, 'auth.totp_enrolled', { userId });
      const recoveryCodes = await saveNewRecoveryCodes(session, userId, false);
      if (session.stage !== 'enrol') return { status: 'set-up', recoveryCodes };
      const signedIn = await completeSignIn(db, session, userId, 'password+totp', policy);
      return { status: 'set-up', recoveryCodes, signedIn };
    },

    /** Ten new codes in place of all the old ones, used or not: shown once, stored only hashed. */
    async regenerateRecoveryCodes(session: Session): Promise<string[]> {
      const userId = userOf(session);
      requireFreshProof(session);
      return saveNewRecoveryCodes(session, userId, true);
    },

    async securityOverview(session: Session): Promise<{
      authenticatorAppSetUpAt: Date | null;
      recoveryCodesLeft: number;
      passkeys: PasskeySummary[];
    }> {
      const userId = userOf(session);
      const [totp, recoveryCodesLeft, credentials] = await Promise.all([
        findTotp(db, userId),
        countUnusedRecoveryCodes(db, userId),
        listWebauthnCredentials(db, userId),
      ]);
      return {
        authenticatorAppSetUpAt: totp?.confirmed_at ?? null,
        recoveryCodesLeft,
        passkeys: credentials.map((c) => ({
          id: c.id,
          name: c.name,
          createdAt: c.created_at,
          lastUsedAt: c.last_used_at,
        })),
      };
    },
  };
}
