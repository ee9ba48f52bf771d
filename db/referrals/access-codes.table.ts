import type { ColumnType } from 'kysely';

/** The access code of a reprinted patient letter (decision record 0013): its hash only. */
export interface ReferralAccessCodeTable {
  ubrn: string;
  code_hash: string;
  issued_at: ColumnType<Date, Date | string | undefined, Date | string>;
  issued_by_user_id: string;
}

export interface ReferralAccessCodeTables {
  referral_access_codes: ReferralAccessCodeTable;
}
