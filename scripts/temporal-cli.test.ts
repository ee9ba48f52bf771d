import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrerequisiteError } from '../system/run-main';
import { ensureTemporalCli, findTemporalCli, temporalCacheDir } from './temporal-cli';

function fakeExecutable(dir: string, name: string) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe('findTemporalCli', () => {
  const root = mkdtempSync(join(tmpdir(), 'carepath-cli-'));
  const onPath = fakeExecutable(join(root, 'bin'), 'temporal');
  const explicit = fakeExecutable(join(root, 'explicit'), 'temporal-custom');
  const cacheEnv = { CAREPATH_CACHE_DIR: join(root, 'cache') };
  const cached = fakeExecutable(temporalCacheDir(cacheEnv), 'temporal');

  it('prefers TEMPORAL_CLI_PATH, then PATH, then the cache', () => {
    expect(findTemporalCli({ ...cacheEnv, TEMPORAL_CLI_PATH: explicit, PATH: join(root, 'bin') })).toBe(explicit);
    expect(findTemporalCli({ ...cacheEnv, PATH: join(root, 'bin') })).toBe(onPath);
    expect(findTemporalCli({ ...cacheEnv, PATH: join(root, 'empty') })).toBe(cached);
  });

  it('finds nothing when there is nothing', () => {
    expect(findTemporalCli({ CAREPATH_CACHE_DIR: join(root, 'nowhere'), PATH: join(root, 'empty') })).toBeUndefined();
  });

  it('keeps the cache outside the repository, under the user cache', () => {
    expect(temporalCacheDir({ XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/carepath/temporal-1.5.1');
  });

  it('explains what to install when there is neither a CLI nor Go', async () => {
    const error = await ensureTemporalCli({
      env: { CAREPATH_CACHE_DIR: join(root, 'nowhere'), PATH: join(root, 'empty') },
      log: () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrerequisiteError);
    expect((error as Error).message).toMatch(/Go is not installed/);
    expect((error as Error).message).toMatch(/TEMPORAL_CLI_PATH/);
  });

  it('builds the CLI with go install into the cache when Go is there', async () => {
    // A stand-in `go` that records its arguments and "builds" into GOBIN, as go install does.
    const goDir = join(root, 'go-bin');
    mkdirSync(goDir, { recursive: true });
    writeFileSync(
      join(goDir, 'go'),
      '#!/bin/sh\necho "$@" > "$GOBIN/args"\nprintf "#!/bin/sh\\n" > "$GOBIN/temporal"\n/bin/chmod +x "$GOBIN/temporal"\n',
    );
    chmodSync(join(goDir, 'go'), 0o755);
    const env = { CAREPATH_CACHE_DIR: join(root, 'build-cache'), PATH: goDir };
    const lines: string[] = [];
    const built = await ensureTemporalCli({ env, log: (line) => lines.push(line) });
    expect(built).toBe(join(temporalCacheDir(env), 'temporal'));
    expect(lines[0]).toMatch(/Building the Temporal CLI v1\.5\.1/);
    expect(readFileSync(join(temporalCacheDir(env), 'args'), 'utf8').trim()).toBe(
      'install github.com/temporalio/cli/cmd/temporal@v1.5.1',
    );
  });

  it('builds once when several processes ask at the same time; the others wait for that build', async () => {
    // A slow stand-in `go` that counts its runs: two builds would write two lines.
    const goDir = join(root, 'slow-go-bin');
    mkdirSync(goDir, { recursive: true });
    writeFileSync(
      join(goDir, 'go'),
      '#!/bin/sh\necho run >> "$GOBIN/../runs"\nsleep 1\nprintf "#!/bin/sh\\n" > "$GOBIN/temporal"\n/bin/chmod +x "$GOBIN/temporal"\n',
    );
    chmodSync(join(goDir, 'go'), 0o755);
    const env = { CAREPATH_CACHE_DIR: join(root, 'shared-cache'), PATH: goDir };
    const lines: string[] = [];
    const built = await Promise.all([1, 2, 3].map(() => ensureTemporalCli({ env, log: (line) => lines.push(line) })));
    expect(new Set(built)).toEqual(new Set([join(temporalCacheDir(env), 'temporal')]));
    expect(
      readFileSync(join(temporalCacheDir(env), '..', 'runs'), 'utf8')
        .trim()
        .split('\n'),
    ).toEqual(['run']);
    expect(lines.filter((line) => line.startsWith('Another process is building'))).toHaveLength(2);
  });

  it('takes over a lock left by a process that has died', async () => {
    const goDir = join(root, 'go-bin-2');
    mkdirSync(goDir, { recursive: true });
    writeFileSync(
      join(goDir, 'go'),
      '#!/bin/sh\nprintf "#!/bin/sh\\n" > "$GOBIN/temporal"\n/bin/chmod +x "$GOBIN/temporal"\n',
    );
    chmodSync(join(goDir, 'go'), 0o755);
    const env = { CAREPATH_CACHE_DIR: join(root, 'stale-cache'), PATH: goDir };
    const lock = `${temporalCacheDir(env)}.lock`;
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(lock, 'pid'), '999999999'); // no such process
    expect(await ensureTemporalCli({ env, log: () => {} })).toBe(join(temporalCacheDir(env), 'temporal'));
  });
});
