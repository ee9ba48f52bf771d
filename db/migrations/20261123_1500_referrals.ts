import { sql, type Kysely } from 'kysely';

/**
 * The referral workflow's read side: UBRNs, the referral read rows worklists query
 * (projections of the workflows, which are the source of truth), their timelines, the
 * notifications outbox, and the idempotency keys that make a resubmitted form harmless.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // UBRNs are never reused: a sequence never hands a number out twice, even on rollback.
  await sql`create sequence ubrn_seq minvalue 1 start 1 no cycle`.execute(db);

  await db.schema
    .createTable('referral_requests')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('ubrn', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('referrals')
    .addColumn('ubrn', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    // Worklists sort by clinical priority: 0 = two-week wait.
    .addColumn('priority_rank', 'smallint', (c) => c.notNull())
    .addColumn('service_id', 'text')
    .addColumn('service_name', 'text')
    .addColumn('provider_org_code', 'text')
    .addColumn('referrer_org_code', 'text', (c) => c.notNull())
    .addColumn('referring_clinician_id', 'text', (c) => c.notNull())
    .addColumn('specialty', 'text', (c) => c.notNull())
    .addColumn('clinic_type', 'text')
    .addColumn('contact_by', 'date')
    .addColumn('breached', 'boolean', (c) => c.notNull())
    .addColumn('letter_status', 'text', (c) => c.notNull())
    .addColumn('appointment_start', 'timestamptz')
    .addColumn('expired', 'boolean', (c) => c.notNull())
    .addColumn('nhs_number', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .execute();
  // Each worklist is "this organisation (or service, or clinician), these states, most urgent
  // first, oldest first": one composite index per owner answers it without a sort.
  for (const owner of ['provider_org_code', 'service_id', 'referrer_org_code', 'referring_clinician_id']) {
    await db.schema
      .createIndex(`referrals_${owner}_worklist`)
      .on('referrals')
      .columns([owner, 'state', 'priority_rank', 'created_at'])
      .execute();
  }
  // Appointment Slot Issues and triage: "contact the patient by", breached ones first.
  await sql`create index referrals_contact_by on referrals (provider_org_code, breached desc, contact_by)
    where state in ('DEFERRED_TO_PROVIDER', 'AWAITING_TRIAGE')`.execute(db);
  await sql`create index referrals_letters_outstanding on referrals (referrer_org_code, priority_rank, created_at)
    where letter_status = 'TO_FOLLOW' and not expired`.execute(db);
  await sql`create index referrals_appointments on referrals (service_id, appointment_start)
    where appointment_start is not null`.execute(db);
  await db.schema
    .createIndex('referrals_specialty')
    .on('referrals')
    .columns(['specialty', 'clinic_type', 'state'])
    .execute();
  await db.schema.createIndex('referrals_nhs_number').on('referrals').column('nhs_number').execute();
  await sql`create index referrals_patient_name on referrals (lower(family_name), date_of_birth)`.execute(db);
  await db.schema.createIndex('referrals_updated_at').on('referrals').column('updated_at').execute();

  await db.schema
    .createTable('referral_timeline')
    .addColumn('ubrn', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('actor_org', 'text')
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('reason_comment', 'text')
    .addColumn('outcome', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('referral_timeline_pk', ['ubrn', 'version'])
    .execute();
  // Action extracts: every action by an organisation in a period.
  await db.schema
    .createIndex('referral_timeline_org_at')
    .on('referral_timeline')
    .columns(['actor_org', 'at'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('ubrn', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull().check(sql`recipient in ('PATIENT', 'REFERRER', 'PROVIDER')`))
    .addColumn('recipient_org_code', 'text')
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('PENDING')
        .check(sql`status in ('PENDING', 'SENT', 'FAILED')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('provider_reference', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    // A retried projection must not queue the same letter twice.
    .addUniqueConstraint('notifications_once', ['ubrn', 'version', 'recipient'])
    .execute();
  await sql`create index notifications_pending on notifications (id) where status = 'PENDING'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notifications', 'referral_timeline', 'referrals', 'referral_requests']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop sequence ubrn_seq`.execute(db);
}
