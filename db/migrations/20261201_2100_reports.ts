import { sql, type Kysely } from 'kysely';

/**
 * Reports (decision record 0012): the daily activity counts the dashboard reads, kept by the
 * reports service from the timeline, and the indexes the extracts read in keyset order, so a
 * batch of a million-row extract is an index range scan that stops after one batch.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Timeline events counted per day (Europe/London), for each organisation the referral relates
  // to: its referrer, its provider and the referrer's commissioner each get a row.
  await db.schema
    .createTable('report_daily_activity')
    .addColumn('scope_org', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('specialty', 'text', (c) => c.notNull())
    // '' while the referral sits with no service (not booked yet): a key column cannot be null.
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('turnaround_seconds', 'double precision', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('report_daily_activity_pk', ['scope_org', 'day', 'specialty', 'service_id', 'event'])
    .execute();
  await db.schema
    .createTable('report_refreshes')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('refreshed_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // The action extract and the activity refresh: timeline rows in time order, keyset (at, ubrn, version).
  await sql`create index referral_timeline_at on referral_timeline (at, ubrn, version)`.execute(db);
  // Active referrals and slot issues of one organisation, keyset by UBRN.
  await sql`create index referrals_provider_ubrn on referrals (provider_org_code, ubrn)`.execute(db);
  await sql`create index referrals_referrer_ubrn on referrals (referrer_org_code, ubrn)`.execute(db);
  // Every slot of a service in a date range, whatever its status (the DOS index has free ones only).
  await sql`create index slots_by_service_start on slots (service_id, start_at)`.execute(db);
  // A commissioner's practices, and an organisation's role holders.
  await sql`create index organisations_commissioning_area on organisations (commissioning_area)`.execute(db);
  await sql`create index role_assignments_org on role_assignments (org_code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'role_assignments_org',
    'organisations_commissioning_area',
    'slots_by_service_start',
    'referrals_referrer_ubrn',
    'referrals_provider_ubrn',
    'referral_timeline_at',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable('report_refreshes').execute();
  await db.schema.dropTable('report_daily_activity').execute();
}
