import { createHash, randomInt } from 'node:crypto';

// No 0/O or 1/I/L: people copy these from paper.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const COUNT = 10;

/** Ten fresh codes like `K7QM-3XWD-P9`, about 55 bits each: shown once, stored hashed. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: COUNT }, () => {
    const chars = Array.from({ length: 11 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/**
 * A plain SHA-256 is enough here (unlike passwords): the codes are long and random, so
 * there is no dictionary to try, and lockout limits guessing online.
 */
export function hashRecoveryCode(userId: string, code: string): string {
  const normalised = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return createHash('sha256').update(`${userId}:${normalised}`).digest('base64url');
}
