import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Config } from './env';

const secretsFileSchema = z.object({
  sessionSecret: z.string().min(32),
  payloadEncryptionKey: z.string().length(44),
});

export type Secrets = { sessionSecret: string; payloadEncryptionKey: Buffer };

/**
 * Secrets come from the environment in production. On a developer's machine they are
 * generated once into the data directory (mode 0600), so that restarting keeps
 * sessions valid and keeps old Temporal payloads readable.
 */
export function resolveSecrets(config: Config): Secrets {
  let session = config.SESSION_SECRET;
  let payload = config.PAYLOAD_ENCRYPTION_KEY;
  if (!session || !payload) {
    const stored = readOrCreateSecretsFile(config.CAREPATH_DATA_DIR);
    session ??= stored.sessionSecret;
    payload ??= stored.payloadEncryptionKey;
  }
  return { sessionSecret: session, payloadEncryptionKey: Buffer.from(payload, 'base64') };
}

function readOrCreateSecretsFile(dataDir: string) {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return secretsFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const created = {
    sessionSecret: randomBytes(32).toString('base64url'),
    payloadEncryptionKey: randomBytes(32).toString('base64'),
  };
  // The data directory is its owner's alone (db/connection.ts keeps it so for the embedded database too).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(created, null, 2), { mode: 0o600, flag: 'wx' });
  return created;
}
