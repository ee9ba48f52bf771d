import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { type AdviceProjection, expireAdviceContent, projectAdvice } from './projection';

/** The advice workflow's activities, bound to the database. */
export function createAdviceActivities(db: Kysely<Database>) {
  return {
    projectAdvice: (input: AdviceProjection) => projectAdvice(db, input),
    expireAdviceContent: (input: Parameters<typeof expireAdviceContent>[1]) => expireAdviceContent(db, input),
  };
}

export type AdviceActivities = ReturnType<typeof createAdviceActivities>;
