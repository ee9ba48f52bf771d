import { randomBytes } from 'node:crypto';
import { CarepathError } from '../../domain/errors';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { roleSchema } from '../../domain/roles';
import { appendAudit } from '../../db/audit/audit.repository';
import { deleteAllAuthenticators, findTotp, listWebauthnCredentials } from '../../db/identity/credentials.repository';
import { findOrganisation, listOrganisations } from '../../db/identity/organisations.repository';
import { deleteSessionsOfUser } from '../../db/identity/sessions.repository';
import {
  assignRole,
  clearAccountFailures,
  createUser,
  findUserById,
  findUserByUsername,
  listUsers,
  removeRole,
  roleAssignmentsOf,
} from '../../db/identity/users.repository';
import { hashPassword } from '../auth/passwords';
import { access } from '../auth/route-table';
import type { SessionDeps } from '../auth/sessions';
import type { FieldErrors } from '../components/forms';
import { UserPage, UsersPage } from './admin.views';

const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9.-]{2,39}$/, 'Enter a username of 3 to 40 lower-case letters, digits, dots or hyphens'),
  display_name: z.string().trim().min(1, 'Enter their full name').max(100, 'Full name must be 100 characters or fewer'),
});

/**
 * Registration-authority administration (role CP0001, our policy): one administrator
 * manages every user, because a standalone Carepath has no national RA to defer to.
 */
export function adminRoutes(deps: SessionDeps) {
  const { db } = deps;
  const app = new Hono();

  const audit = (c: Context, action: string, userId: string, detail: Record<string, unknown> = {}) => {
    const actor = c.get('actor');
    return appendAudit(db, {
      action,
      actor_user_id: actor.userId,
      actor_org: actor.orgCode,
      actor_role: actor.role,
      subject_type: 'user',
      subject_id: userId,
      detail,
    });
  };
  const usersWithCounts = async () => {
    const users = await listUsers(db);
    const counts = await db
      .selectFrom('role_assignments')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('user_id')
      .execute();
    const byUser = new Map(counts.map((r) => [r.user_id, Number(r.n)]));
    return users.map((u) => ({ ...u, roleCount: byUser.get(u.id) ?? 0 }));
  };
  const userOr404 = async (c: Context) => {
    const user = await findUserById(db, c.req.param('id')!);
    if (!user) throw new CarepathError('NOT_FOUND', 'There is no such user.');
    return user;
  };
  const userPage = async (
    c: Context,
    userId: string,
    extra: { errors?: FieldErrors; notice?: string } = {},
    status: 200 | 422 = 200,
  ) => {
    const user = (await findUserById(db, userId))!;
    const [roles, organisations, totp, keys] = await Promise.all([
      roleAssignmentsOf(db, userId),
      listOrganisations(db),
      findTotp(db, userId),
      listWebauthnCredentials(db, userId),
    ]);
    const authenticators = { totp: Boolean(totp?.confirmed_at), keys: keys.length };
    return c.html(
      <UserPage
        c={c}
        user={user}
        roles={roles}
        organisations={organisations}
        authenticators={authenticators}
        {...extra}
      />,
      status,
    );
  };

  app.get('/admin/users', access('GET /admin/users'), async (c) =>
    c.html(<UsersPage c={c} users={await usersWithCounts()} />),
  );

  app.post('/admin/users', access('POST /admin/users'), async (c) => {
    const body = await c.req.parseBody();
    const values = { username: String(body.username ?? ''), display_name: String(body.display_name ?? '') };
    const parsed = newUserSchema.safeParse(values);
    const errors: FieldErrors = {};
    if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    else if (await findUserByUsername(db, parsed.data.username))
      errors.username = 'That username is taken. Choose another';
    if (!parsed.success || Object.keys(errors).length) {
      return c.html(<UsersPage c={c} users={await usersWithCounts()} errors={errors} values={values} />, 422);
    }
    const password = randomBytes(12).toString('base64url');
    const id = await createUser(db, {
      username: parsed.data.username,
      displayName: parsed.data.display_name,
      passwordHash: await hashPassword(password),
    });
    await audit(c, 'admin.user_created', id);
    return c.html(
      <UsersPage c={c} users={await usersWithCounts()} created={{ username: parsed.data.username, password }} />,
      201,
    );
  });

  app.get('/admin/users/:id', access('GET /admin/users/:id'), async (c) => userPage(c, (await userOr404(c)).id));

  app.post('/admin/users/:id/roles', access('POST /admin/users/:id/roles'), async (c) => {
    const user = await userOr404(c);
    const body = await c.req.parseBody();
    const role = roleSchema.safeParse(body.role);
    const org = await findOrganisation(db, String(body.org ?? ''));
    const errors: FieldErrors = {};
    if (!org) errors.org = 'Select an organisation';
    if (!role.success) errors.role = 'Select a role';
    if (!org || !role.success) return userPage(c, user.id, { errors }, 422);
    await assignRole(db, user.id, org.ods_code, role.data);
    await audit(c, 'admin.role_assigned', user.id, { org: org.ods_code, role: role.data });
    return c.redirect(`/admin/users/${user.id}`, 303);
  });

  app.post('/admin/users/:id/roles/remove', access('POST /admin/users/:id/roles/remove'), async (c) => {
    const user = await userOr404(c);
    const body = await c.req.parseBody();
    const role = roleSchema.safeParse(body.role);
    if (!role.success) throw new CarepathError('VALIDATION', 'Choose a role to remove.');
    await removeRole(db, user.id, String(body.org ?? ''), role.data);
    await audit(c, 'admin.role_removed', user.id, { org: String(body.org ?? ''), role: role.data });
    return c.redirect(`/admin/users/${user.id}`, 303);
  });

  app.post('/admin/users/:id/unlock', access('POST /admin/users/:id/unlock'), async (c) => {
    const user = await userOr404(c);
    await clearAccountFailures(db, user.id);
    await audit(c, 'admin.account_unlocked', user.id);
    return userPage(c, user.id, { notice: `${user.username} is unlocked and can sign in again.` });
  });

  app.post('/admin/users/:id/reset-authenticators', access('POST /admin/users/:id/reset-authenticators'), async (c) => {
    const user = await userOr404(c);
    await deleteAllAuthenticators(db, user.id);
    const ended = await deleteSessionsOfUser(db, user.id);
    await audit(c, 'admin.authenticators_reset', user.id, { sessionsEnded: ended });
    return userPage(c, user.id, {
      notice: `${user.username}'s authenticators were removed. They set up an authenticator app at their next sign-in.`,
    });
  });

  return app;
}
