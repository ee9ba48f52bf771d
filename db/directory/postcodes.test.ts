import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { districtsFromOnspd, readLines, splitCsvLine, upsertDistricts } from './postcodes';

const sample = fileURLToPath(new URL('../../tests/fixtures/onspd-sample.csv', import.meta.url));

describe('ONS postcode directory import', () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database?.destroy());

  it('splits quoted CSV fields', () => {
    expect(splitCsvLine('"a","b ""c""",,d')).toEqual(['a', 'b "c"', '', 'd']);
  });

  it('averages live postcodes into districts, skipping terminated and ungridded ones', async () => {
    const districts = await districtsFromOnspd(readLines(sample));
    expect(districts).toEqual([
      { outcode: 'LS1', lat: 53.7975, lng: -1.54841 },
      { outcode: 'LS6', lat: 53.8195, lng: -1.5785 },
      { outcode: 'SW1A', lat: 51.501009, lng: -0.141588 },
    ]);
    expect(await upsertDistricts(database.db, districts)).toBe(3);
    await upsertDistricts(database.db, [{ outcode: 'LS6', lat: 53.82, lng: -1.58 }]);
    const rows = await database.db.selectFrom('postcode_districts').selectAll().orderBy('outcode').execute();
    expect(rows.map((r) => [r.outcode, r.lat])).toEqual([
      ['LS1', 53.7975],
      ['LS6', 53.82],
      ['SW1A', 51.501009],
    ]);
  });

  it('refuses a file that is not the ONS format', async () => {
    async function* lines() {
      yield 'postcode,latitude,longitude';
    }
    await expect(districtsFromOnspd(lines())).rejects.toThrow(/needs pcds \(or pcd\), lat and long/);
  });
});
