import { Hono, type Context } from 'hono';
import { hasFreshProof } from '../../services/identity/reauthentication.service';
import { Button, TextInput } from '../components/forms';
import { confirmPath } from './confirm.routes';
import { csrfField, csrfToken } from './middleware';
import { RecoveryCodesPage } from './recovery-codes.views';
import { access } from './route-table';
import type { AuthDeps } from './sessions';
import { StaffLayout } from './staff-layout';

const when = (date: Date | null) =>
  date ? date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }) : 'Never';

const notices: Record<string, string> = {
  removed: 'The security key was removed.',
  password: 'Your password was changed. You were signed out everywhere else.',
};

/**
 * The user's own ways of signing in: password, authenticator app, recovery codes, security keys
 * and passkeys, sessions. Adding a way of signing in needs the second factor proven again first.
 */
export function securityRoutes(deps: AuthDeps) {
  const { identity } = deps.services;
  const app = new Hono();

  app.get('/auth/recovery-codes', access('GET /auth/recovery-codes'), (c) => {
    if (!hasFreshProof(c.get('session')!)) return c.redirect(confirmPath('/auth/recovery-codes'), 303);
    return c.html(<NewRecoveryCodesPage c={c} />);
  });

  app.post('/auth/recovery-codes', access('POST /auth/recovery-codes'), async (c) => {
    const session = c.get('session')!;
    if (!hasFreshProof(session)) return c.redirect(confirmPath('/auth/recovery-codes'), 303);
    const codes = await identity.regenerateRecoveryCodes(session);
    return c.html(<RecoveryCodesPage codes={codes} next="/auth/security" />);
  });

  app.get('/auth/security', access('GET /auth/security'), async (c) => {
    const session = c.get('session')!;
    const { authenticatorAppSetUpAt, recoveryCodesLeft, passkeys: keys } = await identity.securityOverview(session);
    const notice = notices[Object.keys(notices).find((key) => c.req.query(key)) ?? ''];
    return c.html(
      <StaffLayout c={c} title="Security keys and sign-in">
        <h1 class="nhsuk-heading-l">Security keys and sign-in</h1>
        {notice && (
          <div class="nhsuk-inset-text">
            <p>{notice}</p>
          </div>
        )}
        <h2 class="nhsuk-heading-m">Password</h2>
        <p>
          <a href="/auth/password">Change your password</a>
        </p>
        <h2 class="nhsuk-heading-m">Authenticator app</h2>
        {authenticatorAppSetUpAt ? (
          <p>Set up on {when(authenticatorAppSetUpAt)}.</p>
        ) : (
          <p>
            Not set up. <a href="/auth/authenticator">Set up an authenticator app</a>
          </p>
        )}
        <h2 class="nhsuk-heading-m">Recovery codes</h2>
        <p>
          You have {recoveryCodesLeft} unused recovery {recoveryCodesLeft === 1 ? 'code' : 'codes'}.{' '}
          <a href="/auth/recovery-codes">Get new recovery codes</a>
        </p>
        <h2 class="nhsuk-heading-m">Security keys and passkeys</h2>
        {keys.length === 0 ? (
          <p>You have not added a security key or passkey.</p>
        ) : (
          <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">Your security keys and passkeys</caption>
            <thead class="nhsuk-table__head">
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Added</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span class="nhsuk-u-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody class="nhsuk-table__body">
              {keys.map((key) => (
                <tr class="nhsuk-table__row">
                  <td class="nhsuk-table__cell">{key.name}</td>
                  <td class="nhsuk-table__cell">{when(key.createdAt)}</td>
                  <td class="nhsuk-table__cell">{when(key.lastUsedAt)}</td>
                  <td class="nhsuk-table__cell">
                    <form method="post" action={`/auth/passkeys/${encodeURIComponent(key.id)}/remove`} novalidate>
                      {csrfField(c)}
                      <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                        Remove<span class="nhsuk-u-visually-hidden"> {key.name}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {hasFreshProof(session) ? (
          <AddPasskey c={c} />
        ) : (
          <p>
            <a href={confirmPath('/auth/security')}>Add a security key or passkey</a> (you will be asked to confirm it
            is you first)
          </p>
        )}
        <h2 class="nhsuk-heading-m">Signed in elsewhere?</h2>
        <form method="post" action="/auth/sign-out-everywhere" novalidate>
          {csrfField(c)}
          <button class="nhsuk-button nhsuk-button--warning" type="submit">
            Sign out everywhere
          </button>
        </form>
      </StaffLayout>,
    );
  });

  return app;
}

function AddPasskey({ c }: { c: Context }) {
  return (
    <div data-passkey-register data-csrf={csrfToken(c)}>
      <TextInput
        name="passkey-name"
        label="Name for a new security key or passkey"
        hint="So you can tell your keys apart, for example: Blue YubiKey"
        width={20}
      />
      <p class="nhsuk-body" data-passkey-message aria-live="polite">
        You need JavaScript turned on to add a security key or passkey.
      </p>
      <button class="nhsuk-button" type="button" id="passkey-register" hidden>
        Add a security key or passkey
      </button>
      <script src="/assets/simplewebauthn-browser.js"></script>
      <script type="module" src="/assets/passkeys.js"></script>
    </div>
  );
}

function NewRecoveryCodesPage({ c }: { c: Context }) {
  return (
    <StaffLayout c={c} title="Get new recovery codes">
      <h1 class="nhsuk-heading-l">Get new recovery codes</h1>
      <p>You will get ten new codes. Your old codes, used or not, will stop working.</p>
      <form method="post" action="/auth/recovery-codes" novalidate>
        {csrfField(c)}
        <Button>Get new recovery codes</Button>
      </form>
      <p>
        <a href="/auth/security">Cancel</a>
      </p>
    </StaffLayout>
  );
}
