import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Session } from '../../services/identity/session.types';
import { Button, ErrorSummary, TextInput } from '../components/forms';
import { formRefusal, statusOf } from '../errors';
import { Layout } from '../layout';
import { csrfField } from './middleware';
import { access } from './route-table';
import { hasFreshProof } from '../../services/identity/reauthentication.service';
import { confirmPath } from './confirm.routes';
import { RecoveryCodesPage } from './recovery-codes.views';
import { adoptSession, landingPath, type AuthDeps } from './sessions';

/**
 * Setting up the authenticator app: at the first sign-in (or after an administrator's
 * reset), or later from the security page, after proving the second factor again. The app
 * counts only once it produced a good code.
 */
export function enrolRoutes(deps: AuthDeps) {
  const { identity } = deps.services;
  const app = new Hono();
  const enrolling = (c: Context) => {
    const session = c.get('session');
    return session?.userId && (session.stage === 'enrol' || session.stage === 'signed_in') ? session : undefined;
  };
  // Signed in already: a new app is a lasting way in, so the user proves it is them first.
  const mustConfirm = (session: Session) => session.stage === 'signed_in' && !hasFreshProof(session);

  app.get('/auth/authenticator', access('GET /auth/authenticator'), async (c) => {
    const session = enrolling(c);
    if (!session) return c.redirect('/auth/sign-in', 303);
    if (mustConfirm(session)) return c.redirect(confirmPath('/auth/authenticator'), 303);
    return (await page(c, session)) ?? c.redirect('/auth/security', 303);
  });

  app.post('/auth/authenticator', access('POST /auth/authenticator'), async (c) => {
    const session = enrolling(c);
    if (!session) return c.redirect('/auth/sign-in', 303);
    if (mustConfirm(session)) return c.redirect(confirmPath('/auth/authenticator'), 303);
    const code = String((await c.req.parseBody()).code ?? '').trim();
    try {
      const outcome = await identity.confirmAuthenticatorApp(session, code, c.get('sessionPolicy'));
      if (outcome.status === 'already-set-up') return c.redirect('/auth/security', 303);
      if (outcome.signedIn) adoptSession(c, deps, outcome.signedIn);
      const next = outcome.signedIn ? landingPath(outcome.signedIn) : '/auth/security';
      return c.html(<RecoveryCodesPage codes={outcome.recoveryCodes} next={next} />);
    } catch (error) {
      const refusal = formRefusal(error);
      return (await page(c, session, refusal.fields.code, statusOf(refusal)))!;
    }
  });

  async function page(c: Context, session: Session, error?: string, status: ContentfulStatusCode = 200) {
    const details = await identity.authenticatorAppSetup(session);
    if (!details) return undefined;
    const title = 'Set up your authenticator app';
    return c.html(
      <Layout title={error ? `Error: ${title}` : title}>
        <div class="nhsuk-grid-row">
          <div class="nhsuk-grid-column-two-thirds">
            <ErrorSummary errors={error ? { code: error } : {}} />
            <h1 class="nhsuk-heading-l">{title}</h1>
            <p>
              Use an authenticator app such as Microsoft Authenticator or Google Authenticator on your phone. You will
              enter a code from it every time you sign in.
            </p>
            <ol class="nhsuk-list nhsuk-list--number">
              <li>In the app, choose to add an account.</li>
              <li>Scan the QR code, or type in the key below.</li>
              <li>Enter the 6-digit code the app shows.</li>
            </ol>
            <img
              src={`data:image/svg+xml;base64,${Buffer.from(details.qrCodeSvg).toString('base64')}`}
              alt="QR code for adding Carepath to your authenticator app"
              width={200}
              height={200}
            />
            <p>
              Key:{' '}
              <code class="nhsuk-u-font-weight-bold" data-testid="totp-secret">
                {details.key}
              </code>
            </p>
            <form method="post" action="/auth/authenticator" novalidate>
              {csrfField(c)}
              <TextInput
                name="code"
                label="Code from your app"
                error={error}
                autocomplete="one-time-code"
                inputmode="numeric"
                width={10}
              />
              <Button>Continue</Button>
            </form>
          </div>
        </div>
      </Layout>,
      status,
    );
  }

  return app;
}
