import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { ROLES } from '../../domain/roles';
import { staffNavigation } from '../components/staff-navigation';
import { HeaderSearch } from '../find/header-search';
import { Layout, type LayoutProps } from '../layout';
import { csrfField, csrfHeaders } from './middleware';

/**
 * The page frame for signed-in staff: who they are, where and in which role, the links to
 * switch role or sign out, the role's menu and the find-a-referral box, the session time-out
 * warning, and the CSRF header for htmx.
 */
export function StaffLayout(props: Omit<LayoutProps, 'account' | 'search' | 'navigation'> & { c: Context }) {
  const { c, children, beforeContent, ...rest } = props;
  const session = c.get('session');
  const actor = c.get('actor');
  return (
    <Layout
      {...rest}
      account={session?.stage === 'signed_in' ? <Account c={c} /> : undefined}
      search={<HeaderSearch c={c} />}
      navigation={actor ? staffNavigation(actor.role, c.req.path) : undefined}
      beforeContent={
        <>
          {session?.stage === 'signed_in' && <SessionTimeout c={c} />}
          {beforeContent}
        </>
      }
    >
      <div hx-headers={session ? csrfHeaders(c) : undefined}>
        {actor && (
          <p class="nhsuk-body-s nhsuk-u-margin-bottom-3" data-testid="acting-as">
            {actor.displayName}, {ROLES[actor.role].name}, {session?.orgName ?? actor.orgCode}
          </p>
        )}
        {children}
      </div>
    </Layout>
  );
}

function Account({ c }: { c: Context }) {
  const session = c.get('session')!;
  return (
    <nav class="nhsuk-header__account" aria-label="Account">
      <ul class="nhsuk-header__account-list">
        <li class="nhsuk-header__account-item">{session.displayName}</li>
        <li class="nhsuk-header__account-item">
          <a class="nhsuk-header__account-link" href="/auth/organisation">
            Change organisation or role
          </a>
        </li>
        <li class="nhsuk-header__account-item">
          <a class="nhsuk-header__account-link" href="/auth/security">
            Security keys
          </a>
        </li>
        <li class="nhsuk-header__account-item">
          <form action="/auth/sign-out" method="post" novalidate>
            {csrfField(c)}
            <button class="nhsuk-header__account-button" type="submit">
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

/** Hidden until the script decides it is time; without JavaScript the server still signs the user out. */
function SessionTimeout({ c }: { c: Context }): Child {
  const session = c.get('session')!;
  const policy = c.get('sessionPolicy');
  return (
    <div
      id="session-timeout"
      hidden
      data-idle-ms={String(policy.idleMs)}
      data-idle-warning-ms={String(policy.idleWarningMs)}
      data-absolute-at={String(session.expiresAt.getTime())}
      data-absolute-warning-ms={String(policy.absoluteWarningMs)}
    >
      <div
        class="nhsuk-warning-callout"
        role="alertdialog"
        aria-labelledby="session-timeout-title"
        aria-describedby="session-timeout-text"
      >
        <h2 class="nhsuk-warning-callout__label" id="session-timeout-title" tabindex={-1}>
          <span role="text">
            <span class="nhsuk-u-visually-hidden">Important: </span>
            <span data-title>You will be signed out soon</span>
          </span>
        </h2>
        <p id="session-timeout-text" data-countdown></p>
        <p class="nhsuk-u-visually-hidden" aria-live="polite" data-spoken></p>
        <div class="nhsuk-button-group">
          <button class="nhsuk-button" type="button" data-stay>
            Stay signed in
          </button>
          <form action="/auth/sign-out" method="post" novalidate data-sign-out>
            {csrfField(c)}
            <input type="hidden" name="reason" value="chose" />
            <button class="nhsuk-button nhsuk-button--secondary" type="submit">
              Sign out
            </button>
          </form>
        </div>
      </div>
      <script type="module" src="/assets/session-timeout.js"></script>
    </div>
  );
}
