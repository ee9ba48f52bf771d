import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { Button, TextInput } from '../components/forms';
import { csrfField } from './middleware';

/** The authenticator app's code, as sign-in and "confirm it is you" both ask for it. */
export function AuthenticatorCodeInput({ label, error }: { label: string; error: string | undefined }) {
  return (
    <TextInput
      name="code"
      label={label}
      hint="The 6-digit code your authenticator app shows now"
      error={error}
      autocomplete="one-time-code"
      inputmode="numeric"
      width={10}
    />
  );
}

/**
 * "I cannot use my authenticator app": a recovery code instead, in its own form posted to
 * `action`, opened when that code was the one refused.
 */
export function RecoveryCodeDisclosure(props: {
  c: Context;
  action: string;
  error: string | undefined;
  submitLabel: string;
  /** Hidden fields the form carries along (e.g. where to go next). */
  children?: Child;
}) {
  return (
    <details class="nhsuk-details" open={Boolean(props.error)}>
      <summary class="nhsuk-details__summary">
        <span class="nhsuk-details__summary-text">I cannot use my authenticator app</span>
      </summary>
      <div class="nhsuk-details__text">
        <form method="post" action={props.action} novalidate>
          {csrfField(props.c)}
          {props.children}
          <TextInput
            name="recovery_code"
            label="Recovery code"
            hint="One of the codes you saved when you set up your app, for example K7QM-3XWD-P9. Each code works once"
            error={props.error}
            autocomplete="off"
            width={20}
          />
          <Button secondary>{props.submitLabel}</Button>
        </form>
      </div>
    </details>
  );
}
