import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { access } from '../auth/route-table';
import type { AuthDeps } from '../auth/sessions';
import type { FieldErrors } from '../components/forms';
import { formRefusal, statusOf } from '../errors';
import { UserPage, UsersPage } from './admin.views';

const text = (value: unknown) => String(value ?? '');

/**
 * Registration-authority administration: one administrator manages every user, because a
 * standalone Carepath has no national RA to defer to. Who may is USER_ADMINISTRATION's to say.
 */
export function adminRoutes(deps: AuthDeps) {
  const { identity } = deps.services;
  const app = new Hono();

  const userPage = async (
    c: Context,
    userId: string,
    extra: { errors?: FieldErrors; notice?: string } = {},
    status: ContentfulStatusCode = 200,
  ) => c.html(<UserPage c={c} details={await identity.userDetails(c.get('actor'), userId)} {...extra} />, status);

  app.get('/admin/users', access('GET /admin/users'), async (c) =>
    c.html(<UsersPage c={c} users={await identity.listUsers(c.get('actor'))} />),
  );

  app.post('/admin/users', access('POST /admin/users'), async (c) => {
    const actor = c.get('actor');
    const body = await c.req.parseBody();
    const values = { username: text(body.username), display_name: text(body.display_name) };
    try {
      const created = await identity.createUser(actor, values);
      return c.html(<UsersPage c={c} users={await identity.listUsers(actor)} created={created} />, 201);
    } catch (error) {
      const refusal = formRefusal(error);
      const users = await identity.listUsers(actor);
      return c.html(<UsersPage c={c} users={users} errors={refusal.fields} values={values} />, statusOf(refusal));
    }
  });

  app.get('/admin/users/:id', access('GET /admin/users/:id'), async (c) => userPage(c, c.req.param('id')));

  app.post('/admin/users/:id/roles', access('POST /admin/users/:id/roles'), async (c) => {
    const userId = c.req.param('id');
    const body = await c.req.parseBody();
    try {
      await identity.giveRole(c.get('actor'), userId, { org: text(body.org), role: text(body.role) });
      return c.redirect(`/admin/users/${userId}`, 303);
    } catch (error) {
      const refusal = formRefusal(error);
      return userPage(c, userId, { errors: refusal.fields }, statusOf(refusal));
    }
  });

  app.post('/admin/users/:id/roles/remove', access('POST /admin/users/:id/roles/remove'), async (c) => {
    const userId = c.req.param('id');
    const body = await c.req.parseBody();
    await identity.removeRole(c.get('actor'), userId, { org: text(body.org), role: text(body.role) });
    return c.redirect(`/admin/users/${userId}`, 303);
  });

  app.post('/admin/users/:id/unlock', access('POST /admin/users/:id/unlock'), async (c) => {
    const user = await identity.unlockAccount(c.get('actor'), c.req.param('id'));
    return userPage(c, user.id, { notice: `${user.username} is unlocked and can sign in again.` });
  });

  app.post('/admin/users/:id/reset-authenticators', access('POST /admin/users/:id/reset-authenticators'), async (c) => {
    const user = await identity.resetAuthenticators(c.get('actor'), c.req.param('id'));
    return userPage(c, user.id, {
      notice: `${user.username}'s authenticators were removed. They set up an authenticator app at their next sign-in.`,
    });
  });

  return app;
}
