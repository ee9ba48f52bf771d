import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ConfirmationMethods } from '../../services/identity/reauthentication.service';
import { Button, ErrorSummary, type FieldErrors } from '../components/forms';
import { formRefusal, statusOf } from '../errors';
import { csrfField, csrfToken } from './middleware';
import { access } from './route-table';
import type { AuthDeps } from './sessions';
import { AuthenticatorCodeInput, RecoveryCodeDisclosure } from './second-factor-fields';
import { StaffLayout } from './staff-layout';

// Where confirming may lead back to: a fixed list, so the page cannot be made to redirect elsewhere.
const NEXT_PAGES = ['/auth/security', '/auth/authenticator', '/auth/recovery-codes'] as const;
type NextPage = (typeof NEXT_PAGES)[number];
const nextPage = (value: unknown): NextPage => NEXT_PAGES.find((page) => page === value) ?? '/auth/security';

/** The confirmation page, coming back to `next` once the user has proved it is them. */
export function confirmPath(next: NextPage): string {
  return `/auth/confirm?next=${encodeURIComponent(next)}`;
}

/**
 * Proving the second factor again before adding a way of signing in: a code from the app, a
 * recovery code, or one of the user's security keys (web/static/passkeys.js).
 */
export function confirmRoutes(deps: AuthDeps) {
  const { identity } = deps.services;
  const app = new Hono();

  app.get('/auth/confirm', access('GET /auth/confirm'), async (c) => page(c, nextPage(c.req.query('next'))));

  app.post('/auth/confirm', access('POST /auth/confirm'), async (c) => {
    const body = await c.req.parseBody();
    const next = nextPage(body.next);
    const kind = 'recovery_code' in body ? 'recovery_code' : 'code';
    const value = typeof body[kind] === 'string' ? body[kind].trim() : '';
    try {
      await identity.confirmSecondFactor(c.get('session')!, { kind, value });
      return c.redirect(next, 303);
    } catch (error) {
      const refusal = formRefusal(error);
      return page(c, next, refusal.fields, statusOf(refusal));
    }
  });

  async function page(c: Context, next: NextPage, errors: FieldErrors = {}, status: ContentfulStatusCode = 200) {
    const methods = await identity.confirmationMethods(c.get('session')!);
    const title = 'Confirm it is you';
    return c.html(
      <StaffLayout c={c} title={Object.keys(errors).length ? `Error: ${title}` : title}>
        <div class="nhsuk-grid-row">
          <div class="nhsuk-grid-column-two-thirds">
            <ErrorSummary errors={errors} />
            <h1 class="nhsuk-heading-l">{title}</h1>
            <p>
              Before you add a security key or passkey, an authenticator app or new recovery codes, prove it is you
              again. You will not be asked again for 5 minutes.
            </p>
            <ConfirmForms c={c} methods={methods} next={next} errors={errors} />
          </div>
        </div>
      </StaffLayout>,
      status,
    );
  }

  return app;
}

function ConfirmForms(props: { c: Context; methods: ConfirmationMethods; next: NextPage; errors: FieldErrors }) {
  const { c, methods, next, errors } = props;
  if (!methods.authenticatorApp && !methods.passkeys && !methods.recoveryCodesLeft) {
    return (
      <p>
        You have no authenticator app, security key or recovery code to confirm with. Ask your registration authority
        administrator to reset your authenticators.
      </p>
    );
  }
  return (
    <>
      {methods.authenticatorApp && (
        <form method="post" action="/auth/confirm" novalidate>
          {csrfField(c)}
          <input type="hidden" name="next" value={next} />
          <AuthenticatorCodeInput label="Code from your authenticator app" error={errors.code} />
          <Button>Continue</Button>
        </form>
      )}
      {methods.passkeys > 0 && (
        <div data-passkey-confirm data-csrf={csrfToken(c)} data-next={next}>
          <p class="nhsuk-body" data-passkey-message aria-live="polite">
            You need JavaScript turned on to confirm with a security key or passkey.
          </p>
          <button class="nhsuk-button nhsuk-button--secondary" type="button" id="passkey-confirm" hidden>
            Use your security key or passkey
          </button>
          <script src="/assets/simplewebauthn-browser.js"></script>
          <script type="module" src="/assets/passkeys.js"></script>
        </div>
      )}
      {methods.recoveryCodesLeft > 0 && (
        <RecoveryCodeDisclosure
          c={c}
          action="/auth/confirm"
          error={errors.recovery_code}
          submitLabel="Continue with a recovery code"
        >
          <input type="hidden" name="next" value={next} />
        </RecoveryCodeDisclosure>
      )}
    </>
  );
}
