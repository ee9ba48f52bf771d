/**
 * What makes a password acceptable, after the NCSC's password guidance that NHS England follows:
 * length rather than composition rules (no "one capital, one symbol"), no expiry, any character
 * allowed, and a deny list of the passwords attackers try first, with the usual disguises
 * (digits or symbols added at either end) and the user's own name taken off.
 */
export const PASSWORD_MIN_LENGTH = 12;
// Long enough for any passphrase; a bound keeps hashing cheap.
export const PASSWORD_MAX_LENGTH = 128;

/** The form for a new password: typed twice, so a typing mistake does not lock the user out. */
export type NewPasswordForm = { password: string; confirm_password: string };

const SERVICE_NAME = 'carepath';

/** Characters count as people see them, so an emoji or an accented letter counts once. */
const lengthOf = (text: string) => [...text].length;

/** The password as attackers' lists hold it: lower case, digits and symbols around a word taken off. */
function baseWord(password: string): string {
  return password.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

/** A few characters over and over ("aaaaaaaaaaaa", "abcabcabcabc", "123412341234"). */
function isRepetition(password: string): boolean {
  return /^(.{1,4})\1+$/su.test(password);
}

/**
 * True when `password` is on the deny list (lower-cased entries), is a listed password with
 * digits or symbols added, or repeats a few characters.
 */
export function isCommonPassword(password: string, denyList: ReadonlySet<string>): boolean {
  const lower = password.toLowerCase();
  const base = baseWord(password);
  return denyList.has(lower) || (base.length > 0 && denyList.has(base)) || isRepetition(lower);
}

/**
 * Every problem with a new password, by form field; none when it may be used. `denyList` is the
 * common-passwords list, lower-cased.
 */
export function newPasswordProblems(
  form: NewPasswordForm,
  context: { username: string; denyList: ReadonlySet<string> },
): Record<string, string> {
  const problems: Record<string, string> = {};
  const { password, confirm_password: confirmation } = form;
  const lower = password.toLowerCase();
  if (!password) problems.password = 'Enter a new password';
  else if (lengthOf(password) < PASSWORD_MIN_LENGTH)
    problems.password = `Your new password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  else if (lengthOf(password) > PASSWORD_MAX_LENGTH)
    problems.password = `Your new password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  else if (lower.includes(context.username.toLowerCase()))
    problems.password = 'Your new password must not contain your username';
  else if (lower.includes(SERVICE_NAME)) problems.password = 'Your new password must not contain the word Carepath';
  else if (isCommonPassword(password, context.denyList))
    problems.password =
      'This password is too common, so it is easy to guess. Choose another: three random words work well';

  if (!confirmation) problems.confirm_password = 'Enter your new password again';
  else if (password && confirmation !== password) problems.confirm_password = 'The passwords do not match';
  return problems;
}
