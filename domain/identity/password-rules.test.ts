import { describe, expect, it } from 'vitest';
import { isCommonPassword, newPasswordProblems } from './password-rules';

const denyList = new Set(['password', 'liverpool', 'qwertyuiop123', 'iloveyou']);
const check = (password: string, confirmation = password) =>
  newPasswordProblems({ password, confirm_password: confirmation }, { username: 'jo.bloggs', denyList });

describe('new password rules', () => {
  it('accepts a long password with no particular mix of characters', () => {
    expect(check('purple tractor umbrella')).toEqual({});
    expect(check('alllowercaseletters')).toEqual({});
    expect(check('éclair 🍰 pâtisserie')).toEqual({});
  });

  it('asks for a password and for it again', () => {
    expect(check('', '')).toEqual({
      password: 'Enter a new password',
      confirm_password: 'Enter your new password again',
    });
  });

  it('needs 12 characters, counted as people see them', () => {
    expect(check('eleven chars')).toEqual({});
    expect(check('elevenchars')).toEqual({ password: 'Your new password must be at least 12 characters long' });
    // Eleven characters, though more than twelve UTF-16 code units.
    expect(check('🍰🍰🍰🍰🍰🍰🍰🍰🍰🍰🍰').password).toBe('Your new password must be at least 12 characters long');
  });

  it('allows up to 128 characters', () => {
    expect(check('x'.repeat(60) + 'y'.repeat(68))).toEqual({});
    expect(check('x'.repeat(60) + 'y'.repeat(69)).password).toBe('Your new password must be 128 characters or fewer');
  });

  it('refuses the username, in any case, anywhere in the password, and the name of the service', () => {
    expect(check('Jo.Bloggs-2026-spring').password).toBe('Your new password must not contain your username');
    expect(check('my CarePath password').password).toBe('Your new password must not contain the word Carepath');
  });

  it('refuses a common password, with digits or symbols added, and a few characters repeated', () => {
    const tooCommon =
      'This password is too common, so it is easy to guess. Choose another: three random words work well';
    for (const password of ['qwertyuiop123', 'QWERTYUIOP123', 'Password123456!', '!!Liverpool1892', 'abcabcabcabc']) {
      expect(check(password).password, password).toBe(tooCommon);
    }
  });

  it('says when the second password does not match the first', () => {
    expect(check('purple tractor umbrella', 'purple tractor umbrela')).toEqual({
      confirm_password: 'The passwords do not match',
    });
  });
});

describe('isCommonPassword', () => {
  it('looks at the word inside, not at words that merely contain a listed one', () => {
    expect(isCommonPassword('iloveyou', denyList)).toBe(true);
    expect(isCommonPassword('2024iloveyou!', denyList)).toBe(true);
    expect(isCommonPassword('iloveyourcat', denyList)).toBe(false);
    expect(isCommonPassword('123456789012', new Set())).toBe(false);
    expect(isCommonPassword('111111111111', new Set())).toBe(true);
  });
});
