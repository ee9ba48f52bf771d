import type { Context } from 'hono';
import { Button, ErrorSummary, TextInput, type FieldErrors } from '../components/forms';
import { Layout } from '../layout';
import { csrfField, csrfToken } from './middleware';
import { AuthenticatorCodeInput, RecoveryCodeDisclosure } from './second-factor-fields';

export function SignInPage(props: { c: Context; username?: string; errors?: FieldErrors; notice?: string }) {
  const errors = props.errors ?? {};
  return (
    <Layout title={Object.keys(errors).length ? 'Error: Sign in' : 'Sign in'}>
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 class="nhsuk-heading-l">Sign in to Carepath</h1>
          {props.notice && (
            <div class="nhsuk-inset-text">
              <span class="nhsuk-u-visually-hidden">Information: </span>
              <p>{props.notice}</p>
            </div>
          )}
          <h2 class="nhsuk-heading-m">Password and authenticator app</h2>
          <form method="post" action="/auth/sign-in" novalidate>
            {csrfField(props.c)}
            <TextInput
              name="username"
              label="Username"
              value={props.username}
              error={errors.username}
              autocomplete="username webauthn"
              width={20}
            />
            <TextInput
              name="password"
              label="Password"
              type="password"
              error={errors.password}
              autocomplete="current-password"
              width={20}
            />
            <Button>Continue</Button>
          </form>
          <h2 class="nhsuk-heading-m">Security key or passkey</h2>
          <div data-passkey-sign-in data-csrf={csrfToken(props.c)}>
            <p class="nhsuk-body" data-passkey-message aria-live="polite">
              You need JavaScript turned on to sign in with a security key or passkey.
            </p>
            <button class="nhsuk-button nhsuk-button--secondary" type="button" id="passkey-sign-in" hidden>
              Sign in with a security key or passkey
            </button>
          </div>
          <script src="/assets/simplewebauthn-browser.js"></script>
          <script type="module" src="/assets/passkeys.js"></script>
        </div>
      </div>
    </Layout>
  );
}

export function CodePage(props: { c: Context; errors?: FieldErrors }) {
  const errors = props.errors ?? {};
  return (
    <Layout title={Object.keys(errors).length ? 'Error: Enter your code' : 'Enter your code'}>
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 class="nhsuk-heading-l">Enter the code from your authenticator app</h1>
          <form method="post" action="/auth/sign-in/code" novalidate>
            {csrfField(props.c)}
            <AuthenticatorCodeInput label="Code" error={errors.code} />
            <Button>Sign in</Button>
          </form>
          <RecoveryCodeDisclosure
            c={props.c}
            action="/auth/sign-in/code"
            error={errors.recovery_code}
            submitLabel="Sign in with a recovery code"
          />
        </div>
      </div>
    </Layout>
  );
}
