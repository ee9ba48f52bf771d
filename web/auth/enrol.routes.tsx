import { Hono, type Context } from 'hono';
import {
  claimTotpStep,
  findTotp,
  replaceRecoveryCodes,
  savePendingTotp,
} from '../../db/identity/credentials.repository';
import { findUserById } from '../../db/identity/users.repository';
import { Button, ErrorSummary, TextInput } from '../components/forms';
import { Layout } from '../layout';
import { auditAuth } from './auth-audit';
import { completeSignIn } from './complete-sign-in';
import { csrfField } from './middleware';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes';
import { access } from './route-table';
import type { SessionDeps } from './sessions';
import { checkTotpCode, enrolmentDetails, newTotpSecret } from './totp';

/**
 * Setting up the authenticator app: at the first sign-in (or after an administrator's
 * reset), or later from the security page. The app counts only once it produced a good code.
 */
export function enrolRoutes(deps: SessionDeps) {
  const { db } = deps;
  const app = new Hono();
  const enrolling = (c: Context) => {
    const session = c.get('session');
    return session && (session.stage === 'enrol' || session.stage === 'signed_in') ? session.user_id : null;
  };

  app.get('/auth/authenticator', access('GET /auth/authenticator'), async (c) => {
    const userId = enrolling(c);
    if (!userId) return c.redirect('/auth/sign-in', 303);
    return (await page(c, userId)) ?? c.redirect('/auth/security', 303);
  });

  app.post('/auth/authenticator', access('POST /auth/authenticator'), async (c) => {
    const userId = enrolling(c);
    if (!userId) return c.redirect('/auth/sign-in', 303);
    const pending = await findTotp(db, userId);
    if (!pending || pending.confirmed_at) return c.redirect('/auth/security', 303);
    const code = String((await c.req.parseBody()).code ?? '').trim();
    const result = code ? await checkTotpCode(pending.secret, code, null) : { valid: false as const };
    if (!result.valid || !(await claimTotpStep(db, userId, result.step, true))) {
      const error = code
        ? 'The code is not right. Enter the code your app shows now'
        : 'Enter the 6-digit code from your app';
      return (await page(c, userId, error, 422))!;
    }
    await auditAuth(db, c, 'auth.totp_enrolled', { userId });
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(
      db,
      userId,
      codes.map((code) => hashRecoveryCode(userId, code)),
    );
    await auditAuth(db, c, 'auth.recovery_codes_created', { userId, detail: { count: codes.length } });
    const next =
      c.get('session')!.stage === 'enrol' ? await completeSignIn(c, deps, userId, 'password+totp') : '/auth/security';
    return c.html(<RecoveryCodesPage codes={codes} next={next} />);
  });

  async function page(c: Context, userId: string, error?: string, status: 200 | 422 = 200) {
    let totp = await findTotp(db, userId);
    if (totp?.confirmed_at) return undefined;
    if (!totp) {
      await savePendingTotp(db, userId, newTotpSecret());
      totp = (await findTotp(db, userId))!;
    }
    const user = await findUserById(db, userId);
    const details = await enrolmentDetails(totp.secret, user!.username);
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
              src={`data:image/svg+xml;base64,${Buffer.from(details.svg).toString('base64')}`}
              alt="QR code for adding Carepath to your authenticator app"
              width={200}
              height={200}
            />
            <p>
              Key:{' '}
              <code class="nhsuk-u-font-weight-bold" data-testid="totp-secret">
                {details.grouped}
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
