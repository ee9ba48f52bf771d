import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Connection, WorkflowNotFoundError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig, policyFromConfig } from '../../config/env';
import { trainingEnvironment } from '../../config/training';
import { ensureTrainer, markTrainingSpace } from '../../db/training/training.repository';
import { TRAINER_ROLE } from '../../domain/roles';
import type { ServiceDeps } from '../../services/deps';
import { playScenario } from '../../services/training/play';
import { ScenarioStepError } from '../../services/training/scenario-player';
import { loadScenarioFile, scenarioFiles } from '../../services/training/training-space';
import type { RunningServer } from '../../system/server';
import { axeViolations } from '../helpers/axe';
import { launchChromium, signedInPage } from '../helpers/browser';
import { type TestDatabase, createTestDatabase, randomiseUbrns } from '../helpers/database';
import { startTestServer } from '../helpers/server';
import { type TestSession, signIn } from '../helpers/session';
import { type TestSystem, startTestSystem } from '../helpers/system';
import { type TestTemporal, startTestTemporal } from '../helpers/temporal';

const NAMESPACE = 'carepath-training';
// A day of scenario time in about 170 ms: the six-month story expires in about 31 s, and no
// other scenario stays unbooked that long even on a loaded machine.
const TIME_SCALE = 500_000;
const shots = 'test-output/e2e-training';

/** The training namespace on the run's Temporal server, usable (its registration takes a moment to spread). */
async function ensureTrainingNamespace(address: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    try {
      await connection.workflowService.registerNamespace({
        namespace: NAMESPACE,
        workflowExecutionRetentionPeriod: msToTs('1 day'),
      });
    } catch (error) {
      if (!/already exists/i.test(String(error))) throw error;
    }
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await connection.operatorService.listSearchAttributes({ namespace: NAMESPACE });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  } finally {
    await connection.close();
  }
}

