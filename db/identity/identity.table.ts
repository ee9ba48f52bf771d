import type { ColumnType, Generated, Selectable } from 'kysely';
import type { RoleCode } from '../../domain/roles';
import type { OrganisationTables } from './organisations.table';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  /** Issued by a registration authority administrator: the user must choose their own at sign-in. */
  password_temporary: Generated<boolean>;
  created_at: Timestamp;
  locked_at: NullableTimestamp;
  /** A lock ends by itself at this time (or when an administrator unlocks the account). */
  locked_until: NullableTimestamp;
  /** Failed sign-in attempts since the last success, for the administrator to see. */
  failed_attempts: Generated<number>;
}

export interface RoleAssignmentTable {
  user_id: string;
  org_code: string;
  role: RoleCode;
}

export interface TotpSecretTable {
  user_id: string;
  secret: string;
  confirmed_at: NullableTimestamp;
  last_used_step: number | null;
  created_at: Timestamp;
}

export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface WebauthnCredentialTable {
  id: string;
  user_id: string;
  name: string;
  public_key: Uint8Array;
  counter: number;
  transports: string[];
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
}

export type SessionStage = 'anonymous' | 'second_factor' | 'enrol' | 'new_password' | 'signed_in';

export interface SessionTable {
  id_hash: string;
  user_id: string | null;
  stage: SessionStage;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  org_code: string | null;
  role: RoleCode | null;
  csrf_secret: string;
  challenge: string | null;
  auth_method: 'password+totp' | 'password+recovery' | 'webauthn' | null;
  /** When the second factor was last proven in this session: sign-in, or confirming it again. */
  factor_verified_at: NullableTimestamp;
  reauth_failures: Generated<number>;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  counted_at: Timestamp;
  retry_at: Timestamp;
}

export interface IdentityTables extends OrganisationTables {
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  totp_secrets: TotpSecretTable;
  recovery_codes: RecoveryCodeTable;
  webauthn_credentials: WebauthnCredentialTable;
  sessions: SessionTable;
  sign_in_throttles: SignInThrottleTable;
}

export type User = Selectable<UserTable>;
export type Session = Selectable<SessionTable>;
export type WebauthnCredential = Selectable<WebauthnCredentialTable>;
