import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_ORG, REFERRER_ORG, SERVICES, newReferral } from '../../domain/fixtures';
import type { Referral } from '../../domain/referral';
import { type TestDatabase, createTestDatabase } from '../../tests/helpers/database';
import { findReferrals, recentReferrerReferrals } from './find.repository';
import { upsertReferralRow } from './referrals.repository';

const OTHER_PRACTICE = 'B82002';
const NOW = new Date('2026-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

function referral(ubrn: string, changes: Partial<Referral> & { org?: string } = {}): Referral {
  const { org = REFERRER_ORG, ...rest } = changes;
  const base = newReferral({
    ubrn,
    referrer: { orgCode: org, clinicianUserId: 'gp-1', clinicianName: 'Dr Gee' },
    patient: {
      nhsNumber: '9990000018',
      givenName: 'Alice',
      familyName: 'Example',
      dateOfBirth: '1961-02-03',
      sex: 'female',
      postcode: 'LS1 4AP',
      registeredPracticeCode: org,
    },
  });
  return { ...base, updatedAt: daysAgo(1), ...rest };
}

describe('finding referrals in the read table (real PostgreSQL)', () => {
  let database: TestDatabase;
  const booked = referral('000000000101', { state: 'BOOKED', service: SERVICES.dbs, updatedAt: daysAgo(2) });
  const elsewhere = referral('000000000102', { org: OTHER_PRACTICE });
  const longEnded = referral('000000000103', { state: 'CANCELLED_REFERRAL', updatedAt: daysAgo(200) });
  const recentlyEnded = referral('000000000104', { state: 'CANCELLED_REFERRAL', updatedAt: daysAgo(10) });
  const otherPatient = referral('000000000105', {
    patient: { ...booked.patient, nhsNumber: '9990000026', familyName: 'Sample' },
    updatedAt: daysAgo(3),
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    for (const r of [booked, elsewhere, longEnded, recentlyEnded, otherPatient])
      await upsertReferralRow(database.db, r);
  });
  afterAll(() => database?.destroy());

  const referrerScope = { column: 'referrer_org_code', orgCode: REFERRER_ORG } as const;

  it('finds by NHS number within the organisation only, most recently changed first', async () => {
    const found = await findReferrals(database.db, referrerScope, { kind: 'nhsNumber', nhsNumber: '9990000018' }, 10);
    expect(found.map((r) => r.ubrn)).toEqual(['000000000101', '000000000104', '000000000103']);
    expect(found[0]).toMatchObject({
      state: 'BOOKED',
      serviceName: 'Cardiology Outpatients',
      dateOfBirth: '1961-02-03',
    });
  });

  it('finds by surname (any case) with the date of birth, and by booking reference', async () => {
    const byName = await findReferrals(
      database.db,
      referrerScope,
      { kind: 'patient', familyName: 'SAMPLE', dateOfBirth: '1961-02-03' },
      10,
    );
    expect(byName.map((r) => r.ubrn)).toEqual(['000000000105']);
    const wrongBirthday = await findReferrals(
      database.db,
      referrerScope,
      { kind: 'patient', familyName: 'Sample', dateOfBirth: '1961-02-04' },
      10,
    );
    expect(wrongBirthday).toEqual([]);
    const other = await findReferrals(database.db, referrerScope, { kind: 'ubrn', ubrn: '000000000102' }, 10);
    expect(other).toEqual([]);
  });

  it('scopes a provider to referrals with its services', async () => {
    const found = await findReferrals(
      database.db,
      { column: 'provider_org_code', orgCode: PROVIDER_ORG },
      { kind: 'nhsNumber', nhsNumber: '9990000018' },
      10,
    );
    expect(found.map((r) => r.ubrn)).toEqual(['000000000101']);
  });

  it('lists the organisation’s open and recently ended referrals, a page at a time', async () => {
    const since = new Date(daysAgo(90));
    const first = await recentReferrerReferrals(database.db, REFERRER_ORG, { since, limit: 2 });
    expect(first.rows.map((r) => r.ubrn)).toEqual(['000000000101', '000000000105']);
    const second = await recentReferrerReferrals(database.db, REFERRER_ORG, { since, after: first.next, limit: 2 });
    // The long-ended referral is left out; the other practice's never appears.
    expect(second.rows.map((r) => r.ubrn)).toEqual(['000000000104']);
    expect(second.next).toBeUndefined();
  });

  it('serves the organisation list from its index', async () => {
    const plan = await database.db.connection().execute(async (conn) => {
      await sql`set enable_seqscan = off`.execute(conn);
      const compiled = sql`explain select ubrn from referrals where referrer_org_code = ${REFERRER_ORG}
        order by updated_at desc, ubrn desc limit 26`;
      const { rows } = await compiled.execute(conn);
      await sql`reset enable_seqscan`.execute(conn);
      return rows.map((r) => Object.values(r as object).join(' ')).join('\n');
    });
    expect(plan).toContain('referrals_referrer_recent');
  });
});