/** A training space as `npm run training` makes one: TRAINING=1, its namespace, its own database, marked. */
async function startTrainingSpace(): Promise<TestTemporal & { database: TestDatabase }> {
  await ensureTrainingNamespace(inject('temporalAddress'));
  const database = await createTestDatabase();
  await randomiseUbrns(database.db);
  await markTrainingSpace(database.db);
  const env = trainingEnvironment({}) as Record<string, string>;
  for (;;) {
    try {
      const temporal = await startTestTemporal(database.db, { env });
      return {
        ...temporal,
        database,
        stop: async () => {
          await temporal.stop();
          await database.destroy();
        },
      };
    } catch (error) {
      // The namespace may not have reached every Temporal service yet.
      if (!/namespace/i.test(String(error))) {
        await database.destroy();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

const depsOf = (t: TestTemporal): ServiceDeps => ({
  db: t.db,
  temporal: t.temporal,
  taskQueue: t.target.taskQueue,
  policy: policyFromConfig(t.config),
});

describe('training scenarios played in a training space', () => {
  let space: TestTemporal & { database: TestDatabase };
  beforeAll(async () => {
    space = await startTrainingSpace();
  });
  afterAll(() => space?.stop());

  it('ships at least eight scenarios, every one a valid file', () => {
    const files = scenarioFiles();
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) expect(() => loadScenarioFile(file), basename(file)).not.toThrow();
  });

  it.each(scenarioFiles().map((f) => [basename(f), f]))(
    '%s plays to its expected end state under compressed time',
    async (name, file) => {
      const scenario = loadScenarioFile(file);
      const reports = await playScenario(depsOf(space), scenario, {
        file: name,
        timeScale: TIME_SCALE,
        expectTimeoutMs: 20_000,
      });
      expect(reports).toHaveLength(scenario.steps.length);
      const last = scenario.steps.findLast((s) => s.expect !== undefined)!;
      const reached = reports.findLast((r) => r.snapshot !== undefined)!.snapshot!;
      if (last.expect!.state) expect(reached.state).toBe(last.expect!.state);
      if (last.expect!.advice) expect(reached.advice).toBe(last.expect!.advice);
    },
    120_000,
  );

  it('fails a wrong expected state with the file and the line of its step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-scenario-'));
    const source = readFileSync(scenarioFiles()[0]!, 'utf8');
    // The consultant's ACCEPT leaves the referral BOOKED; say REJECTED instead.
    const lines = source.split('\n');
    const acceptAt = lines.findIndex((l) => l.includes('action: ACCEPT'));
    const expectAt = lines.findIndex((l, i) => i > acceptAt && l.trim().startsWith('expect:'));
    lines[expectAt] = '    expect: REJECTED';
    const file = join(dir, 'wrong.yaml');
    writeFileSync(file, lines.join('\n'));
    const error = await playScenario(depsOf(space), loadScenarioFile(file), {
      file: 'wrong.yaml',
      timeScale: TIME_SCALE,
      expectTimeoutMs: 1_500,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioStepError);
    expect((error as Error).message).toBe(
      `wrong.yaml:${acceptAt + 1}: step 3 (ACCEPT): expected state REJECTED, but mary-breast has state BOOKED`,
    );
  }, 60_000);

  it('resets in one action: its workflows ended, its tables cleared, its trainers kept', async () => {
    await ensureTrainer(space.db, {
      username: 'trainer.reset',
      displayName: 'Trainer',
      passwordHash: 'x',
      totpSecret: 'JBSWY3DPEHPK3PXP',
      role: TRAINER_ROLE,
    });
    const trainer = await signIn(space.db, { orgCode: 'TRN000', role: TRAINER_ROLE });
    const scenario = loadScenarioFile(scenarioFiles().find((f) => f.includes('07-'))!);
    // Play only to the deferral: the referral is left running.
    await playScenario(
      depsOf(space),
      { ...scenario, steps: scenario.steps.slice(0, 1) },
      { file: '07', timeScale: 10 },
    );
    const [running] = await space.db.selectFrom('referrals').select('ubrn').execute();
    const handle = space.temporal.workflow.getHandle(`referral-${running!.ubrn}`);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    await space.services.training.resetSpace(trainer.actor);

    expect((await handle.describe()).status.name).toBe('TERMINATED');
    expect(await space.db.selectFrom('referrals').select('ubrn').execute()).toEqual([]);
    expect(await space.db.selectFrom('services').select('id').execute()).toEqual([]);
    const users = await space.db.selectFrom('users').select('username').execute();
    expect(users.map((u) => u.username)).toContain('trainer.reset');
    expect(users.map((u) => u.username)).not.toContain('trn.gp');
  }, 60_000);
});

describe('the training space is kept apart from live', () => {
  let live: TestSystem;
  let space: TestTemporal & { database: TestDatabase };
  let liveServer: RunningServer;
  let trainingServer: RunningServer;
  beforeAll(async () => {
    live = await startTestSystem();
    space = await startTrainingSpace();
    liveServer = await startTestServer(live);
    trainingServer = await startTestServer(space);
  });
  afterAll(async () => {
    await liveServer?.close();
    await trainingServer?.close();
    await space?.stop();
    await live?.stop();
  });

  it('refuses a training configuration that names a live namespace or database', () => {
    expect(() => loadConfig({ TRAINING: '1' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRAINING: '1' })).toThrow(/TEMPORAL_NAMESPACE must name a training namespace/);
    expect(() =>
      loadConfig({ TRAINING: '1', TEMPORAL_NAMESPACE: NAMESPACE, DATABASE_URL: 'postgres://db/carepath' }),
    ).toThrow(/DATABASE_URL must name a training database/);
    const env = trainingEnvironment({ DATABASE_URL: 'postgres://db:5432/carepath', TEMPORAL_NAMESPACE: 'default' });
    expect(env).toMatchObject({ TRAINING: '1', TEMPORAL_NAMESPACE: NAMESPACE });
    expect(new URL(env.DATABASE_URL!).pathname).toBe('/carepath_training');
  });

  it('nothing played in training reaches a live worklist, extract, notification or namespace', async () => {
    const scenario = loadScenarioFile(scenarioFiles().find((f) => f.includes('07-'))!);
    // Create, a reminder (a notification in training), and the deferral.
    const steps = scenario.steps.slice(0, 3);
    await playScenario(
      depsOf(space),
      { ...scenario, steps },
      { file: '07', timeScale: TIME_SCALE, expectTimeoutMs: 20_000 },
    );
    const trained = await space.db.selectFrom('referrals').select(['ubrn']).execute();
    expect(trained).toHaveLength(1);
    const { ubrn } = trained[0]!;
    // The training space did produce what live must not see.
    expect(
      Number((await sql<{ n: number }>`select count(*) as n from notifications`.execute(space.db)).rows[0]!.n),
    ).toBeGreaterThan(0);

    // Live: no referral, worklist row, notification, report count or audit row of it.
    expect(await live.db.selectFrom('referrals').select('ubrn').execute()).toEqual([]);
    for (const table of ['notifications', 'referral_timeline', 'report_daily_activity']) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(live.db);
      expect(Number(rows[0]!.n), table).toBe(0);
    }
    const audit = await sql<{ n: number }>`select count(*) as n from audit_events where subject_id = ${ubrn}`.execute(
      live.db,
    );
    expect(Number(audit.rows[0]!.n)).toBe(0);
    // The live GP practice's worklist, through the live app, and its namespace.
    const gp = await signIn(live.db, { orgCode: 'TRNGP1', role: 'B1101' });
    const list = await fetch(`${liveServer.url}/worklists/awaiting-booking`, { headers: { cookie: gp.cookie } });
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).not.toContain(ubrn.slice(-4));
    expect(html).not.toContain('Training: not real patients');
    const error = await live.temporal.workflow
      .getHandle(`referral-${ubrn}`)
      .describe()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowNotFoundError);
    expect((await space.temporal.workflow.getHandle(`referral-${ubrn}`).describe()).status.name).toBe('RUNNING');
  }, 120_000);

  it('the Trainer role exists only in the training space, whose every page says so', async () => {
    const liveTrainer = await signIn(live.db, { orgCode: 'TRN000', role: TRAINER_ROLE });
    for (const path of ['/training', '/worklists']) {
      const res = await fetch(`${liveServer.url}${path}`, { headers: { cookie: liveTrainer.cookie } });
      expect(res.status, path).toBe(403);
    }
    const trainer = await signIn(space.db, { orgCode: 'TRN000', role: TRAINER_ROLE });
    const page = await fetch(`${trainingServer.url}/training`, { headers: { cookie: trainer.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Training: not real patients');
    const signInPage = await fetch(`${trainingServer.url}/auth/sign-in`);
    expect(await signInPage.text()).toContain('Training: not real patients');
    const gp = await signIn(space.db, { orgCode: 'TRNGP1', role: 'B1101' });
    const refused = await fetch(`${trainingServer.url}/training`, { headers: { cookie: gp.cookie } });
    expect(refused.status).toBe(403);
  }, 60_000);
});

describe('a trainer plays a scenario step by step while a trainee watches, in a real browser', () => {
  let space: TestTemporal & { database: TestDatabase };
  let server: RunningServer;
  let browser: Browser;
  let trainer: TestSession;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    space = await startTrainingSpace();
    server = await startTestServer(space);
    browser = await launchChromium();
    trainer = await signIn(space.db, { orgCode: 'TRN000', role: TRAINER_ROLE });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await space?.stop();
  });

  it('starts the two-week-wait scenario, steps it, and the trainee sees the referral arrive', async () => {
    const page = await signedInPage(browser, server.url, trainer);
    await page.goto(`${server.url}/training`);
    expect(await page.getByTestId('training-banner').textContent()).toContain('Training: not real patients');
    expect(await axeViolations(page), 'axe on the scenario list').toEqual([]);
    await page.getByRole('button', { name: 'Start Two-week-wait referral booked directly' }).click();
    await page.waitForURL('**/training#run');
    expect(await page.getByTestId('run-status').textContent()).toBe('Ready to play');
    await page.screenshot({ path: `${shots}/1-ready.png`, fullPage: true });
    expect(await axeViolations(page), 'axe on a started scenario').toEqual([]);

    // The trainee signs in as the cast's GP: an empty Awaiting Booking list.
    const gpId = (
      await space.db.selectFrom('users').select('id').where('username', '=', 'trn.gp').executeTakeFirstOrThrow()
    ).id;
    const trainee = await signIn(space.db, { userId: gpId, orgCode: 'TRNGP1', role: 'B1101' });
    const traineePage = await signedInPage(browser, server.url, trainee);
    await traineePage.goto(`${server.url}/worklists/awaiting-booking`);
    expect(await traineePage.getByText('Mary').count()).toBe(0);

    // Step 1: the GP creates the referral.
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect
      .poll(
        async () => {
          await page.goto(`${server.url}/training`);
          return page.getByTestId('run-status').textContent();
        },
        { timeout: 60_000 },
      )
      .toBe('Paused');
    expect(await page.getByRole('table', { name: /Referrals in this scenario/ }).textContent()).toContain('Not booked');
    await page.screenshot({ path: `${shots}/2-created.png`, fullPage: true });
    expect(await axeViolations(page), 'axe after a step').toEqual([]);

    await traineePage.goto(`${server.url}/worklists/awaiting-booking`);
    expect(await traineePage.getByText(/EXAMPLE, Mary/i).count()).toBeGreaterThan(0);
    expect(await traineePage.getByTestId('training-banner').count()).toBe(1);
    await traineePage.screenshot({ path: `${shots}/3-trainee-worklist.png`, fullPage: true });
    expect(await axeViolations(traineePage), 'axe on the trainee worklist').toEqual([]);

    // Step 2 is the trainee's: the player waits for them; the trainer pauses, then goes back to the start.
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.goto(`${server.url}/training`);
    expect(await page.getByTestId('run-status').textContent()).toBe('Playing');
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForURL('**/training#run');
    expect(await page.getByTestId('run-status').textContent()).toBe('Paused');
    await page.getByRole('button', { name: 'Back to the start' }).click();
    await page.waitForURL('**/training#run');
    expect(await page.getByTestId('run-status').textContent()).toBe('Ready to play');
    expect(await page.getByText('No referral yet.').count()).toBe(1);
  }, 240_000);
});
