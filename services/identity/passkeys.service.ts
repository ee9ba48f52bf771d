import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';
import { CarepathError } from '../../domain/errors';
import {
  addWebauthnCredential,
  findWebauthnCredential,
  listWebauthnCredentials,
  recordWebauthnUse,
  removeWebauthnCredential,
} from '../../db/identity/credentials.repository';
import { takeChallenge, updateSession } from '../../db/identity/sessions.repository';
import { findUserById } from '../../db/identity/users.repository';
import type { ServiceDeps } from '../deps';
import { auditAuth } from './auth-audit';
import { signInThrottle, type Clock } from './lockout';
import { recordFreshProof, recordWrongAnswer, requireFreshProof } from './reauthentication.service';
import type { Session, SignInContext, SignedIn } from './session.types';
import { completeSignIn, userOf } from './sessions';

/** Where browsers reach Carepath: WebAuthn binds every credential to this host name. */
export type RelyingParty = { rpID: string; origin: string };

const registrationSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name for the security key').max(60, 'Name must be 60 characters or fewer'),
  response: z.custom<RegistrationResponseJSON>((v) => typeof v === 'object' && v !== null && 'id' in v),
});
const authenticationSchema = z.custom<AuthenticationResponseJSON>(
  (v) => typeof v === 'object' && v !== null && 'id' in v && 'response' in v,
);

type StoredCredential = NonNullable<Awaited<ReturnType<typeof findWebauthnCredential>>>;

/**
 * Checks the authenticator's signed answer against the challenge, the relying party and the
 * stored key; the new signature counter when it holds. Undefined when the signature is bad, the
 * counter went backwards (a cloned key) or the answer names another user.
 */
async function verifyAnswer(
  stored: StoredCredential,
  response: AuthenticationResponseJSON,
  challenge: string,
  relyingParty: RelyingParty,
): Promise<number | undefined> {
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: relyingParty.origin,
    expectedRPID: relyingParty.rpID,
    credential: {
      id: stored.id,
      publicKey: new Uint8Array(stored.public_key),
      counter: Number(stored.counter),
      transports: stored.transports as never,
    },
    requireUserVerification: true,
  }).catch(() => undefined);
  const handle = response.response.userHandle;
  const ownerMatches = !handle || Buffer.from(handle, 'base64url').toString() === stored.user_id;
  return verification?.verified && ownerMatches ? verification.authenticationInfo.newCounter : undefined;
}

/**
 * Security keys and passkeys (WebAuthn). Signing in needs no username: the credential is
 * discoverable and names its user. Each answer must match the challenge stored on the session.
 * Adding a key needs the second factor proven within the last few minutes.
 */
