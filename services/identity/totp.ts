import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Executor } from '../../db/executor';
import { claimTotpStep, findTotp } from '../../db/identity/credentials.repository';

const PERIOD = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

/** What the authenticator app shows now (or at `now`): for the demo helper and tests. */
export function currentTotpCode(secret: string, now = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now / 1000) });
}

/**
 * Checks a code, allowing one 30-second step of clock drift either way, and refusing a
 * code from a step at or before `lastUsedStep` (RFC 6238 §5.2: a code is used once).
 * Returns the step the code belongs to, which the caller must then claim.
 */
export async function checkTotpCode(
  secret: string,
  code: string,
  lastUsedStep: number | null,
  now = Date.now(),
): Promise<{ valid: true; step: number } | { valid: false }> {
  const token = code.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(token)) return { valid: false };
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now / 1000),
    epochTolerance: PERIOD,
    ...(lastUsedStep === null ? {} : { afterTimeStep: lastUsedStep }),
  });
  // The functional API's result also covers HOTP; a TOTP check always carries its time step.
  return result.valid && 'timeStep' in result ? { valid: true, step: result.timeStep } : { valid: false };
}

/**
 * Accepts the user's authenticator code once: checks it against their confirmed secret, then
 * claims its time step, so the same code (at sign-in or when confirming it is them) never
 * works twice (RFC 6238 §5.2).
 */
export async function acceptTotpOnce(db: Executor, userId: string, code: string): Promise<boolean> {
  const totp = await findTotp(db, userId);
  if (!totp?.confirmed_at) return false;
  const result = await checkTotpCode(totp.secret, code, totp.last_used_step);
  return result.valid && (await claimTotpStep(db, userId, result.step));
}

/** The QR code as an inline SVG, and the secret grouped in fours so it can be typed in. */
export async function enrolmentDetails(secret: string, username: string) {
  const uri = generateURI({ issuer: 'Carepath', label: username, secret });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { svg, uri, grouped: secret.match(/.{1,4}/g)!.join(' ') };
}
