/**
 * The registration authority's "create a user" form (`domain/identity/new-user.ts`). Its page
 * tests live in web/; this keeps the rule under mutation testing's `domain/` scope (decision
 * record 0016). Expectations: a username is 3 to 40 characters, lower-case letters, digits,
 * dots or hyphens, starting with a letter or digit, and case does not make a second user.
 */
import { describe, expect, it } from 'vitest';
import { newUserSchema } from './new-user';

const refusal = (input: Record<string, unknown>) =>
  Object.fromEntries((newUserSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('a new user', () => {
  it('is stored in lower case, trimmed', () => {
    expect(newUserSchema.parse({ username: ' A.Okafor-2 ', display_name: ' Ada Okafor ' })).toEqual({
      username: 'a.okafor-2',
      display_name: 'Ada Okafor',
    });
  });

  it('has a username of 3 to 40 characters that starts with a letter or digit', () => {
    const message = 'Enter a username of 3 to 40 lower-case letters, digits, dots or hyphens';
    for (const username of ['abc', '9ab', 'a'.repeat(40)]) expect(refusal({ username, display_name: 'X' })).toEqual({});
    for (const username of ['ab', 'a'.repeat(41), '.abc', '-abc', 'a b c', 'a_b_c', 'abc@nhs']) {
      expect(refusal({ username, display_name: 'X' })).toEqual({ username: message });
    }
  });

  it('has a full name of 1 to 100 characters', () => {
    expect(refusal({ username: 'abc', display_name: '  ' })).toEqual({ display_name: 'Enter their full name' });
    expect(refusal({ username: 'abc', display_name: 'x'.repeat(101) })).toEqual({
      display_name: 'Full name must be 100 characters or fewer',
    });
    expect(refusal({ username: 'abc', display_name: 'x'.repeat(100) })).toEqual({});
  });
});
