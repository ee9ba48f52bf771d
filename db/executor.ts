import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database';

/** A connection or a transaction: every repository function takes either. */
export type Executor = Kysely<Database> | Transaction<Database>;
