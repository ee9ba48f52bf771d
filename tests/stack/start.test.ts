import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, isPortFree } from '../../system/ports';
import { dataConverter } from '../../temporal/connection';
import { killGroup, spawnScript, type Spawned } from '../helpers/processes';

/** `npm start` as a newcomer runs it: embedded database, its own Temporal dev server. */
describe('npm start', () => {
  let running: Spawned | undefined;
  afterEach(() => killGroup(running));

  async function freshEnv(dataDir = mkdtempSync(join(tmpdir(), 'carepath-stack-'))) {
    return {
      CAREPATH_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      TEMPORAL_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
    };
  }

  async function stop(spawned: Spawned) {
    process.kill(spawned.child.pid!, 'SIGINT');
    expect(await spawned.exited).toBe(0);
    expect(spawned.output()).toContain('Carepath stopped.');
  }

  it('runs everything, stops everything on Ctrl-C, and keeps the data for the next start', async () => {
    const env = await freshEnv();
    running = spawnScript('scripts/start.ts', env);
    await running.waitFor('Carepath is running.');
    expect(running.output()).toContain(`App:          http://localhost:${env.PORT}`);
    expect(running.output()).toContain(`Temporal UI:  http://localhost:${env.TEMPORAL_UI_PORT}`);

    const ready = await fetch(`http://127.0.0.1:${env.PORT}/readyz`);
    expect(ready.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);
    // The UI asks Carepath's codec endpoint, on the host the app is printed with (same site).
    const uiSettings = (await (await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/api/v1/settings`)).json()) as {
      Codec: { Endpoint: string };
    };
    expect(uiSettings.Codec.Endpoint).toBe(`http://localhost:${env.PORT}/codec`);
    expect(running.output()).toContain('ops.engineer');

    // A workflow nobody polls for stays Running: after a restart it must still be there.
    const secrets = JSON.parse(readFileSync(join(env.CAREPATH_DATA_DIR, 'secrets.json'), 'utf8'));
    const converter = dataConverter({ payloadEncryptionKey: Buffer.from(secrets.payloadEncryptionKey, 'base64') });
    const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
    const client = new Client({ connection, dataConverter: converter });
    await client.workflow.start('persistenceProbe', { taskQueue: 'nobody-polls-this', workflowId: 'probe-1' });
    await connection.close();

    await stop(running);
    for (const port of [env.PORT, env.TEMPORAL_PORT, env.TEMPORAL_UI_PORT]) {
      expect(await isPortFree('127.0.0.1', Number(port))).toBe(true);
    }

    running = spawnScript('scripts/start.ts', env);
    await running.waitFor('Carepath is running.');
    expect(running.output()).not.toMatch(/applied \d+ migrations/);
    const again = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
    const description = await new Client({ connection: again, dataConverter: converter }).workflow
      .getHandle('probe-1')
      .describe();
    expect(description.status.name).toBe('RUNNING');
    await again.close();
    await stop(running);
  }, 300_000); // two whole starts, the first seeding the demo directory into PGlite

  it('says which port is taken instead of printing a stack trace', async () => {
    const env = await freshEnv();
    const blocker: Server = createServer().listen(Number(env.TEMPORAL_PORT), '127.0.0.1');
    try {
      running = spawnScript('scripts/start.ts', env);
      expect(await running.exited).toBe(1);
      expect(running.output()).toContain(
        `Carepath cannot start: Port ${env.TEMPORAL_PORT} (Temporal) is already in use`,
      );
      expect(running.output()).not.toMatch(/^\s+at /m);
    } finally {
      blocker.close();
    }
  });

  it('stops what it started when the database refuses connections', async () => {
    const env = { ...(await freshEnv()), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/carepath' };
    running = spawnScript('scripts/start.ts', env);
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('Carepath cannot start: Cannot connect to PostgreSQL at 127.0.0.1:1/carepath');
    expect(await isPortFree('127.0.0.1', Number(env.TEMPORAL_PORT))).toBe(true);
  });

  it('names the variable when the configuration is wrong', async () => {
    running = spawnScript('scripts/start.ts', { PORT: 'abc' });
    expect(await running.exited).toBe(1);
    expect(running.output().trim()).toBe("Carepath cannot start: PORT must be a whole number (got 'abc')");
  });
});
