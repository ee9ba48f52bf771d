import { CarepathError } from '../../domain/errors';
import { newPasswordProblems, type NewPasswordForm } from '../../domain/identity/password-rules';
import { deleteOtherSessionsOfUser } from '../../db/identity/sessions.repository';
import { findUserById, setOwnPassword } from '../../db/identity/users.repository';
import type { ServiceDeps } from '../deps';
import { auditAuth } from './auth-audit';
import { checkPassword, commonPasswords, hashPassword } from './passwords';
import { recordWrongAnswer } from './reauthentication.service';
import type { SessionPolicy } from './session-policy';
import type { Session, SignedIn } from './session.types';
import { completeSignIn, userOf } from './sessions';

/** The security page's form: the current password proves it is the user, the new one is typed twice. */
export type PasswordChangeForm = NewPasswordForm & { current_password: string };

const refuse = (problems: Record<string, string>) =>
  new CarepathError('VALIDATION', 'Check your new password', problems);

/**
 * The user's own password: chosen at the first sign-in in place of the temporary one an
 * administrator issued, and changed later from the security page. Both are audited; neither
 * writes the password anywhere but as its hash.
 */
export function passwordsService({ db }: Pick<ServiceDeps, 'db'>) {
  async function existingUser(userId: string) {
    const user = await findUserById(db, userId);
    if (!user) throw new CarepathError('UNAUTHENTICATED');
    return user;
  }

  return {
    /** For a `new_password` session: the user's own password replaces the temporary one, then they are signed in. */
    async chooseNewPassword(session: Session, form: NewPasswordForm, policy: SessionPolicy): Promise<SignedIn> {
      const user = await existingUser(userOf(session, ['new_password']));
      const problems = newPasswordProblems(form, { username: user.username, denyList: commonPasswords() });
      if (!problems.password && (await checkPassword(user.password_hash, form.password))) {
        problems.password = 'Your new password must be different from the one you were given';
      }
      if (Object.keys(problems).length > 0) throw refuse(problems);
      await setOwnPassword(db, user.id, await hashPassword(form.password));
      await auditAuth(db, session, 'auth.password_changed', { detail: { reason: 'temporary_replaced' } });
      return completeSignIn(db, session, user.id, session.authMethod ?? 'password+totp', policy);
    },

    /**
     * A signed-in user's change: the current password must be right (wrong answers count
     * towards ending the session), and every other session of theirs ends.
     */
    async changePassword(session: Session, form: PasswordChangeForm): Promise<{ otherSessionsEnded: number }> {
      const user = await existingUser(userOf(session));
      const problems = newPasswordProblems(form, { username: user.username, denyList: commonPasswords() });
      if (!form.current_password) {
        throw refuse({ current_password: 'Enter your current password', ...problems });
      }
      if (!(await checkPassword(user.password_hash, form.current_password))) {
        await recordWrongAnswer(db, session, 'password');
        throw refuse({ current_password: 'Your current password is not right', ...problems });
      }
      if (!problems.password && form.password === form.current_password) {
        problems.password = 'Your new password must be different from your current one';
      }
      if (Object.keys(problems).length > 0) throw refuse(problems);
      await setOwnPassword(db, user.id, await hashPassword(form.password));
      const otherSessionsEnded = await deleteOtherSessionsOfUser(db, user.id, session.id);
      await auditAuth(db, session, 'auth.password_changed', { detail: { reason: 'changed', otherSessionsEnded } });
      return { otherSessionsEnded };
    },
  };
}
