import { Hono, type Context } from 'hono';
import { PASSWORD_MIN_LENGTH } from '../../domain/identity/password-rules';
import { Button, ErrorSummary, TextInput, type FieldErrors } from '../components/forms';
import { formRefusal, statusOf } from '../errors';
import { Layout } from '../layout';
import { csrfField } from './middleware';
import { access } from './route-table';
import { adoptSession, landingPath, type AuthDeps } from './sessions';
import { StaffLayout } from './staff-layout';

// Passwords are taken as typed: a space at either end is part of the password.
const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? body[name] : '');

/**
 * The user's own password: chosen at the first sign-in in place of the temporary one an
 * administrator issued (nothing else opens until then), and changed later from the security
 * page. A password typed is never put back into the page.
 */
export function passwordRoutes(deps: AuthDeps) {
  const { identity } = deps.services;
  const app = new Hono();

  app.get('/auth/password/new', access('GET /auth/password/new'), (c) => {
    const stage = c.get('session')?.stage;
    if (stage !== 'new_password') return c.redirect(stage === 'signed_in' ? '/' : '/auth/sign-in', 303);
    return c.html(<NewPasswordPage c={c} />);
  });

  app.post('/auth/password/new', access('POST /auth/password/new'), async (c) => {
    const session = c.get('session');
    if (session?.stage !== 'new_password') return c.redirect('/auth/sign-in', 303);
    const body = await c.req.parseBody();
    const form = { password: field(body, 'password'), confirm_password: field(body, 'confirm_password') };
    try {
      const signedIn = await identity.chooseNewPassword(session, form, c.get('sessionPolicy'));
      adoptSession(c, deps, signedIn);
      return c.redirect(landingPath(signedIn), 303);
    } catch (error) {
      const refusal = formRefusal(error);
      return c.html(<NewPasswordPage c={c} errors={refusal.fields} />, statusOf(refusal));
    }
  });

  app.get('/auth/password', access('GET /auth/password'), (c) => c.html(<ChangePasswordPage c={c} />));

  app.post('/auth/password', access('POST /auth/password'), async (c) => {
    const body = await c.req.parseBody();
    const form = {
      current_password: field(body, 'current_password'),
      password: field(body, 'password'),
      confirm_password: field(body, 'confirm_password'),
    };
    try {
      await identity.changePassword(c.get('session')!, form);
      return c.redirect('/auth/security?password=changed', 303);
    } catch (error) {
      const refusal = formRefusal(error);
      return c.html(<ChangePasswordPage c={c} errors={refusal.fields} />, statusOf(refusal));
    }
  });

  return app;
}

function NewPasswordFields({ errors }: { errors: FieldErrors }) {
  return (
    <>
      <TextInput
        name="password"
        label="New password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Three random words work well. Do not use your username or a password you use anywhere else`}
        type="password"
        error={errors.password}
        autocomplete="new-password"
        width={20}
      />
      <TextInput
        name="confirm_password"
        label="Type your new password again"
        type="password"
        error={errors.confirm_password}
        autocomplete="new-password"
        width={20}
      />
    </>
  );
}

function NewPasswordPage({ c, errors = {} }: { c: Context; errors?: FieldErrors }) {
  const title = 'Choose your own password';
  return (
    <Layout title={Object.keys(errors).length ? `Error: ${title}` : title}>
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 class="nhsuk-heading-l">{title}</h1>
          <p>The password you were given was for your first sign-in only. Choose one that only you know.</p>
          <form method="post" action="/auth/password/new" novalidate>
            {csrfField(c)}
            <NewPasswordFields errors={errors} />
            <Button>Save password and continue</Button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

function ChangePasswordPage({ c, errors = {} }: { c: Context; errors?: FieldErrors }) {
  const title = 'Change your password';
  return (
    <StaffLayout c={c} title={Object.keys(errors).length ? `Error: ${title}` : title}>
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 class="nhsuk-heading-l">{title}</h1>
          <p>When you change your password you are signed out everywhere else.</p>
          <form method="post" action="/auth/password" novalidate>
            {csrfField(c)}
            <TextInput
              name="current_password"
              label="Current password"
              type="password"
              error={errors.current_password}
              autocomplete="current-password"
              width={20}
            />
            <NewPasswordFields errors={errors} />
            <Button>Change password</Button>
          </form>
          <p>
            <a href="/auth/security">Cancel</a>
          </p>
        </div>
      </div>
    </StaffLayout>
  );
}
