import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Session } from '../../services/identity/session.types';
import { Button, ErrorSummary, TextInput } from '../components/forms';
import { statusOf } from '../errors';
import { Layout } from '../layout';
import { formRefusal } from './form-refusal';
import { csrfField } from './middleware';
import { access } from './route-table';
import { adoptSession, landingPath, type AuthDeps } from './sessions';

/**
 * Setting up the authenticator app: at the first sign-in (or after an administrator's
 * reset), or later from the security page. The app counts only once it produced a good code.
 */
export function enrolRoutes(deps: AuthDeps) {
  const { identity } = deps.services;
  const app = new Hono();
  const enrolling = (c: Context) => {
    const session = c.get('session');
    return session?.userId && (session.stage === 'enrol' || session.stage === 'signed_in') ? session : undefined;
  };

  app.get('/auth/authenticator', access('GET /auth/authenticator'), async (c) => {
    const session = enrolling(c);
    if (!session) return c.redirect('/auth/sign-in', 303);
    return (await page(c, session)) ?? c.redirect('/auth/security', 303);
  });

  app.post('/auth/authenticator', access('POST /auth/authenticator'), async (c) => {
    const session = enrolling(c);
    if (!session) return c.redirect('/auth/sign-in', 303);
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

function RecoveryCodesPage({ codes, next }: { codes: string[]; next: string }) {
  return (
    <Layout title="Save your recovery codes">
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-two-thirds">
          <h1 class="nhsuk-heading-l">Save your recovery codes</h1>
          <div class="nhsuk-warning-callout">
            <h2 class="nhsuk-warning-callout__label">
              <span role="text">
                <span class="nhsuk-u-visually-hidden">Important: </span>You will not see these codes again
              </span>
            </h2>
            <p>
              If you lose your phone, each code lets you sign in once. Keep them somewhere safe, away from your phone.
            </p>
          </div>
          <ul class="nhsuk-list" data-testid="recovery-codes">
            {codes.map((code) => (
              <li>
                <code>{code}</code>
              </li>
            ))}
          </ul>
          <a class="nhsuk-button" href={next} role="button" draggable="false">
            I have saved my codes, continue
          </a>
        </div>
      </div>
    </Layout>
  );
}
