import { describe, expect, it } from 'vitest';
import {
  displayUbrn,
  formatNhsNumber,
  formatUbrn,
  isValidNhsNumber,
  nhsNumberProblem,
  nhsNumberSchema,
  normaliseNhsNumber,
  ubrnOfSequence,
  ubrnSchema,
} from './ids';

describe('NHS number', () => {
  it.each([
    ['9434765919', undefined],
    ['9912003888', undefined],
    ['1000000001', undefined],
    // Check digit 0: the remainder is 0, so 11 - 0 = 11, which Modulus 11 writes as 0.
    ['1000000060', undefined],
    ['4010232080', undefined],
    ['1000000061', 'NHS number is not valid: check the digits'], // 11 is 0, never 1
    ['943 476 5919', undefined],
    ['943-476-5919', undefined],
    ['1234567890', 'NHS number is not valid: check the digits'], // check digit would be 10
    ['9434765918', 'NHS number is not valid: check the digits'], // wrong check digit
    ['0000000000', 'NHS number is not valid: it cannot be one digit repeated'],
    ['9999999999', 'NHS number is not valid: it cannot be one digit repeated'],
    ['943476591', 'NHS number must be 10 digits'],
    ['94347659190', 'NHS number must be 10 digits'],
    ['94347659l9', 'NHS number must be 10 digits'],
    ['', 'Enter the NHS number'],
  ])('%j -> %j', (input, problem) => {
    expect(nhsNumberProblem(input)).toBe(problem);
    expect(isValidNhsNumber(input)).toBe(problem === undefined);
  });

  it('normalises and formats', () => {
    expect(normaliseNhsNumber(' 943-476 5919 ')).toBe('9434765919');
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('943 476 5919')).toBe('943 476 5919');
  });

  it('schema outputs the normalised number', () => {
    expect(nhsNumberSchema.parse('943 476 5919')).toBe('9434765919');
  });

  it('schema names the problem', () => {
    const result = nhsNumberSchema.safeParse('9434765918');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'custom',
      message: 'NHS number is not valid: check the digits',
    });
  });
});

describe('UBRN', () => {
  it.each([
    [1, '000000000001'],
    [0n, '000000000000'],
    [123456789012n, '123456789012'],
    [999_999_999_999, '999999999999'],
  ])('formatUbrn(%s) = %s', (n, ubrn) => {
    expect(formatUbrn(n)).toBe(ubrn);
    expect(ubrnSchema.parse(ubrn)).toBe(ubrn);
  });

  it.each([-1, 1.5, 1_000_000_000_000, -1n, 10n ** 12n])('formatUbrn(%s) throws', (n) => {
    expect(() => formatUbrn(n)).toThrow(RangeError);
  });

  it('says why a sequence number has no UBRN', () => {
    expect(() => formatUbrn(1.5)).toThrow('UBRN sequence must be a safe integer, got 1.5');
    expect(() => formatUbrn(2 ** 53 + 2)).toThrow('UBRN sequence must be a safe integer');
    expect(() => formatUbrn(10n ** 12n)).toThrow('UBRN sequence out of range: 1000000000000');
  });

  it.each(['12345678901', '1234567890123', '12345678901a', '0000 0000 0001'])('ubrnSchema refuses %j', (s) =>
    expect(ubrnSchema.safeParse(s).success).toBe(false),
  );

  it('allocates UBRNs that are 12 digits, unique, and not neighbours of the one before', () => {
    // From the start, and from the random points the test suites start their sequences.
    for (const start of [1, 123_456_789, 899_999_990_000]) {
      const ubrns = Array.from({ length: 10_000 }, (_, i) => ubrnOfSequence(start + i));
      expect(new Set(ubrns).size).toBe(ubrns.length);
      expect(ubrns.every((u) => ubrnSchema.safeParse(u).success)).toBe(true);
      for (let i = 1; i < ubrns.length; i++) {
        expect(Math.abs(Number(ubrns[i]) - Number(ubrns[i - 1])), `after ${ubrns[i - 1]}`).toBeGreaterThan(1000);
      }
    }
  });

  it('gives every sequence number its own UBRN, to the last of the 12-digit range', () => {
    expect(ubrnOfSequence(0)).not.toBe(ubrnOfSequence(999_999_999_999));
    expect(ubrnOfSequence(5n)).toBe(ubrnOfSequence(5));
    expect(() => ubrnOfSequence(10n ** 12n)).toThrow(RangeError);
    expect(() => ubrnOfSequence(-1)).toThrow(RangeError);
  });

  it('never changes the permutation: these UBRNs were given out and must stay theirs', () => {
    // Recorded from the permutation in use (issue 19); a different answer would reissue UBRNs.
    expect([0, 1, 2, 123_456_789, 999_999_999_999].map((n) => ubrnOfSequence(n))).toEqual([
      '842554848805',
      '308765158741',
      '732472400309',
      '983455154975',
      '330685020604',
    ]);
  });

  it('displays in groups of four', () => {
    expect(displayUbrn('000000000001')).toBe('0000 0000 0001');
    expect(displayUbrn('123456789012')).toBe('1234 5678 9012');
    expect(displayUbrn('1234 56789012')).toBe('1234 5678 9012');
  });
});
