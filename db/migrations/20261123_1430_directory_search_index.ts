import { sql, type Kysely } from 'kysely';

/**
 * Clinical-term and clinician search through GIN-indexed text search vectors instead of
 * ILIKE over every service: the DOS benchmark (10,000 services) put those two cases over
 * the 50 ms p95 target. `simple` configuration: no stemming, so names and medical terms
 * match as typed (with prefix matching in the query).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // array_to_string is only STABLE in general; for text[] it is immutable, which an index needs.
  await sql`create function directory_words(name text, conditions text, clinicians text[]) returns tsvector
    language sql immutable parallel safe
    as $$ select setweight(to_tsvector('simple', name || ' ' || conditions), 'A')
              || setweight(to_tsvector('simple', array_to_string(clinicians, ' ')), 'B') $$`.execute(db);
  await sql`create index services_words on services using gin (directory_words(name, conditions_treated, clinicians))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index services_words`.execute(db);
  await sql`drop function directory_words(text, text, text[])`.execute(db);
}
