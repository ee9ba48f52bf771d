import type { Context } from 'hono';
import { ROLES, ROLE_CODES } from '../../domain/roles';
import type { Organisation } from '../../db/identity/organisations.table';
import type { User } from '../../db/identity/identity.table';
import type { RoleAssignment } from '../../db/identity/users.repository';
import { csrfField } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { Button, ChooseOne, ErrorSummary, TextInput, type FieldErrors } from '../components/forms';

export type UserRow = User & { roleCount: number };

export function UsersPage(props: {
  c: Context;
  users: UserRow[];
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
            shown only once. They set up an authenticator app when they first sign in.
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
              <td class="nhsuk-table__cell">{u.display_name}</td>
              <td class="nhsuk-table__cell">{u.roleCount}</td>
              <td class="nhsuk-table__cell">
                {u.locked_at ? <strong class="nhsuk-tag nhsuk-tag--red">Locked</strong> : 'Active'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
    </StaffLayout>
  );
}

export function UserPage(props: {
  c: Context;
  user: User;
  roles: RoleAssignment[];
  organisations: Organisation[];
  authenticators: { totp: boolean; keys: number };
  errors?: FieldErrors;
  notice?: string;
}) {
  const { c, user, errors = {} } = props;
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
      <h1 class="nhsuk-heading-l">{user.display_name}</h1>
      {props.notice && (
        <div class="nhsuk-inset-text">
          <p>{props.notice}</p>
        </div>
      )}
      <p>
        Username {user.username}.{' '}
        {user.locked_at ? (
          <strong class="nhsuk-tag nhsuk-tag--red">Locked</strong>
        ) : (
          `${user.failed_attempts} failed attempts.`
        )}
      </p>
      <h2 class="nhsuk-heading-m">Roles</h2>
      {props.roles.length === 0 && <p>No roles yet.</p>}
      <ul class="nhsuk-list">
        {props.roles.map((r) => (
          <li>
            <form method="post" action={`${base}/roles/remove`} novalidate>
              {csrfField(c)}
              <input type="hidden" name="org" value={r.orgCode} />
              <input type="hidden" name="role" value={r.role} />
              {ROLES[r.role].name} ({r.role}) at {r.orgName} ({r.orgCode}){' '}
              <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                Remove
                <span class="nhsuk-u-visually-hidden">
                  {' '}
                  {ROLES[r.role].name} at {r.orgName}
                </span>
              </button>
            </form>
          </li>
        ))}
      </ul>
      <h3 class="nhsuk-heading-s">Give a role</h3>
      <form method="post" action={`${base}/roles`} novalidate>
        {csrfField(c)}
        <ChooseOne
          name="org"
          legend="Organisation"
          error={errors.org}
          choices={props.organisations.map((o) => ({ value: o.ods_code, text: o.name, hint: o.ods_code }))}
        />
        <ChooseOne
          name="role"
          legend="Role"
          error={errors.role}
          choices={ROLE_CODES.map((code) => ({ value: code, text: ROLES[code].name, hint: code }))}
        />
        <Button>Give role</Button>
      </form>
      <h2 class="nhsuk-heading-m">Sign-in</h2>
      <p>
        Authenticator app: {props.authenticators.totp ? 'set up' : 'not set up'}. Security keys and passkeys:{' '}
        {props.authenticators.keys}.
      </p>
      {user.locked_at && (
        <form method="post" action={`${base}/unlock`} novalidate>
          {csrfField(c)}
          <Button>Unlock account</Button>
        </form>
      )}
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
    </StaffLayout>
  );
}
