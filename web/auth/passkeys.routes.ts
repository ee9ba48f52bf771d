import { Hono, type Context } from 'hono';
import { CarepathError } from '../../domain/errors';
import type { RelyingParty } from '../../services/identity/passkeys.service';
import { statusOf } from '../errors';
import { access } from './route-table';
import { appOrigin } from './session-cookie';
import { adoptSession, landingPath, signInContext, type AuthDeps } from './sessions';

/**
 * Security keys and passkeys (WebAuthn): JSON for the browser half, web/static/passkeys.js,
 * which shows `error` to the user whatever the status.
 */
export function passkeyRoutes(deps: AuthDeps) {
  const { identity } = deps.services;
  const app = new Hono();
  const relyingParty = (c: Context): RelyingParty => {
    const origin = appOrigin(c, deps.config.APP_ORIGIN);
    return { rpID: origin.hostname, origin: origin.origin };
  };
  const body = (c: Context) => c.req.json().catch(() => null);
  const failed = (c: Context, error: unknown) => {
    if (!(error instanceof CarepathError)) throw error;
    return c.json({ error: error.message }, statusOf(error));
  };

  // Refused without the second factor proven in the last few minutes: the page then says to confirm.
  app.post('/auth/passkeys/options', access('POST /auth/passkeys/options'), async (c) => {
    try {
      return c.json(await identity.passkeyRegistrationOptions(c.get('session')!, relyingParty(c)));
    } catch (error) {
      return failed(c, error);
    }
  });

  app.post('/auth/passkeys', access('POST /auth/passkeys'), async (c) => {
    try {
      await identity.registerPasskey(c.get('session')!, await body(c), relyingParty(c));
      return c.json({ ok: true });
    } catch (error) {
      return failed(c, error);
    }
  });

  app.post('/auth/passkeys/:id/remove', access('POST /auth/passkeys/:id/remove'), async (c) => {
    await identity.removePasskey(c.get('session')!, c.req.param('id'));
    return c.redirect('/auth/security?removed=1', 303);
  });

  app.post('/auth/confirm/passkey/options', access('POST /auth/confirm/passkey/options'), async (c) =>
    c.json(await identity.passkeyConfirmationOptions(c.get('session')!, relyingParty(c))),
  );

  app.post('/auth/confirm/passkey', access('POST /auth/confirm/passkey'), async (c) => {
    try {
      await identity.confirmWithPasskey(c.get('session')!, await body(c), relyingParty(c));
      return c.json({ ok: true });
    } catch (error) {
      return failed(c, error);
    }
  });

  app.post('/auth/passkey/options', access('POST /auth/passkey/options'), async (c) =>
    c.json(await identity.passkeySignInOptions(c.get('session')!, relyingParty(c))),
  );

  app.post('/auth/passkey/sign-in', access('POST /auth/passkey/sign-in'), async (c) => {
    try {
      const signedIn = await identity.signInWithPasskey(c.get('session')!, await body(c), {
        ...signInContext(c, deps),
        relyingParty: relyingParty(c),
      });
      adoptSession(c, deps, signedIn);
      return c.json({ redirect: landingPath(signedIn) });
    } catch (error) {
      return failed(c, error);
    }
  });

  return app;
}
