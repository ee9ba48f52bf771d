import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database';

/** A connection or a transaction: every directory repository function takes either. */
export type Executor = Kysely<Database> | Transaction<Database>;
