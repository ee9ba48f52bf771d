import type { Context } from 'hono';
import { CarepathError } from '../../domain/errors';
import { Hono } from 'hono';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';
import {
  addWebauthnCredential,
  findWebauthnCredential,
  listWebauthnCredentials,
  recordWebauthnUse,
  removeWebauthnCredential,
} from '../../db/identity/credentials.repository';
import { takeChallenge, updateSession } from '../../db/identity/sessions.repository';
import { findUserById } from '../../db/identity/users.repository';
import { auditAuth } from './auth-audit';
import { completeSignIn } from './complete-sign-in';
import { addressLocked, recordFailure } from './lockout';
import { access } from './route-table';
import { appOrigin } from './session-cookie';
import type { SessionDeps } from './sessions';

const registrationSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name for the security key').max(60, 'Name must be 60 characters or fewer'),
  response: z.custom<RegistrationResponseJSON>((v) => typeof v === 'object' && v !== null && 'id' in v),
});
const authenticationSchema = z.custom<AuthenticationResponseJSON>(
  (v) => typeof v === 'object' && v !== null && 'id' in v && 'response' in v,
);

/**
 * Security keys and passkeys (WebAuthn). Signing in needs no username: the credential is
 * discoverable and names its user. The browser part is web/static/passkeys.js.
 */
export function passkeyRoutes(deps: SessionDeps) {
  const { db } = deps;
  const app = new Hono();
  const relyingParty = (c: Context) => {
    const origin = appOrigin(c, deps.config.APP_ORIGIN);
    return { rpID: origin.hostname, origin: origin.origin };
  };
  const failed = (c: Context, error: string, status: 400 | 401 | 422 | 429 = 400) => c.json({ error }, status);

  app.post('/auth/passkeys/options', access('POST /auth/passkeys/options'), async (c) => {
    const session = c.get('session')!;
    const user = (await findUserById(db, session.user_id!))!;
    const existing = await listWebauthnCredentials(db, user.id);
    const options = await generateRegistrationOptions({
      rpName: 'Carepath',
      rpID: relyingParty(c).rpID,
      userName: user.username,
      userDisplayName: user.display_name,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: existing.map((cred) => ({ id: cred.id, transports: cred.transports })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    await updateSession(db, session.id_hash, { challenge: options.challenge });
    return c.json(options);
  });

  app.post('/auth/passkeys', access('POST /auth/passkeys'), async (c) => {
    const session = c.get('session')!;
    const parsed = registrationSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return failed(c, parsed.error.issues[0]!.message, 422);
    const challenge = await takeChallenge(db, session.id_hash);
    if (!challenge) return failed(c, 'Start again: select "Add a security key or passkey".');
    const { rpID, origin } = relyingParty(c);
    const verification = await verifyRegistrationResponse({
      response: parsed.data.response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    }).catch(() => ({ verified: false as const }));
    if (!verification.verified) return failed(c, 'The security key could not be added. Try again.');
    const { credential } = verification.registrationInfo;
    await addWebauthnCredential(db, {
      id: credential.id,
      userId: session.user_id!,
      name: parsed.data.name,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
    });
    await auditAuth(db, c, 'auth.passkey_registered', { detail: { credential: credential.id.slice(0, 12) } });
    return c.json({ ok: true });
  });

  app.post('/auth/passkeys/:id/remove', access('POST /auth/passkeys/:id/remove'), async (c) => {
    const id = c.req.param('id');
    // The relationship check: only the user's own credential can go.
    if (!(await removeWebauthnCredential(db, c.get('session')!.user_id!, id))) {
      throw new CarepathError('NOT_FOUND', 'That security key is not registered to you.');
    }
    await auditAuth(db, c, 'auth.passkey_removed', { detail: { credential: id.slice(0, 12) } });
    return c.redirect('/auth/security?removed=1', 303);
  });

  app.post('/auth/passkey/options', access('POST /auth/passkey/options'), async (c) => {
    // No allowCredentials: the authenticator offers whichever discoverable credential it holds.
    const options = await generateAuthenticationOptions({ rpID: relyingParty(c).rpID, userVerification: 'required' });
    await updateSession(db, c.get('session')!.id_hash, { challenge: options.challenge });
    return c.json(options);
  });

  app.post('/auth/passkey/sign-in', access('POST /auth/passkey/sign-in'), async (c) => {
    const session = c.get('session')!;
    const response = authenticationSchema.safeParse(await c.req.json().catch(() => null));
    const challenge = await takeChallenge(db, session.id_hash);
    if (!response.success || !challenge) return failed(c, 'Start again: select "Sign in with a security key".');
    if (await addressLocked(db, c))
      return failed(c, 'Too many failed attempts from your network. Wait 15 minutes.', 429);
    const stored = await findWebauthnCredential(db, response.data.id);
    const user = stored && (await findUserById(db, stored.user_id));
    if (!stored || !user) {
      await recordFailure(db, c, { step: 'passkey' });
      return failed(c, 'This security key is not registered with Carepath.', 401);
    }
    if (user.locked_at)
      return failed(c, 'Your account is locked. Ask your registration authority administrator to unlock it.', 429);
    const { rpID, origin } = relyingParty(c);
    // Throws when the signature is bad or the counter went backwards (a cloned key).
    const verification = await verifyAuthenticationResponse({
      response: response.data,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
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
      await recordFailure(db, c, { userId: user.id, step: 'passkey' });
      return failed(c, 'Signing in with this security key did not work. Try again.', 401);
    }
    await recordWebauthnUse(db, stored.id, verification.authenticationInfo.newCounter);
    return c.json({ redirect: await completeSignIn(c, deps, user.id, 'webauthn') });
  });

  return app;
}
