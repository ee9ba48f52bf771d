import { sql } from 'kysely';
import {
  WORKLISTS,
  WORKLIST_ORDER,
  type WorklistClause,
  type WorklistCondition,
  type WorklistKey,
  type WorklistSide,
} from '../../domain/worklists';
import type { ReferralState } from '../../domain/states';

/**
 * The domain's worklist definitions as SQL over the `referrals` read table. Each worklist is
 * served by a partial index on (owner, order columns) whose predicate is exactly this SQL: the
 * planner only uses a partial index when the query's condition matches it.
 */

/** The read-row column behind each condition of `WORKLIST_CONDITIONS`. */
const CONDITION_SQL: Readonly<Record<WorklistCondition, string>> = {
  notYetAccepted: `(snapshot->>'acceptedAt') is null`,
  noAppointmentTime: `appointment_start is null`,
  providerRebooks: `(snapshot->'lastReason'->>'code') = 'REBOOK'`,
  returnedToReferrer: `(snapshot->'lastReason'->>'code') = 'RETURN_TO_REFERRER'`,
  letterToFollow: `letter_status = 'TO_FOLLOW'`,
  cancelledOutsideReferrer: `(snapshot->>'cancelledByOrgCode') <> referrer_org_code`,
};

/** Whose worklist a row is on: the first column of every worklist index. */
export const OWNER_COLUMN = {
  referrer: 'referrer_org_code',
  provider: 'provider_org_code',
} as const satisfies Record<WorklistSide, string>;

const ORDER_COLUMN = {
  priority: 'priority_rank',
  createdAt: 'created_at',
  ubrn: 'ubrn',
} as const satisfies Record<(typeof WORKLIST_ORDER)[number], string>;

/** The columns of `WORKLIST_ORDER`, in that order: the rest of every worklist index. */
export const ORDER_COLUMNS = WORKLIST_ORDER.map((key) => ORDER_COLUMN[key]);

/** The partial index that serves a worklist, named by side and key. */
export function worklistIndexName(key: WorklistKey): string {
  return `worklist_${WORKLISTS[key].side}_${key.replaceAll('-', '_')}`;
}

// State codes come from the domain's closed list (capitals and underscores), so they are
// written as literals: a bound parameter would keep the planner from matching the index.
const quoted = (states: readonly ReferralState[]) => states.map((s) => `'${s}'`).join(', ');

function stateTest(clause: WorklistClause): string {
  if ('unlessStates' in clause) return `state not in (${quoted(clause.unlessStates)})`;
  return clause.states.length === 1 ? `state = '${clause.states[0]}'` : `state in (${quoted(clause.states)})`;
}

// A clause reads in the order it is written: "in BOOKED when not yet accepted", "a letter to follow unless ended".
function clauseSql(clause: WorklistClause): string[] {
  if (clause.when === undefined) return [stateTest(clause)];
  const condition = CONDITION_SQL[clause.when];
  return 'unlessStates' in clause ? [condition, stateTest(clause)] : [stateTest(clause), condition];
}

/** The worklist's membership as the predicate of its partial index (and of every query on it). */
export function worklistPredicate(key: WorklistKey): string {
  const clauses: readonly WorklistClause[] = WORKLISTS[key].clauses;
  const terms = clauses.map((clause) => {
    const parts = clauseSql(clause);
    return parts.length > 1 && clauses.length > 1 ? `(${parts.join(' and ')})` : parts.join(' and ');
  });
  return `(${terms.join(' or ')})`;
}

/** The predicate as a Kysely expression. */
export const onWorklist = (key: WorklistKey) => sql<boolean>`${sql.raw(worklistPredicate(key))}`;
