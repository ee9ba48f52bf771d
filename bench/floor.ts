import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import { connectWorkerConnection, dataConverter } from '../temporal/connection';
import type { BenchStack } from './lib/stack';
import { type DriveFigures, drive } from './lib/drive';
import { type FloorVariant, floor, floorStep } from './floor.workflows';

const STEPS = 4; // create (update-with-start) and three updates, as a referral lifecycle

/**
 * A worker for the trivial workflow on its own task queue, in this process and on the same
 * Temporal server as Carepath's worker, with Carepath's payload codec.
 */
export async function startFloorWorker(stack: BenchStack) {
  const connection = await connectWorkerConnection(stack.target);
  const taskQueue = `floor-${randomBytes(4).toString('hex')}`;
  const worker = await Worker.create({
    connection,
    namespace: stack.target.namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./floor.workflows.ts', import.meta.url)),
    activities: { step: async (version: number) => version },
    dataConverter: dataConverter(stack.secrets),
  });
  const running = worker.run();
  return {
    taskQueue,
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** `total` trivial lifecycles of one variant, `concurrency` at a time. */
export function runFloor(
  stack: BenchStack,
  taskQueue: string,
  variant: FloorVariant,
  total: number,
  concurrency: number,
): Promise<DriveFigures> {
  const run = randomBytes(3).toString('hex');
  return drive(total, concurrency, async (i, timed) => {
    const workflowId = `floor-${variant}-${run}-${i}`;
    const start = new WithStartWorkflowOperation<typeof floor>('floor', {
      workflowId,
      taskQueue,
      args: [variant, STEPS],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    await timed('create', () =>
      stack.temporal.workflow.executeUpdateWithStart(floorStep, { args: [1], startWorkflowOperation: start }),
    );
    const handle = stack.temporal.workflow.getHandle(workflowId);
    for (let version = 2; version <= STEPS; version++) {
      await timed('update', () => handle.executeUpdate(floorStep, { args: [version] }));
    }
  });
}

/**
 * The same four transitions with no Temporal at all: each one PostgreSQL transaction that
 * checks the version, moves the state and appends an event, as a projection would.
 */
export async function runPostgresFloor(stack: BenchStack, total: number, concurrency: number): Promise<DriveFigures> {
  await sql`create table if not exists bench_floor (id text primary key, version int not null, state jsonb not null)`.execute(
    stack.db,
  );
  await sql`create table if not exists bench_floor_events (id text, version int, event jsonb not null,
    primary key (id, version))`.execute(stack.db);
  const run = randomBytes(3).toString('hex');
  return drive(total, concurrency, async (i, timed) => {
    const id = `${run}-${i}`;
    await timed('create', () =>
      stack.db.transaction().execute(async (trx) => {
        await sql`insert into bench_floor values (${id}, 1, ${JSON.stringify({ state: 'CREATED' })})`.execute(trx);
        await sql`insert into bench_floor_events values (${id}, 1, '{"type":"CREATE"}')`.execute(trx);
      }),
    );
    for (let version = 2; version <= STEPS; version++) {
      await timed('update', () =>
        stack.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ version: number }>`
            select version from bench_floor where id = ${id} for update`.execute(trx);
          if (rows[0]?.version !== version - 1) throw new Error('stale version');
          await sql`update bench_floor set version = ${version}, state = ${JSON.stringify({ state: `S${version}` })}
            where id = ${id}`.execute(trx);
          await sql`insert into bench_floor_events values (${id}, ${version}, '{"type":"STEP"}')`.execute(trx);
        }),
      );
    }
  });
}