export function passkeysService({ db, clock = () => new Date() }: Pick<ServiceDeps, 'db'> & { clock?: Clock }) {
  const throttle = signInThrottle(db, clock);
  return {
    async passkeyRegistrationOptions(
      session: Session,
      relyingParty: RelyingParty,
    ): Promise<PublicKeyCredentialCreationOptionsJSON> {
      const user = (await findUserById(db, userOf(session)))!;
      requireFreshProof(session);
      const existing = await listWebauthnCredentials(db, user.id);
      const options = await generateRegistrationOptions({
        rpName: 'Carepath',
        rpID: relyingParty.rpID,
        userName: user.username,
        userDisplayName: user.display_name,
        userID: new TextEncoder().encode(user.id),
        attestationType: 'none',
        excludeCredentials: existing.map((cred) => ({ id: cred.id, transports: cred.transports })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      });
      await updateSession(db, session.id, { challenge: options.challenge });
      return options;
    },

    /** `body` as the browser sent it: `{ name, response }`. */
    async registerPasskey(session: Session, body: unknown, relyingParty: RelyingParty): Promise<void> {
      const userId = userOf(session);
      requireFreshProof(session);
      const parsed = registrationSchema.safeParse(body);
      if (!parsed.success) throw CarepathError.fromIssues(parsed.error.issues[0]!.message, parsed.error.issues);
      const challenge = await takeChallenge(db, session.id);
      if (!challenge) {
        throw new CarepathError('INVALID_REQUEST_STATE', 'Start again: select "Add a security key or passkey".');
      }
      const verification = await verifyRegistrationResponse({
        response: parsed.data.response,
        expectedChallenge: challenge,
        expectedOrigin: relyingParty.origin,
        expectedRPID: relyingParty.rpID,
        requireUserVerification: true,
      }).catch(() => ({ verified: false as const }));
      if (!verification.verified) {
        throw new CarepathError('VALIDATION', 'The security key could not be added. Try again.');
      }
      const { credential } = verification.registrationInfo;
      await addWebauthnCredential(db, {
        id: credential.id,
        userId,
        name: parsed.data.name,
        publicKey: credential.publicKey,
        counter: credential.counter,
        transports: credential.transports ?? [],
      });
      await auditAuth(db, session, 'auth.passkey_registered', { detail: { credential: credential.id.slice(0, 12) } });
    },

    /** Removes one of the session user's own keys: anyone else's is NOT_FOUND. */
    async removePasskey(session: Session, credentialId: string): Promise<void> {
      if (!(await removeWebauthnCredential(db, userOf(session), credentialId))) {
        throw new CarepathError('NOT_FOUND', 'That security key is not registered to you.');
      }
      await auditAuth(db, session, 'auth.passkey_removed', { detail: { credential: credentialId.slice(0, 12) } });
    },

    async passkeySignInOptions(
      session: Session,
      relyingParty: RelyingParty,
    ): Promise<PublicKeyCredentialRequestOptionsJSON> {
      // No allowCredentials: the authenticator offers whichever discoverable credential it holds.
      const options = await generateAuthenticationOptions({ rpID: relyingParty.rpID, userVerification: 'required' });
      await updateSession(db, session.id, { challenge: options.challenge });
      return options;
    },

    /** `body` as the browser sent it: the authenticator's signed answer to the session's challenge. */
    async signInWithPasskey(
      session: Session,
      body: unknown,
      context: SignInContext & { relyingParty: RelyingParty },
    ): Promise<SignedIn> {
      const response = authenticationSchema.safeParse(body);
      // Taken whatever the body: a challenge is good for one answer, right or wrong.
      const challenge = await takeChallenge(db, session.id);
      if (!response.success || !challenge) {
        throw new CarepathError('INVALID_REQUEST_STATE', 'Start again: select "Sign in with a security key".');
      }
      // Only the address is throttled: a signature cannot be guessed, so a key's failures do not
      // count towards locking its account, and a lock (from guessed passwords) does not stop it.
      const attempt = await throttle.admit(context, undefined);
      const stored = await findWebauthnCredential(db, response.data.id);
      const user = stored && (await findUserById(db, stored.user_id));
      if (!stored || !user) {
        await attempt.failed(session, 'passkey');
        throw new CarepathError('UNAUTHENTICATED', 'This security key is not registered with Carepath.');
      }
      const counter = await verifyAnswer(stored, response.data, challenge, context.relyingParty);
      if (counter === undefined) {
        await attempt.failed(session, 'passkey', user.id);
        throw new CarepathError('UNAUTHENTICATED', 'Signing in with this security key did not work. Try again.');
      }
      await attempt.succeeded();
      await recordWebauthnUse(db, stored.id, counter);
      return completeSignIn(db, session, user.id, 'webauthn', context.policy);
    },

    /** A challenge for one of the signed-in user's own keys, to prove it is them again. */
    async passkeyConfirmationOptions(
      session: Session,
      relyingParty: RelyingParty,
    ): Promise<PublicKeyCredentialRequestOptionsJSON> {
      const keys = await listWebauthnCredentials(db, userOf(session));
      const options = await generateAuthenticationOptions({
        rpID: relyingParty.rpID,
        userVerification: 'required',
        allowCredentials: keys.map((key) => ({ id: key.id, transports: key.transports as never })),
      });
      await updateSession(db, session.id, { challenge: options.challenge });
      return options;
    },

    /** `body`: the key's signed answer. A good one opens the window for adding a way of signing in. */
    async confirmWithPasskey(session: Session, body: unknown, relyingParty: RelyingParty): Promise<void> {
      const userId = userOf(session);
      const response = authenticationSchema.safeParse(body);
      const challenge = await takeChallenge(db, session.id);
      if (!response.success || !challenge) {
        throw new CarepathError('INVALID_REQUEST_STATE', 'Start again: select "Use your security key".');
      }
      const stored = await findWebauthnCredential(db, response.data.id);
      const counter =
        stored?.user_id === userId ? await verifyAnswer(stored, response.data, challenge, relyingParty) : undefined;
      if (counter === undefined) {
        await recordWrongAnswer(db, session, 'passkey');
        throw new CarepathError('VALIDATION', 'That did not work: use one of the security keys you added. Try again.');
      }
      await recordWebauthnUse(db, stored!.id, counter);
      await recordFreshProof(db, session, 'passkey');
    },
  };
}
