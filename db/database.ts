import type { AuditTables } from './audit/audit.table';
import type { DirectoryTables } from './directory/directory.table';
import type { IdentityTables } from './identity/identity.table';

/**
 * Every table Carepath has, composed from each feature's `*.table.ts`.
 * A feature adds its tables by adding its interface here.
 */
export interface Database extends AuditTables, IdentityTables, DirectoryTables {}
