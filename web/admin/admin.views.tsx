import type { Context } from 'hono';
import { USER_ADMINISTRATION, type UserAdministrationAction } from '../../domain/identity/permissions';
import { isPermitted } from '../../domain/permissions';
import { ROLES, ROLE_CODES } from '../../domain/roles';
import type { UserAccount, UserDetails } from '../../services/identity/admin.service';
import { csrfField } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { Button, ChooseOne, ErrorSummary, TextInput, type FieldErrors } from '../components/forms';

/** Whether the acting role may take `action`: the page draws only what the rules table allows. */
const may = (c: Context, action: UserAdministrationAction) =>
  isPermitted(USER_ADMINISTRATION, action, c.get('actor').role);

export function UsersPage(props: {
  c: Context;
  users: (UserAccount & { roleCount: number })[];
  errors?: FieldErrors;
  values?: Record<string, string>;
  created?: { username: string; password: string };
}) {
  const errors = props.errors ?? {};
  const title = 'Users and roles';
  return (
    <StaffLayout c={props.c} title={Object.keys(errors).length ? `Error: ${title}` : title}>
      <ErrorSummary errors={errors} />
      <h1 class="nhsuk-heading-l">{title}</h1>
      {props.created && (
        <div class="nhsuk-inset-text" data-testid="created-user">
          <p>
            {props.created.username} was created. Their temporary password is{' '}
            <code class="nhsuk-u-font-weight-bold">{props.created.password}</code>. Give it to them in person: it is
            shown only once. When they first sign in they set up an authenticator app and choose their own password.
          </p>
        </div>
      )}
      <table class="nhsuk-table">
        <caption class="nhsuk-table__caption">Users</caption>
        <thead class="nhsuk-table__head">
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody class="nhsuk-table__body">
          {props.users.map((u) => (
            <tr class="nhsuk-table__row">
              <td class="nhsuk-table__cell">
                <a href={`/admin/users/${u.id}`}>{u.username}</a>
              </td>
              <td class="nhsuk-table__cell">{u.displayName}</td>
              <td class="nhsuk-table__cell">{u.roleCount}</td>
              <td class="nhsuk-table__cell">
                {u.lockedAt ? <strong class="nhsuk-tag nhsuk-tag--red">Locked</strong> : 'Active'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {may(props.c, 'createUser') && <CreateUserForm {...props} errors={errors} />}
    </StaffLayout>
  );
}

function CreateUserForm(props: { c: Context; errors: FieldErrors; values?: Record<string, string> }) {
  const { errors } = props;
  return (
    <>
      <h2 class="nhsuk-heading-m">Create a user</h2>
      <form method="post" action="/admin/users" novalidate>
        {csrfField(props.c)}
        <TextInput
          name="username"
          label="Username"
          hint="Lower-case letters, digits, dots and hyphens, for example jo.bloggs"
          value={props.values?.username}
          error={errors.username}
          width={20}
        />
        <TextInput
          name="display_name"
          label="Full name"
          value={props.values?.display_name}
          error={errors.display_name}
          width={30}
        />
        <Button>Create user</Button>
      </form>
    </>
  );
}

export function UserPage(props: { c: Context; details: UserDetails; errors?: FieldErrors; notice?: string }) {
  const { c, errors = {} } = props;
  const { user, roles, organisations, authenticators } = props.details;
  const base = `/admin/users/${user.id}`;
  return (
    <StaffLayout
      c={c}
      title={`${user.username} - Users and roles`}
      beforeContent={
        <a class="nhsuk-back-link" href="/admin/users">
          Back to users
        </a>
      }
    >
      <ErrorSummary errors={errors} />
      <h1 class="nhsuk-heading-l">{user.displayName}</h1>
      {props.notice && (
        <div class="nhsuk-inset-text">
          <p>{props.notice}</p>
        </div>
      )}
      <p>
        Username {user.username}.{' '}
        {user.lockedAt ? (
          <strong class="nhsuk-tag nhsuk-tag--red">Locked</strong>
        ) : (
          `${user.failedAttempts} failed attempts.`
        )}
      </p>
      <h2 class="nhsuk-heading-m">Roles</h2>
      {roles.length === 0 && <p>No roles yet.</p>}
      <ul class="nhsuk-list">
        {roles.map((r) => (
          <li>
            <form method="post" action={`${base}/roles/remove`} novalidate>
              {csrfField(c)}
              <input type="hidden" name="org" value={r.orgCode} />
              <input type="hidden" name="role" value={r.role} />
              {ROLES[r.role].name} ({r.role}) at {r.orgName} ({r.orgCode}){' '}
              {may(c, 'removeRole') && (
                <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                  Remove
                  <span class="nhsuk-u-visually-hidden">
                    {' '}
                    {ROLES[r.role].name} at {r.orgName}
                  </span>
                </button>
              )}
            </form>
          </li>
        ))}
      </ul>
      {may(c, 'giveRole') && (
        <>
          <h3 class="nhsuk-heading-s">Give a role</h3>
          <form method="post" action={`${base}/roles`} novalidate>
            {csrfField(c)}
            <ChooseOne
              name="org"
              legend="Organisation"
              error={errors.org}
              choices={organisations.map((o) => ({ value: o.odsCode, text: o.name, hint: o.odsCode }))}
            />
            <ChooseOne
              name="role"
              legend="Role"
              error={errors.role}
              choices={ROLE_CODES.map((code) => ({ value: code, text: ROLES[code].name, hint: code }))}
            />
            <Button>Give role</Button>
          </form>
        </>
      )}
      <h2 class="nhsuk-heading-m">Sign-in</h2>
      <p>
        Authenticator app: {authenticators.authenticatorApp ? 'set up' : 'not set up'}. Security keys and passkeys:{' '}
        {authenticators.passkeys}.
      </p>
      {user.lockedAt && may(c, 'unlockAccount') && (
        <form method="post" action={`${base}/unlock`} novalidate>
          {csrfField(c)}
          <Button>Unlock account</Button>
        </form>
      )}
      {may(c, 'resetAuthenticators') && (
        <form method="post" action={`${base}/reset-authenticators`} novalidate>
          {csrfField(c)}
          <p>
            Resetting removes their authenticator app, recovery codes and security keys, and signs them out everywhere.
            They set up an authenticator app again at their next sign-in.
          </p>
          <button class="nhsuk-button nhsuk-button--warning" type="submit">
            Reset authenticators
          </button>
        </form>
      )}
    </StaffLayout>
  );
}
