import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { odsCodeSchema } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { newUserSchema } from '../../domain/identity/new-user';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Database } from '../../db/database';
import { addOrganisations, findOrganisation } from '../../db/identity/organisations.repository';
import { ORGANISATION_TYPES } from '../../db/identity/organisations.table';
import { assignRole, countUsersWithRole, createUser, findUserByUsername } from '../../db/identity/users.repository';
import { hashPassword } from './passwords';

const firstAdministratorSchema = newUserSchema.extend({
  org_code: odsCodeSchema,
  // Needed only when the organisation is not in Carepath yet.
  org_name: z.string().trim().min(1, 'Enter the organisation’s name').max(200).optional(),
  org_type: z.enum(ORGANISATION_TYPES, { error: `Enter one of ${ORGANISATION_TYPES.join(', ')}` }).optional(),
});

const ALREADY =
  'Carepath has a registration authority administrator already: they create every other user, from the admin pages.';

/** Whether anyone holds the registration authority administrator's role. */
export async function administratorExists(db: Kysely<Database>): Promise<boolean> {
  return (await countUsersWithRole(db, 'CP0001')) > 0;
}

/** The organisation's name, when Carepath knows the ODS code; VALIDATION when it is not one. */
export async function organisationName(db: Kysely<Database>, orgCode: string): Promise<string | undefined> {
  const code = odsCodeSchema.safeParse(orgCode);
  if (!code.success) throw CarepathError.forField('VALIDATION', code.error.issues[0]!.message, 'org_code');
  return (await findOrganisation(db, code.data))?.name;
}

/**
 * The first registration authority administrator of a deployment (`npm run create-admin`), with
 * a temporary password shown once: at first sign-in they set up an authenticator app and choose
 * their own password. Refused once anyone holds the role, so it cannot become a back door: from
 * then on administrators are made by administrators, from the audited admin pages. Not part of
 * the identity service the web app calls, for the same reason.
 */
export async function createFirstAdministrator(
  db: Kysely<Database>,
  form: { username: string; display_name: string; org_code: string; org_name?: string; org_type?: string },
): Promise<{ userId: string; username: string; password: string; orgCode: string }> {
  const parsed = firstAdministratorSchema.safeParse(form);
  if (!parsed.success) throw CarepathError.fromIssues('Check the administrator’s details', parsed.error.issues);
  const { username, display_name, org_code, org_name, org_type } = parsed.data;
  const password = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);

  return db.transaction().execute(async (trx) => {
    // Two runs at once must not both find no administrator and both make one.
    await sql`select pg_advisory_xact_lock(hashtext('carepath:first-administrator'))`.execute(trx);
    if ((await countUsersWithRole(trx, 'CP0001')) > 0) throw new CarepathError('INVALID_REQUEST_STATE', ALREADY);
    if (await findUserByUsername(trx, username)) {
      throw CarepathError.forField('VALIDATION', 'That username is taken. Choose another', 'username');
    }
    if (!(await findOrganisation(trx, org_code))) {
      if (!org_name || !org_type) {
        throw new CarepathError('VALIDATION', `${org_code} is not in Carepath yet: give its name and type`, {
          ...(org_name ? {} : { org_name: 'Enter the organisation’s name' }),
          ...(org_type ? {} : { org_type: `Enter one of ${ORGANISATION_TYPES.join(', ')}` }),
        });
      }
      await addOrganisations(trx, [
        { ods_code: org_code, name: org_name, type: org_type, postcode: null, commissioning_area: null },
      ]);
    }
    const userId = await createUser(trx, {
      username,
      displayName: display_name,
      passwordHash,
      passwordTemporary: true,
    });
    await assignRole(trx, userId, org_code, 'CP0001');
    await appendAudit(trx, {
      action: 'admin.first_administrator_created',
      subject_type: 'user',
      subject_id: userId,
      detail: { org: org_code, role: 'CP0001' },
    });
    return { userId, username, password, orgCode: org_code };
  });
}
