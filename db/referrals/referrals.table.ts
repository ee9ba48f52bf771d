import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable } from 'kysely';
import type { Referral } from '../../domain/referral';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns come back as Date from pg and as strings are written. */
type DateColumn = ColumnType<Date, string, string>;

/** Maps an idempotency key (one per create form) to the UBRN it was given. */
export interface ReferralRequestTable {
  idempotency_key: string;
  ubrn: string;
  created_at: Generated<Date>;
}

/**
 * The read row of a referral: a projection of its workflow, newer versions only. Holds
 * personal data (the database may; Temporal may not) for worklist display and search.
 */
export interface ReferralTable {
  ubrn: string;
  version: number;
  state: string;
  priority: string;
  priority_rank: number;
  service_id: string | null;
  service_name: string | null;
  provider_org_code: string | null;
  referrer_org_code: string;
  referring_clinician_id: string;
  specialty: string;
  clinic_type: string | null;
  contact_by: ColumnType<Date | null, string | null, string | null>;
  breached: boolean;
  letter_status: string;
  appointment_start: NullableTimestamp;
  expired: boolean;
  nhs_number: string;
  given_name: string;
  family_name: string;
  date_of_birth: DateColumn;
  created_at: Timestamp;
  updated_at: Timestamp;
  snapshot: JSONColumnType<Referral>;
}

/** One row per transition, keyed (ubrn, version); the referral's visible history. */
export interface ReferralTimelineTable {
  ubrn: string;
  version: number;
  type: string;
  at: Timestamp;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  actor_org: string | null;
  from_state: string | null;
  to_state: string;
  reason_code: string | null;
  reason_comment: string | null;
  outcome: string | null;
  summary: string;
}

export type NotificationRecipient = 'PATIENT' | 'REFERRER' | 'PROVIDER';
export type NotificationStatus = 'PENDING' | 'SENT' | 'FAILED';

/** The outbox: written in the projection's transaction, delivered later by the notification poller. */
export interface NotificationTable {
  id: Generated<number>;
  ubrn: string;
  version: number;
  recipient: NotificationRecipient;
  recipient_org_code: string | null;
  /** What happened (a timeline event type): the delivery side picks the template from it. */
  template: string;
  /** A referral's notification, or an advice conversation's (same UBRN after a conversion). */
  subject: Generated<'referral' | 'advice'>;
  status: Generated<NotificationStatus>;
  attempts: Generated<number>;
  provider_reference: string | null;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: NullableTimestamp;
}

export interface ReferralTables {
  referral_requests: ReferralRequestTable;
  referrals: ReferralTable;
  referral_timeline: ReferralTimelineTable;
  notifications: NotificationTable;
}

export type ReferralRow = Selectable<ReferralTable>;
export type NewReferralRow = Insertable<ReferralTable>;
export type TimelineRow = Selectable<ReferralTimelineTable>;
export type Notification = Selectable<NotificationTable>;
