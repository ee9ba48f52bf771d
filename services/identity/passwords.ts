import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** A fixed hash to verify against when the username is unknown, so both cases take as long. */
const decoy = hash('decoy-password-for-unknown-users');

export async function checkPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

let denyList: ReadonlySet<string> | undefined;

/** The common passwords no one may choose (common-passwords.txt says where they come from), read once. */
export function commonPasswords(): ReadonlySet<string> {
  denyList ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#')),
  );
  return denyList;
}
