import { createHash, randomBytes } from 'node:crypto';

/** The value in the cookie is the only copy of the session id; the database keeps its hash. */
export function newSessionId(): { token: string; idHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, idHash: hashSessionId(token) };
}

export function hashSessionId(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
