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
import { addressLocked, recordFailure } from './lockout';
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

/**
 * Security keys and passkeys (WebAuthn). Signing in needs no username: the credential is
 * discoverable and names its user. Each answer must match the challenge stored on the session.
 */
export function passkeysService({ db }: Pick<ServiceDeps, 'db'>) {
  return {
    async passkeyRegistrationOptions(
      session: Session,
      relyingParty: RelyingParty,
    ): Promise<PublicKeyCredentialCreationOptionsJSON> {
      const user = (await findUserById(db, userOf(session)))!;
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
      if (await addressLocked(db, context.address)) {
        throw new CarepathError('RATE_LIMITED', 'Too many failed attempts from your network. Wait 15 minutes.');
      }
      const stored = await findWebauthnCredential(db, response.data.id);
      const user = stored && (await findUserById(db, stored.user_id));
      if (!stored || !user) {
        await recordFailure(db, session, { address: context.address, step: 'passkey' });
        throw new CarepathError('UNAUTHENTICATED', 'This security key is not registered with Carepath.');
      }
      if (user.locked_at) {
        throw new CarepathError(
          'RATE_LIMITED',
          'Your account is locked. Ask your registration authority administrator to unlock it.',
        );
      }
      // Throws when the signature is bad or the counter went backwards (a cloned key).
      const verification = await verifyAuthenticationResponse({
        response: response.data,
        expectedChallenge: challenge,
        expectedOrigin: context.relyingParty.origin,
        expectedRPID: context.relyingParty.rpID,
        credential: {
          id: stored.id,
          publicKey: new Uint8Array(stored.public_key),
          counter: Number(stored.counter),
          transports: stored.transports as never,
        },
        requireUserVerification: true,
      }).catch(() => undefined);
      const handle = response.data.response.userHandle;
      const ownerMatches = !handle || Buffer.from(handle, 'base64url').toString() === user.id;
      if (!verification?.verified || !ownerMatches) {
        await recordFailure(db, session, { address: context.address, userId: user.id, step: 'passkey' });
        throw new CarepathError('UNAUTHENTICATED', 'Signing in with this security key did not work. Try again.');
      }
      await recordWebauthnUse(db, stored.id, verification.authenticationInfo.newCounter);
      return completeSignIn(db, session, user.id, 'webauthn', context.policy);
    },
  };
}
