import { sql, type Kysely } from 'kysely';

/**
 * Advice and Guidance's read side (projections of the advice workflows, which are the source of
 * truth): one row per conversation, one per transition with its message, the files sent with
 * messages, and each advice service's response-time target.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('advice_requests')
    .addColumn('ubrn', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('service_name', 'text', (c) => c.notNull())
    .addColumn('provider_org_code', 'text', (c) => c.notNull())
    .addColumn('referrer_org_code', 'text', (c) => c.notNull())
    .addColumn('requester_user_id', 'text', (c) => c.notNull())
    .addColumn('specialty', 'text', (c) => c.notNull())
    // Which side wrote last, and which version the requester's organisation has opened.
    .addColumn('last_from', 'text', (c) => c.notNull())
    .addColumn('referrer_read_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response_due', 'date')
    .addColumn('outcome', 'text')
    .addColumn('conversion_allowed', 'boolean', (c) => c.notNull())
    // Personal data and the conversation itself: nulled when the UBRN expires.
    .addColumn('nhs_number', 'text')
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('date_of_birth', 'date')
    .addColumn('snapshot', 'jsonb')
    .addColumn('content_deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // Each worklist is "this organisation, these states, oldest first".
  for (const owner of ['provider_org_code', 'referrer_org_code']) {
    await db.schema
      .createIndex(`advice_requests_${owner}_worklist`)
      .on('advice_requests')
      .columns([owner, 'state', 'created_at'])
      .execute();
  }

  await db.schema
    .createTable('advice_entries')
    .addColumn('ubrn', 'text', (c) => c.notNull().references('advice_requests.ubrn').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('actor_org', 'text')
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('message_kind', 'text')
    .addColumn('message_text', 'text')
    .addColumn('outcome', 'text')
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addPrimaryKeyConstraint('advice_entries_pk', ['ubrn', 'version'])
    .execute();

  // Files are stored before the message that carries them exists; `ubrn` is set when it does.
  await db.schema
    .createTable('advice_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ubrn', 'text')
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('advice_attachments_ubrn').on('advice_attachments').column('ubrn').execute();

  // One per rendered ask form: a resubmit gets the UBRN (and conversation) the first submit got.
  await db.schema
    .createTable('advice_ask_keys')
    .addColumn('request_key', 'text', (c) => c.primaryKey())
    .addColumn('ubrn', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('advice_service_settings')
    .addColumn('service_id', 'text', (c) => c.primaryKey())
    .addColumn('response_working_days', 'integer', (c) =>
      c.notNull().check(sql`response_working_days between 1 and 30`),
    )
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'advice_service_settings',
    'advice_ask_keys',
    'advice_attachments',
    'advice_entries',
    'advice_requests',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
