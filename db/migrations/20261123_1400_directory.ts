import { sql, type Kysely } from 'kysely';

/**
 * The Directory of Services. Organisations are referenced by ODS code without a foreign
 * key here: the identity migration that creates `organisations` may not exist yet, and
 * `20261123_1420_directory_organisation_keys.ts` adds the keys once it does.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('postcode_districts')
    .addColumn('outcode', 'text', (c) => c.primaryKey())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('specialties')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('clinic_types')
    .addColumn('specialty_code', 'text', (c) => c.notNull().references('specialties.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('clinic_types_pk', ['specialty_code', 'code'])
    .execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('provider_org_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('DRAFT')
        .check(sql`status in ('DRAFT', 'PUBLISHED', 'RETIRED')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('request_types', sql`text[]`, (c) => c.notNull())
    .addColumn('specialty_code', 'text', (c) => c.notNull().references('specialties.code'))
    .addColumn('clinic_type_code', 'text')
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('outcode', 'text', (c) => c.notNull())
    .addColumn('age_min', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('age_max', 'integer', (c) => c.notNull().defaultTo(150))
    .addColumn('sex_treated', 'text', (c) =>
      c
        .notNull()
        .defaultTo('ANY')
        .check(sql`sex_treated in ('ANY', 'FEMALE', 'MALE')`),
    )
    .addColumn('conditions_treated', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('exclusions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('letter_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('indicative_wait_days', 'integer', (c) => c.notNull())
    .addColumn('clinicians', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('instructions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('national', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('polling_range_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(84)
        .check(sql`polling_range_days between 1 and 365`),
    )
    .addColumn('reservation_hours', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`reservation_hours between 0 and 720`),
    )
    .addColumn('capacity_flagged_at', 'timestamptz')
    .addColumn('capacity_note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('services_clinic_type_fk', ['specialty_code', 'clinic_type_code'], 'clinic_types', [
      'specialty_code',
      'code',
    ])
    .addCheckConstraint('services_age_range', sql`age_min >= 0 and age_max >= age_min`)
    // The domain rule, held by the database too: triage never offers appointments, and a
    // service is bookable one way only.
    .addCheckConstraint(
      'services_request_types',
      sql`cardinality(request_types) > 0
        and request_types <@ array['DBS', 'IBS', 'TRIAGE', 'ADVICE']
        and not (request_types @> array['TRIAGE'] and request_types && array['DBS', 'IBS'])
        and not (request_types @> array['DBS', 'IBS'])`,
    )
    .execute();
  await db.schema
    .createIndex('services_specialty')
    .on('services')
    .columns(['specialty_code', 'clinic_type_code'])
    .execute();
  await db.schema.createIndex('services_provider').on('services').columns(['provider_org_code']).execute();

  await db.schema
    .createTable('service_versions')
    .addColumn('service_id', 'bigint', (c) => c.notNull().references('services.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('service_versions_pk', ['service_id', 'version'])
    .execute();

  await db.schema
    .createTable('booking_windows')
    .addColumn('service_id', 'bigint', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority in ('TWO_WEEK_WAIT', 'URGENT', 'ROUTINE')`))
    .addColumn('from_days', 'integer', (c) => c.notNull())
    .addColumn('to_days', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('booking_windows_pk', ['service_id', 'priority'])
    .addCheckConstraint('booking_windows_range', sql`from_days >= 0 and to_days >= from_days`)
    .execute();

  await db.schema
    .createTable('slot_templates')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('service_id', 'bigint', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('weekday', 'smallint', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('start_time', 'time', (c) => c.notNull())
    .addColumn('slot_minutes', 'integer', (c) => c.notNull().check(sql`slot_minutes between 5 and 240`))
    .addColumn('slot_count', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`slot_count between 1 and 48`),
    )
    .addColumn('clinician', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('slots')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('service_id', 'bigint', (c) => c.notNull().references('services.id'))
    .addColumn('start_at', 'timestamptz', (c) => c.notNull())
    .addColumn('end_at', 'timestamptz', (c) => c.notNull())
    .addColumn('clinician', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('free')
        .check(sql`status in ('free', 'booked', 'cancelled')`),
    )
    .addColumn('ubrn', 'text')
    .addColumn('booked_at', 'timestamptz')
    // Until then only the provider sees the slot (the service's reservation period).
    .addColumn('released_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('slots_end_after_start', sql`end_at > start_at`)
    .addCheckConstraint('slots_booked_has_ubrn', sql`(status = 'booked') = (ubrn is not null)`)
    .addUniqueConstraint('slots_unique_start', ['service_id', 'start_at', 'clinician'])
    .execute();
  // Search and capacity ask "earliest free slot of this service in a window": a partial index answers it.
  await sql`create index slots_free_by_service on slots (service_id, start_at) include (released_at) where status = 'free'`.execute(
    db,
  );
  await sql`create index slots_by_ubrn on slots (ubrn) where ubrn is not null`.execute(db);

  await db.schema
    .createTable('commissioning_rules')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('service_id', 'bigint', (c) => c.notNull().references('services.id'))
    .addColumn('commissioning_area', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('commissioning_rules_dates', sql`ends_on is null or ends_on >= starts_on`)
    .execute();
  await db.schema
    .createIndex('commissioning_rules_area')
    .on('commissioning_rules')
    .columns(['commissioning_area', 'service_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'commissioning_rules',
    'slots',
    'slot_templates',
    'booking_windows',
    'service_versions',
    'services',
    'clinic_types',
    'specialties',
    'postcode_districts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
