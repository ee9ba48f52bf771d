import { sql, type Kysely } from 'kysely';

/**
 * Who may sign in, where they work, how they prove who they are, and their sessions.
 * Secrets are stored only as hashes, except the TOTP seed, which the server must read
 * back to compute codes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('ods_code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('GP_PRACTICE', 'PROVIDER', 'COMMISSIONER')`))
    .addColumn('postcode', 'text')
    .addColumn('commissioning_area', 'text')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Stored lower-case so that sign-in is case-insensitive and unique either way.
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Locked after repeated failures; only an administrator clears it.
    .addColumn('locked_at', 'timestamptz')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('org_code', 'text', (c) => c.notNull().references('organisations.ods_code'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_assignments_pk', ['user_id', 'org_code', 'role'])
    .execute();

  await db.schema
    .createTable('totp_secrets')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    // Null until the user proves the app works by entering a first code.
    .addColumn('confirmed_at', 'timestamptz')
    // RFC 6238 §5.2: the newest time step accepted; a code from it or earlier is a replay.
    .addColumn('last_used_step', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();

  await db.schema
    .createTable('webauthn_credentials')
    // The credential id, base64url, as the authenticator gives it.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('public_key', 'bytea', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transports', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('webauthn_credentials_user').on('webauthn_credentials').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    // sha256 of the cookie value: a leaked table cannot be replayed as cookies.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    // anonymous (before sign-in) -> second_factor (password accepted) -> signed_in.
    .addColumn('stage', 'text', (c) =>
      c.notNull().check(sql`stage in ('anonymous', 'second_factor', 'enrol', 'signed_in')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('org_code', 'text', (c) => c.references('organisations.ods_code'))
    .addColumn('role', 'text')
    .addColumn('csrf_secret', 'text', (c) => c.notNull())
    // The WebAuthn challenge in flight, if any: one at a time per session.
    .addColumn('challenge', 'text')
    .addColumn('auth_method', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('sign_in_throttles')
    // 'address:<ip>': failures from one address, across accounts (password spraying).
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('locked_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'sign_in_throttles',
    'sessions',
    'webauthn_credentials',
    'recovery_codes',
    'totp_secrets',
    'role_assignments',
    'users',
    'organisations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
