import { Hono } from 'hono';
import { TextInput } from '../components/forms';
import { csrfField, csrfToken } from './middleware';
import { access } from './route-table';
import type { AuthDeps } from './sessions';
import { StaffLayout } from './staff-layout';

const when = (date: Date | null) =>
  date ? date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }) : 'Never';

/** The user's own ways of signing in: authenticator app, security keys and passkeys, sessions. */
export function securityRoutes(deps: AuthDeps) {
  return new Hono().get('/auth/security', access('GET /auth/security'), async (c) => {
    const { authenticatorAppSetUpAt, passkeys: keys } = await deps.services.identity.securityOverview(
      c.get('session')!,
    );
    return c.html(
      <StaffLayout c={c} title="Security keys and sign-in">
        <h1 class="nhsuk-heading-l">Security keys and sign-in</h1>
        {c.req.query('removed') && (
          <div class="nhsuk-inset-text">
            <p>The security key was removed.</p>
          </div>
        )}
        <h2 class="nhsuk-heading-m">Authenticator app</h2>
        {authenticatorAppSetUpAt ? (
          <p>Set up on {when(authenticatorAppSetUpAt)}.</p>
        ) : (
          <p>
            Not set up. <a href="/auth/authenticator">Set up an authenticator app</a>
          </p>
        )}
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
        </div>
        <h2 class="nhsuk-heading-m">Signed in elsewhere?</h2>
        <form method="post" action="/auth/sign-out-everywhere" novalidate>
          {csrfField(c)}
          <button class="nhsuk-button nhsuk-button--warning" type="submit">
            Sign out everywhere
          </button>
        </form>
        <script src="/assets/simplewebauthn-browser.js"></script>
        <script type="module" src="/assets/passkeys.js"></script>
      </StaffLayout>,
    );
  });
}
