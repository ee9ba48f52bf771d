import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { AttachmentRef, Conversation } from '../../domain/advice/conversation';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type NullableDate = ColumnType<Date | null, string | null | undefined, string | null>;

/**
 * The read row of a conversation, newer versions only. Holds personal data for worklists until
 * the UBRN expires; then those columns and the snapshot are nulled and `content_deleted_at` set.
 */
export interface AdviceRequestTable {
  ubrn: string;
  version: number;
  state: string;
  service_id: string;
  service_name: string;
  provider_org_code: string;
  referrer_org_code: string;
  requester_user_id: string;
  specialty: string;
  last_from: 'REFERRER' | 'PROVIDER';
  referrer_read_version: Generated<number>;
  response_due: NullableDate;
  outcome: string | null;
  conversion_allowed: boolean;
  nhs_number: string | null;
  given_name: string | null;
  family_name: string | null;
  date_of_birth: NullableDate;
  snapshot: JSONColumnType<Conversation, string | null, string | null> | null;
  content_deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  expires_at: Timestamp;
}

/** One row per transition, keyed (ubrn, version): the history, with the message it wrote. */
export interface AdviceEntryTable {
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
  summary: string;
  message_kind: string | null;
  message_text: string | null;
  outcome: string | null;
  attachments: JSONColumnType<AttachmentRef[], string | undefined, string>;
}

/** A file sent with a message: the referral letter's rules (PDF, PNG or JPEG, under 5 MB). */
export interface AdviceAttachmentTable {
  id: string;
  ubrn: string | null;
  org_code: string;
  uploaded_by: string;
  name: string;
  media_type: AttachmentRef['mediaType'];
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AdviceServiceSettingsTable {
  service_id: string;
  response_working_days: number;
  updated_by: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Maps an ask form's idempotency key to the UBRN it was given. */
export interface AdviceAskKeyTable {
  request_key: string;
  ubrn: string;
  created_at: Generated<Date>;
}

export interface AdviceTables {
  advice_ask_keys: AdviceAskKeyTable;
  advice_requests: AdviceRequestTable;
  advice_entries: AdviceEntryTable;
  advice_attachments: AdviceAttachmentTable;
  advice_service_settings: AdviceServiceSettingsTable;
}

export type AdviceRequestRow = Selectable<AdviceRequestTable>;
export type AdviceEntryRow = Selectable<AdviceEntryTable>;
