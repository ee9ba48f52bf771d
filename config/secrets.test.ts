import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './env';
import { resolveSecrets } from './secrets';

describe('resolveSecrets', () => {
  it('generates secrets once into the data directory and reuses them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-secrets-'));
    const first = resolveSecrets(loadConfig({ CAREPATH_DATA_DIR: dir }));
    const second = resolveSecrets(loadConfig({ CAREPATH_DATA_DIR: dir }));
    expect(first.payloadEncryptionKey).toHaveLength(32);
    expect(second).toEqual(first);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('creates a missing data directory for its owner alone (0700)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'carepath-secrets-')), 'data');
    resolveSecrets(loadConfig({ CAREPATH_DATA_DIR: dir }));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('prefers the environment and writes nothing then', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-secrets-'));
    const key = Buffer.alloc(32, 9);
    const secrets = resolveSecrets(
      loadConfig({
        CAREPATH_DATA_DIR: dir,
        SESSION_SECRET: 's'.repeat(40),
        PAYLOAD_ENCRYPTION_KEY: key.toString('base64'),
      }),
    );
    expect(secrets).toEqual({ sessionSecret: 's'.repeat(40), payloadEncryptionKey: key });
    expect(() => readFileSync(join(dir, 'secrets.json'))).toThrow();
  });
});
