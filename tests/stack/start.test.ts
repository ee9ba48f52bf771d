import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { freePorts, isPortFree, onFreePorts, PORT_TAKEN } from '../../system/ports';
import { dataConverter } from '../../temporal/connection';
import { killGroup, spawnScript, type Spawned } from '../helpers/processes';

/** `npm start` as a newcomer runs it: embedded database, its own Temporal dev server. */
describe('npm start', () => {
  let running: Spawned | undefined;
  afterEach(() => killGroup(running));

  type StackEnv = { CAREPATH_DATA_DIR: string; PORT: string; TEMPORAL_PORT: string; TEMPORAL_UI_PORT: string };
  const newDataDir = () => mkdtempSync(join(tmpdir(), 'carepath-stack-'));
  const envOn = ([port, temporal, ui]: number[], dataDir: string, extra: Record<string, string> = {}): StackEnv => ({
    CAREPATH_DATA_DIR: dataDir,
    PORT: String(port),
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(ui),
    ...extra,
  });

  /**
   * `npm start` until it says it is running, on three ports free a moment before. Another
   * process may bind one of them first: start.ts then exits naming the port, and it is started
   * again on three others (any other failure is thrown with its output).
   */
  async function startRunning(dataDir: string): Promise<StackEnv> {
    return onFreePorts(3, async (ports) => {
      const env = envOn(ports, dataDir);
      running = spawnScript('scripts/start.ts', env);
      // Building the Temporal CLI the first time, starting it and seeding PGlite: minutes on two
      // loaded cores, so a wait of its own rather than the 90 s default.
      await running.waitFor('Carepath is running.', 180_000);
      return env;
    });
  }

  /** `npm start` to its exit, on other ports if the first exit was only a taken port. */
  async function runToExit(extra: Record<string, string>): Promise<{ env: StackEnv; code: number | null }> {
    return onFreePorts(3, async (ports) => {
      const env = envOn(ports, newDataDir(), extra);
      running = spawnScript('scripts/start.ts', env);
      const code = await running.exited;
      if (PORT_TAKEN.test(running.output())) throw new Error(running.output());
      return { env, code };
    });
  }

  async function stop(spawned: Spawned) {
    process.kill(spawned.child.pid!, 'SIGINT');
    expect(await spawned.exited).toBe(0);
    expect(spawned.output()).toContain('Carepath stopped.');
  }

  it('runs everything, stops everything on Ctrl-C, and keeps the data for the next start', async () => {
    const env = await startRunning(newDataDir());
    expect(running!.output()).toContain(`App:          http://localhost:${env.PORT}`);
    expect(running!.output()).toContain(`Temporal UI:  http://localhost:${env.TEMPORAL_UI_PORT}`);

    const ready = await fetch(`http://127.0.0.1:${env.PORT}/readyz`);
    expect(ready.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);
    // The UI asks Carepath's codec endpoint, on the host the app is printed with (same site).
    const uiSettings = (await (await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/api/v1/settings`)).json()) as {
      Codec: { Endpoint: string };
    };
    expect(uiSettings.Codec.Endpoint).toBe(`http://localhost:${env.PORT}/codec`);
    expect(running!.output()).toContain('ops.engineer');

    // A workflow nobody polls for stays Running: after a restart it must still be there.
    const secrets = JSON.parse(readFileSync(join(env.CAREPATH_DATA_DIR, 'secrets.json'), 'utf8'));
    const converter = dataConverter({ payloadEncryptionKey: Buffer.from(secrets.payloadEncryptionKey, 'base64') });
    const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
    const client = new Client({ connection, dataConverter: converter });
    await client.workflow.start('persistenceProbe', { taskQueue: 'nobody-polls-this', workflowId: 'probe-1' });
    await connection.close();

    await stop(running!);
    for (const port of [env.PORT, env.TEMPORAL_PORT, env.TEMPORAL_UI_PORT]) {
      expect(await isPortFree('127.0.0.1', Number(port))).toBe(true);
    }

    // The same data directory; the ports may differ if another process took one meanwhile.
    const again = await startRunning(env.CAREPATH_DATA_DIR);
    expect(running!.output()).not.toMatch(/applied \d+ migrations/);
    const reconnected = await Connection.connect({ address: `127.0.0.1:${again.TEMPORAL_PORT}` });
    const description = await new Client({ connection: reconnected, dataConverter: converter }).workflow
      .getHandle('probe-1')
      .describe();
    expect(description.status.name).toBe('RUNNING');
    await reconnected.close();
    await stop(running!);
  }, 480_000); // two whole starts, the first seeding the demo directory into PGlite

  it('says which port is taken instead of printing a stack trace', async () => {
    // The blocker binds port 0 and reads its port back, so nothing can take it first. start.ts
    // checks the Temporal port before the others, so a taken app or UI port cannot change the message.
    const blocker: Server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const env = envOn(
      [...(await freePorts(1)), (blocker.address() as { port: number }).port, ...(await freePorts(1))],
      newDataDir(),
    );
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
    const { env, code } = await runToExit({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/carepath' });
    expect(code).toBe(1);
    expect(running!.output()).toContain('Carepath cannot start: Cannot connect to PostgreSQL at 127.0.0.1:1/carepath');
    expect(await isPortFree('127.0.0.1', Number(env.TEMPORAL_PORT))).toBe(true);
  });

  it('names the variable when the configuration is wrong', async () => {
    running = spawnScript('scripts/start.ts', { PORT: 'abc' });
    expect(await running.exited).toBe(1);
    expect(running.output().trim()).toBe("Carepath cannot start: PORT must be a whole number (got 'abc')");
  });
});
