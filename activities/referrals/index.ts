import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { type ReserveAndProject, reserveSlotAndProject } from './booking';
import { cleanUpExpiredReferral } from './expiry';
import { type Projection, projectReferral } from './projection';
import { bookableSlotsExist, releaseReferralSlot, reserveReferralSlot } from './slots';

/** The referral workflow's activities, bound to the database. */
export function createReferralActivities(db: Kysely<Database>) {
  return {
    projectReferral: (input: Projection) => projectReferral(db, input),
    reserveSlot: (input: Parameters<typeof reserveReferralSlot>[1]) => reserveReferralSlot(db, input),
    reserveSlotAndProject: (input: ReserveAndProject) => reserveSlotAndProject(db, input),
    releaseSlot: (input: { slotId: string; ubrn: string }) => releaseReferralSlot(db, input),
    bookableSlotsExist: (input: Parameters<typeof bookableSlotsExist>[1]) => bookableSlotsExist(db, input),
    cleanUpExpiredReferral: (input: { ubrn: string }) => cleanUpExpiredReferral(db, input),
  };
}

export type ReferralActivities = ReturnType<typeof createReferralActivities>;
