import { z } from 'zod';

/** Strips the spaces and dashes people type or paste ("943 476 5919", "943-476-5919"). */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/**
 * Why an NHS number is unacceptable, in words for the user; undefined when it is valid.
 * The 10th digit is a Modulus 11 check digit (weights 10..2 over digits 1-9).
 */
export function nhsNumberProblem(input: string): string | undefined {
  const digits = normaliseNhsNumber(input);
  if (digits === '') return 'Enter the NHS number';
  if (!/^\d{10}$/.test(digits)) return 'NHS number must be 10 digits';
  // 0000000000 and friends pass Mod 11 but are never issued.
  if (/^(\d)\1{9}$/.test(digits)) return 'NHS number is not valid: it cannot be one digit repeated';
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return 'NHS number is not valid: check the digits';
  if ((check === 11 ? 0 : check) !== Number(digits[9])) {
    return 'NHS number is not valid: check the digits';
  }
  return undefined;
}

export function isValidNhsNumber(input: string): boolean {
  return nhsNumberProblem(input) === undefined;
}

/** "9434765919" -> "943 476 5919", the way NHS services print it. Input may be spaced already. */
export function formatNhsNumber(input: string): string {
  const d = normaliseNhsNumber(input);
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}

/** Accepts spaced or dashed input; outputs the normalised 10-digit string. */
export const nhsNumberSchema = z.string().transform((value, ctx) => {
  const problem = nhsNumberProblem(value);
  if (problem !== undefined) {
    ctx.issues.push({ code: 'custom', message: problem, input: value });
    return z.NEVER;
  }
  return normaliseNhsNumber(value);
});

const UBRN_DIGITS = 12;

/**
 * A UBRN from a sequence number: 12 digits, zero-padded, because leading zeros count.
 * Throws RangeError for negative, fractional or too-large numbers (a bug, not user input).
 */
export function formatUbrn(n: bigint | number): string {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) {
    throw new RangeError(`UBRN sequence must be a safe integer, got ${n}`);
  }
  const text = BigInt(n).toString();
  if (text.startsWith('-') || text.length > UBRN_DIGITS) {
    throw new RangeError(`UBRN sequence out of range: ${text}`);
  }
  return text.padStart(UBRN_DIGITS, '0');
}

const HALF = 1_000_000;
// Fixed round keys: the permutation must never change, or a new UBRN could repeat an old one.
const ROUND_KEYS = [0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c];

/** One Feistel round's function: a 32-bit hash (the murmur3 finaliser) of a half and the round key. */
function scramble(half: number, key: number): number {
  let h = Math.imul(half ^ key, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) % HALF;
}

/**
 * The UBRN for the `n`th number of the sequence: a permutation of the 12-digit numbers (a
 * Feistel network over two 6-digit halves), so distinct sequence numbers always give distinct
 * UBRNs, yet consecutive ones are far apart and a UBRN says nothing of how many came before.
 * Throws RangeError as `formatUbrn` does.
 */
export function ubrnOfSequence(n: bigint | number): string {
  const digits = formatUbrn(n);
  let left = Number(digits.slice(0, 6));
  let right = Number(digits.slice(6));
  for (const key of ROUND_KEYS) [left, right] = [right, (left + scramble(right, key)) % HALF];
  return formatUbrn(left * HALF + right);
}

export const ubrnSchema = z.string().regex(/^\d{12}$/, 'Booking reference (UBRN) must be 12 digits');

/** "000000000001" -> "0000 0000 0001", the grouping shown to patients as the Booking Reference. */
export function displayUbrn(ubrn: string): string {
  return ubrn.replace(/\s/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}
