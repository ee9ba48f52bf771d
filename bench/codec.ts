import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { newReferral } from '../domain/fixtures';
import { runMain } from '../system/run-main';
import { AesGcmPayloadCodec } from '../temporal/codec';
import { load, round } from './lib/measure';
import { row, table, writeResults } from './lib/results';

/**
 * `npm run bench:codec`: CPU microseconds to seal and open one referral-sized payload with
 * Carepath's AES-GCM codec (what every workflow task, activity and update pays several times).
 * CPU time of this thread, so it reads the same on a loaded machine.
 */
runMain(async () => {
  const codec = new AesGcmPayloadCodec(randomBytes(32));
  const payload = defaultPayloadConverter.toPayload({ referral: newReferral(), event: { type: 'CREATE' } })!;
  const rounds = Number(process.argv[2] ?? 20_000);
  for (let i = 0; i < 2000; i++) await codec.decode(await codec.encode([payload]));
  const cpu = process.cpuUsage();
  for (let i = 0; i < rounds; i++) await codec.decode(await codec.encode([payload]));
  const spent = process.cpuUsage(cpu);
  const micros = (spent.user + spent.system) / rounds;
  const rows = [row(`codec seal + open, ${payload.data!.length}-byte payload`, round(micros, 1), 'CPU-µs')];
  console.log(table(rows));
  writeResults('codec', rows, { rounds, load: load() });
});
