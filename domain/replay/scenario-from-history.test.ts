import { readFileSync, readdirSync } from 'node:fs';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AesGcmPayloadCodec } from '../../temporal/codec';
import { decodeHistory, replayCodec } from '../../services/replay/decode-history';
import { parseHistoryFile } from '../../services/replay/history-file';
import { testSecrets } from '../../tests/helpers/temporal';
import { isValidNhsNumber } from '../ids';
import { parseScenario } from '../training/scenario-file';
import { scenarioSchema } from '../training/scenario.schema';
import { foldHistory } from './fold';
import { madeUpNhsNumber, scenarioFromHistory } from './scenario-from-history';

const codec = replayCodec(new AesGcmPayloadCodec(testSecrets.payloadEncryptionKey));
const dir = new URL('../../tests/replay/histories/', import.meta.url);
const referralHistories = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('advice-'));
const events = async (name: string) => decodeHistory(parseHistoryFile(readFileSync(new URL(name, dir), 'utf8')), codec);

describe('turning a real case into a training scenario', () => {
  it.each(referralHistories)('%s becomes a scenario file the schema accepts', async (name) => {
    const history = await events(name);
    const scenario = scenarioFromHistory(history);
    const parsed = scenarioSchema.safeParse(scenario);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // Written out as YAML and read back as a scenario file is read.
    expect(() => parseScenario(`${name}.yaml`, stringify(scenario))).not.toThrow();
    // One step per staff action, and the states the real referral went through.
    const real = foldHistory(history).steps.flatMap((s) =>
      s.transition && s.subject?.kind === 'referral' ? [s.subject.referral.state] : [],
    );
    const expected = parsed.data!.steps.flatMap((s) => (s.expect?.state ? [s.expect.state] : []));
    expect(expected[0]).toBe('NOT_BOOKED');
    expect(expected.at(-1)).toBe(real.at(-1));
  });

  it('keeps no personal data of the real case', async () => {
    const history = await events('dna-rebook.json');
    const real = foldHistory(history).steps.find((s) => s.subject?.kind === 'referral')!.subject;
    if (real?.kind !== 'referral') throw new Error('no referral');
    const text = stringify(scenarioFromHistory(history));
    for (const secret of [
      real.referral.patient.nhsNumber,
      real.referral.patient.givenName,
      real.referral.patient.familyName,
      real.referral.patient.dateOfBirth,
      real.referral.patient.postcode,
      real.referral.reason,
      real.referral.referrer.clinicianName,
      real.referral.referrer.orgCode,
      real.referral.ubrn,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('makes up NHS numbers that are never issued and pass Modulus 11', () => {
    const numbers = Array.from({ length: 50 }, (_, i) => madeUpNhsNumber(i));
    for (const n of numbers) {
      expect(n).toMatch(/^999\d{7}$/);
      expect(isValidNhsNumber(n)).toBe(true);
    }
    expect(new Set(numbers).size).toBeGreaterThan(40);
  });

  it('refuses an advice history, saying why', async () => {
    expect(() => scenarioFromHistory([])).toThrow('only referral histories become scenarios');
  });
});
