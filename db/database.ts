import type { AdviceTables } from './advice/advice.table';
import type { AuditTables } from './audit/audit.table';
import type { DirectoryTables } from './directory/directory.table';
import type { DocumentTables } from './documents/documents.table';
import type { IdentityTables } from './identity/identity.table';
import type { CodecTokenTables } from './ops/codec-tokens.table';
import type { PatientTables } from './patients/patients.table';
import type { ReferralDraftTables } from './referral-drafts/drafts.table';
import type { ReferralAccessCodeTables } from './referrals/access-codes.table';
import type { ReferralTables } from './referrals/referrals.table';

/**
 * Every table Carepath has, composed from each feature's `*.table.ts`.
 * A feature adds its tables by adding its interface here.
 */
export interface Database
  extends
    AuditTables,
    AdviceTables,
    IdentityTables,
    DirectoryTables,
    ReferralTables,
    DocumentTables,
    ReferralDraftTables,
    CodecTokenTables,
    PatientTables,
    ReferralAccessCodeTables {}
