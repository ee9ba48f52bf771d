import type { Generated, Insertable, JSONColumnType, Selectable } from 'kysely';

/** One row per thing someone did or saw. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. */
export interface AuditEventTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_org: string | null;
  /** Dotted verb, e.g. `referral.viewed`, `auth.sign_in_failed`. */
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: JSONColumnType<Record<string, unknown>, Record<string, unknown> | undefined, never>;
}

export interface AuditTables {
  audit_events: AuditEventTable;
}

export type AuditEvent = Selectable<AuditEventTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;
