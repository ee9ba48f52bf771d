import { randomBytes } from 'node:crypto';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { USER_ADMINISTRATION } from '../../domain/identity/permissions';
import { newUserSchema } from '../../domain/identity/new-user';
import { requirePermission } from '../../domain/permissions';
import { roleSchema } from '../../domain/roles';
import { appendAudit } from '../../db/audit/audit.repository';
import { deleteAllAuthenticators, findTotp, listWebauthnCredentials } from '../../db/identity/credentials.repository';
import type { User } from '../../db/identity/identity.table';
import { findOrganisation, listOrganisations } from '../../db/identity/organisations.repository';
import { deleteSessionsOfUser } from '../../db/identity/sessions.repository';
import {
  assignRole,
  createUser,
  findUserById,
  findUserByUsername,
  listUsersWithRoleCounts,
  removeRole,
  roleAssignmentsOf,
} from '../../db/identity/users.repository';
import type { ServiceDeps } from '../deps';
import { forgetAccountFailures, lockedUntil, type Clock } from './lockout';
import { hashPassword } from './passwords';
import type { RoleAssignment } from './session.types';

/** A user as the registration authority sees them: never their password or authenticators' secrets. */
export type UserAccount = {
  id: string;
  username: string;
  displayName: string;
  /** When the lock in force began; null when there is none (a lock ends by itself). */
  lockedAt: Date | null;
  failedAttempts: number;
};

export type UserDetails = {
  user: UserAccount;
  roles: RoleAssignment[];
  /** Every organisation a role can be given in. */
  organisations: { odsCode: string; name: string }[];
  authenticators: { authenticatorApp: boolean; passkeys: number };
};

const asAccount = (user: User, now: Date): UserAccount => ({
  id: user.id,
  username: user.username,
  displayName: user.display_name,
  lockedAt: lockedUntil(user, now) ? user.locked_at : null,
  failedAttempts: user.failed_attempts,
});

/**
 * Registration-authority administration: creating users, giving and taking roles, unlocking
 * and resetting. Each method checks the actor against USER_ADMINISTRATION and audits what it did.
 */
export function userAdministrationService({
  db,
  clock = () => new Date(),
}: Pick<ServiceDeps, 'db'> & { clock?: Clock }) {
  const account = (user: User) => asAccount(user, clock());
  const audit = (actor: Actor, action: string, userId: string, detail: Record<string, unknown> = {}) =>
    appendAudit(db, {
      action,
      actor_user_id: actor.userId,
      actor_org: actor.orgCode,
      actor_role: actor.role,
      subject_type: 'user',
      subject_id: userId,
      detail,
    });

  async function existingUser(userId: string): Promise<User> {
    const user = await findUserById(db, userId);
    if (!user) throw new CarepathError('NOT_FOUND', 'There is no such user.');
    return user;
  }

  return {
    async listUsers(actor: Actor): Promise<(UserAccount & { roleCount: number })[]> {
      requirePermission(USER_ADMINISTRATION, 'viewUsers', actor);
      return (await listUsersWithRoleCounts(db)).map((user) => ({ ...account(user), roleCount: user.roleCount }));
    },

    /**
     * A new user with a temporary password (shown once, stored only hashed) that they replace
     * with their own at their first sign-in; no roles, no authenticator yet.
     */
    async createUser(
      actor: Actor,
      form: { username: string; display_name: string },
    ): Promise<{ id: string; username: string; password: string }> {
      requirePermission(USER_ADMINISTRATION, 'createUser', actor);
      const parsed = newUserSchema.safeParse(form);
      if (!parsed.success) throw CarepathError.fromIssues('Check the new user’s details', parsed.error.issues);
      const { username, display_name } = parsed.data;
      if (await findUserByUsername(db, username)) {
        throw CarepathError.forField('VALIDATION', 'That username is taken. Choose another', 'username');
      }
      const password = randomBytes(12).toString('base64url');
      const id = await createUser(db, {
        username,
        displayName: display_name,
        passwordHash: await hashPassword(password),
        passwordTemporary: true,
      });
      await audit(actor, 'admin.user_created', id);
      return { id, username, password };
    },

    async userDetails(actor: Actor, userId: string): Promise<UserDetails> {
      requirePermission(USER_ADMINISTRATION, 'viewUsers', actor);
      const user = await existingUser(userId);
      const [roles, organisations, totp, passkeys] = await Promise.all([
        roleAssignmentsOf(db, userId),
        listOrganisations(db),
        findTotp(db, userId),
        listWebauthnCredentials(db, userId),
      ]);
      return {
        user: account(user),
        roles,
        organisations: organisations.map((o) => ({ odsCode: o.ods_code, name: o.name })),
        authenticators: { authenticatorApp: Boolean(totp?.confirmed_at), passkeys: passkeys.length },
      };
    },

    /** `choice` as the form sent it: VALIDATION names the organisation or role that is not one. */
    async giveRole(actor: Actor, userId: string, choice: { org: string; role: string }): Promise<void> {
      requirePermission(USER_ADMINISTRATION, 'giveRole', actor);
      const user = await existingUser(userId);
      const role = roleSchema.safeParse(choice.role);
      const org = await findOrganisation(db, choice.org);
      if (!org || !role.success) {
        throw new CarepathError('VALIDATION', 'Select an organisation and a role', {
          ...(org ? {} : { org: 'Select an organisation' }),
          ...(role.success ? {} : { role: 'Select a role' }),
        });
      }
      await assignRole(db, user.id, org.ods_code, role.data);
      await audit(actor, 'admin.role_assigned', user.id, { org: org.ods_code, role: role.data });
    },

    async removeRole(actor: Actor, userId: string, choice: { org: string; role: string }): Promise<void> {
      requirePermission(USER_ADMINISTRATION, 'removeRole', actor);
      const user = await existingUser(userId);
      const role = roleSchema.safeParse(choice.role);
      if (!role.success) throw new CarepathError('VALIDATION', 'Choose a role to remove.');
      await removeRole(db, user.id, choice.org, role.data);
      await audit(actor, 'admin.role_removed', user.id, { org: choice.org, role: role.data });
    },

    async unlockAccount(actor: Actor, userId: string): Promise<UserAccount> {
      requirePermission(USER_ADMINISTRATION, 'unlockAccount', actor);
      const user = await existingUser(userId);
      await forgetAccountFailures(db, user.id);
      await audit(actor, 'admin.account_unlocked', user.id);
      return account(user);
    },

    /** Removes the app, recovery codes and keys, and signs the user out everywhere: they set up again at next sign-in. */
    async resetAuthenticators(actor: Actor, userId: string): Promise<UserAccount> {
      requirePermission(USER_ADMINISTRATION, 'resetAuthenticators', actor);
      const user = await existingUser(userId);
      await deleteAllAuthenticators(db, user.id);
      const ended = await deleteSessionsOfUser(db, user.id);
      await audit(actor, 'admin.authenticators_reset', user.id, { sessionsEnded: ended });
      return account(user);
    },
  };
}
