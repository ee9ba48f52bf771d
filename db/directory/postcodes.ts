import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import type { Executor } from '../executor';
import type { PostcodeDistrictTable } from './directory.table';

/** Splits one CSV line; the ONS files quote every field and never embed newlines. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (fields.push(field), (field = ''));
    else field += ch;
  }
  fields.push(field);
  return fields;
}

/**
 * Averages the live postcodes of an ONS Postcode Directory (ONSPD) CSV into district
 * centroids. Reads `pcds` (or `pcd`), `lat`, `long` and `doterm` by header name, so any
 * ONSPD release works; skips terminated postcodes and those without a grid reference
 * (ONS gives them latitude 99.999999).
 */
export async function districtsFromOnspd(lines: AsyncIterable<string>): Promise<PostcodeDistrictTable[]> {
  const sums = new Map<string, { lat: number; lng: number; n: number }>();
  let columns: { postcode: number; lat: number; lng: number; terminated: number } | undefined;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const fields = splitCsvLine(line);
    if (!columns) {
      const header = fields.map((f) => f.trim().toLowerCase());
      const postcode = header.indexOf('pcds') >= 0 ? header.indexOf('pcds') : header.indexOf('pcd');
      columns = {
        postcode,
        lat: header.indexOf('lat'),
        lng: header.indexOf('long'),
        terminated: header.indexOf('doterm'),
      };
      if (postcode < 0 || columns.lat < 0 || columns.lng < 0) {
        throw new Error('Not an ONS Postcode Directory CSV: the header needs pcds (or pcd), lat and long columns');
      }
      continue;
    }
    if (columns.terminated >= 0 && fields[columns.terminated]?.trim()) continue;
    const lat = Number(fields[columns.lat]);
    const lng = Number(fields[columns.lng]);
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90) continue;
    // The outward code is everything before the last three characters of the postcode.
    const postcode = (fields[columns.postcode] ?? '').replace(/\s+/g, '').toUpperCase();
    if (postcode.length < 5) continue;
    const outcode = postcode.slice(0, -3);
    const sum = sums.get(outcode) ?? { lat: 0, lng: 0, n: 0 };
    sums.set(outcode, { lat: sum.lat + lat, lng: sum.lng + lng, n: sum.n + 1 });
  }
  return [...sums].map(([outcode, s]) => ({ outcode, lat: round6(s.lat / s.n), lng: round6(s.lng / s.n) }));
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function readLines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
}

/** Inserts or moves districts, a thousand rows per statement. Returns how many it wrote. */
export async function upsertDistricts(db: Executor, districts: PostcodeDistrictTable[]): Promise<number> {
  for (let i = 0; i < districts.length; i += 1000) {
    await db
      .insertInto('postcode_districts')
      .values(districts.slice(i, i + 1000))
      .onConflict((oc) => oc.column('outcode').doUpdateSet({ lat: sql`excluded.lat`, lng: sql`excluded.lng` }))
      .execute();
  }
  return districts.length;
}
