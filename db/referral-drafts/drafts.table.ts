import type { ColumnType, JSONColumnType } from 'kysely';
import type { Service } from '../../domain/referral';
import type { DraftDetails } from './draft.schema';

/** A referral being written: details first, then the shortlist, then the booking choice. */
export interface ReferralDraftTable {
  id: string;
  owner_user_id: string;
  org_code: string;
  details: JSONColumnType<DraftDetails>;
  shortlist: JSONColumnType<Service[], string | undefined, string>;
  /** Set once submitted: a second submit shows this referral instead of creating another. */
  submitted_ubrn: string | null;
  /** Printed on the patient's letter with the UBRN; set when the draft is submitted. */
  access_code: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ReferralDraftTables {
  referral_drafts: ReferralDraftTable;
}
