import type { ColumnType, Selectable } from 'kysely';
import type { RoleCode } from '../../domain/roles';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A personal token for the codec endpoint (the Temporal CLI's `--codec-auth`); only its hash is kept. */
export interface CodecTokenTable {
  id: string;
  user_id: string;
  /** The organisation and role it was made in: it acts as them, and only while the user holds them. */
  org_code: string;
  role: RoleCode;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface CodecTokenTables {
  codec_tokens: CodecTokenTable;
}

export type CodecTokenRow = Selectable<CodecTokenTable>;
