import { Hono, type Context } from 'hono';
import { ROLES, roleSchema, type RoleCode } from '../../domain/roles';
import type { RoleAssignment } from '../../services/identity/session.types';
import { Button, ChooseOne, ErrorSummary } from '../components/forms';
import { statusOf } from '../errors';
import { Layout } from '../layout';
import { homePath } from './homes';
import { csrfField } from './middleware';
import { access } from './route-table';
import { adoptSession, type AuthDeps } from './sessions';

/** After sign-in, and whenever the user switches: organisation, then role (e-RS's two pages). */
export function chooseRoutes(deps: AuthDeps) {
  const { identity } = deps.services;
  const app = new Hono();
  const rolesOf = (c: Context) => identity.roleAssignments(c.get('session')!);

  app.get('/auth/organisation', access('GET /auth/organisation'), async (c) => {
    const roles = await rolesOf(c);
    if (roles.length === 0) return c.html(<NoRolesPage />, statusOf('NOT_PERMITTED'));
    return c.html(<OrganisationPage c={c} roles={roles} selected={c.get('session')?.orgCode ?? undefined} />);
  });

  app.post('/auth/organisation', access('POST /auth/organisation'), async (c) => {
    const roles = await rolesOf(c);
    const org = String((await c.req.parseBody()).org ?? '');
    const inOrg = roles.filter((r) => r.orgCode === org);
    if (inOrg.length === 0) {
      const error = 'Select the organisation you are working for';
      return c.html(<OrganisationPage c={c} roles={roles} error={error} />, statusOf('VALIDATION'));
    }
    if (inOrg.length === 1) return c.redirect(await chooseRole(c, inOrg[0]!.orgCode, inOrg[0]!.role), 303);
    return c.redirect(`/auth/role?org=${encodeURIComponent(org)}`, 303);
  });

  app.get('/auth/role', access('GET /auth/role'), async (c) => {
    const org = c.req.query('org') ?? '';
    const inOrg = (await rolesOf(c)).filter((r) => r.orgCode === org);
    if (inOrg.length === 0) return c.redirect('/auth/organisation', 303);
    const session = c.get('session')!;
    const selected = session.orgCode === org ? (session.role ?? undefined) : undefined;
    return c.html(<RolePage c={c} roles={inOrg} selected={selected} />);
  });

  app.post('/auth/role', access('POST /auth/role'), async (c) => {
    const body = await c.req.parseBody();
    const org = String(body.org ?? '');
    const role = roleSchema.safeParse(body.role);
    const inOrg = (await rolesOf(c)).filter((r) => r.orgCode === org);
    if (inOrg.length === 0) return c.redirect('/auth/organisation', 303);
    if (!role.success || !inOrg.some((r) => r.role === role.data)) {
      const error = 'Select the role you are working in';
      return c.html(<RolePage c={c} roles={inOrg} error={error} />, statusOf('VALIDATION'));
    }
    return c.redirect(await chooseRole(c, org, role.data), 303);
  });

  async function chooseRole(c: Context, orgCode: string, role: RoleCode): Promise<string> {
    const started = await identity.chooseRole(c.get('session')!, { orgCode, role }, c.get('sessionPolicy'));
    adoptSession(c, deps, started);
    return homePath(role);
  }

  return app;
}

function OrganisationPage(props: { c: Context; roles: RoleAssignment[]; selected?: string; error?: string }) {
  const orgs = new Map(props.roles.map((r) => [r.orgCode, r.orgName]));
  const choices = [...orgs].map(([value, name]) => ({ value, text: name, hint: `ODS code ${value}` }));
  return (
    <ChoicePage
      c={props.c}
      title="Choose your organisation"
      action="/auth/organisation"
      error={props.error}
      field="org"
    >
      <ChooseOne
        name="org"
        legend="Which organisation are you working for?"
        choices={choices}
        selected={props.selected}
        error={props.error}
      />
    </ChoicePage>
  );
}

function RolePage(props: { c: Context; roles: RoleAssignment[]; selected?: string; error?: string }) {
  const org = props.roles[0]!;
  const choices = props.roles.map((r) => ({ value: r.role, text: ROLES[r.role].name, hint: r.role }));
  return (
    <ChoicePage c={props.c} title="Choose your role" action="/auth/role" error={props.error} field="role">
      <input type="hidden" name="org" value={org.orgCode} />
      <p>You are working for {org.orgName}.</p>
      <ChooseOne
        name="role"
        legend="Which role are you working in?"
        choices={choices}
        selected={props.selected}
        error={props.error}
      />
    </ChoicePage>
  );
}

function ChoicePage(props: {
  c: Context;
  title: string;
  action: string;
  field: string;
  error?: string;
  children: unknown;
}) {
  return (
    <Layout title={props.error ? `Error: ${props.title}` : props.title}>
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={props.error ? { [props.field]: props.error } : {}} />
          <h1 class="nhsuk-heading-l">{props.title}</h1>
          <form method="post" action={props.action} novalidate>
            {csrfField(props.c)}
            {props.children as never}
            <Button>Continue</Button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

function NoRolesPage() {
  return (
    <Layout title="You do not have a role">
      <h1 class="nhsuk-heading-l">You do not have a role in any organisation</h1>
      <p>Ask your registration authority administrator to give you a role, then sign in again.</p>
    </Layout>
  );
}
