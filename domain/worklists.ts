import type { Referral } from './referral';
import { ROLES, type RoleCode } from './roles';
import { END_STATES, type ReferralState, STATES } from './states';

/**
 * The e-RS worklists, defined once: which side sees each, in which order, and which referrals
 * each holds. The read model's queries and partial indexes are generated from these
 * definitions (`db/worklists/`), and the guard's booking states are read off them
 * (`guard-rules.ts`). Changing one means a new migration with new indexes: a test compares
 * the migrated indexes with what is written here.
 */

export type WorklistSide = 'referrer' | 'provider';

/** What, besides its state, puts a referral on a worklist. Each reads one fact the read row also holds. */
export const WORKLIST_CONDITIONS = {
  /** Booked, and no provider clinician has accepted it yet. */
  notYetAccepted: (r: Referral) => r.acceptedAt === undefined,
  /** Booked without an appointment time: an indirectly bookable service is to arrange one. */
  noAppointmentTime: (r: Referral) => r.appointment === undefined,
  /** After a missed appointment, the provider is to rebook. */
  providerRebooks: (r: Referral) => r.lastReason?.code === 'REBOOK',
  /** After a missed appointment, the referral went back to the referrer. */
  returnedToReferrer: (r: Referral) => r.lastReason?.code === 'RETURN_TO_REFERRER',
  letterToFollow: (r: Referral) => r.letter.status === 'TO_FOLLOW',
  /** Cancelled by staff of an organisation other than the referrer (e-RS A008). */
  cancelledOutsideReferrer: (r: Referral) =>
    r.cancelledByOrgCode !== undefined && r.cancelledByOrgCode !== r.referrer.orgCode,
} as const;
export type WorklistCondition = keyof typeof WORKLIST_CONDITIONS;

/**
 * One way onto a worklist: the referral is in one of `states` (or, with `unlessStates`, in
 * none of them) and, when `when` names a condition, meets it too.
 */
export type WorklistClause =
  | { readonly states: readonly ReferralState[]; readonly when?: WorklistCondition }
  | { readonly when: WorklistCondition; readonly unlessStates: readonly ReferralState[] };

export interface Worklist {
  readonly side: WorklistSide;
  readonly title: string;
  /** The referral is on the list when any one clause holds. */
  readonly clauses: readonly WorklistClause[];
}

/** Each side's worklists, in the order their tiles are drawn. */
export const WORKLISTS = {
  review: {
    side: 'provider',
    title: 'Referrals for Review',
    clauses: [{ states: ['AWAITING_TRIAGE'] }, { states: ['BOOKED'], when: 'notYetAccepted' }],
  },
  'slot-issues': {
    side: 'provider',
    title: 'Appointment Slot Issues',
    clauses: [{ states: ['DEFERRED_TO_PROVIDER'] }],
  },
  'for-booking': {
    side: 'provider',
    title: 'Appointments for Booking',
    clauses: [
      { states: ['TRIAGED_PROVIDER_TO_ACTION', 'APPT_CANCELLED_BY_PROVIDER'] },
      { states: ['DID_NOT_ATTEND'], when: 'providerRebooks' },
      { states: ['BOOKED'], when: 'noAppointmentTime' },
    ],
  },
  // e-RS A008: referrals that could be booked but have no appointment, including those awaiting
  // triage, deferred to the provider or with a cancelled booking, so the referrer sees them wait.
  'awaiting-booking': {
    side: 'referrer',
    title: 'Awaiting Booking',
    clauses: [
      {
        states: [
          'NOT_BOOKED',
          'AWAITING_TRIAGE',
          'DEFERRED_TO_PROVIDER',
          'APPT_CANCELLED_BY_PATIENT',
          'APPT_CANCELLED_BY_PROVIDER',
        ],
      },
    ],
  },
  'rejected-triage': {
    side: 'referrer',
    title: 'Rejected / Triage Response',
    clauses: [{ states: ['REJECTED', 'TRIAGE_RESPONSE'] }],
  },
  returned: {
    side: 'referrer',
    title: 'Assessment Returned / Cancelled / DNA',
    // e-RS A008: only cancellations by someone outside the referring organisation: the
    // referrer's own cancellations need no action from them.
    clauses: [
      { states: ['CANCELLED_REFERRAL'], when: 'cancelledOutsideReferrer' },
      { states: ['DID_NOT_ATTEND'], when: 'returnedToReferrer' },
    ],
  },
  letters: {
    side: 'referrer',
    title: 'Letters Outstanding',
    clauses: [{ when: 'letterToFollow', unlessStates: END_STATES }],
  },
} as const satisfies Record<string, Worklist>;

export type WorklistKey = keyof typeof WORKLISTS;

/**
 * Every worklist reads most urgent first, then oldest first; the UBRN breaks ties, so a page
 * boundary (the keyset cursor holds these three, in this order) is exact.
 */
export const WORKLIST_ORDER = ['priority', 'createdAt', 'ubrn'] as const;

/** A tile counts no further than this ("1000+"), so a page load never counts a huge list. */
export const WORKLIST_COUNT_CAP = 1000;

export function isWorklistKey(value: unknown): value is WorklistKey {
  return typeof value === 'string' && Object.hasOwn(WORKLISTS, value);
}

/** A side's worklists, in the order their tiles are drawn. */
export function worklistsOf(side: WorklistSide): WorklistKey[] {
  return (Object.keys(WORKLISTS) as WorklistKey[]).filter((key) => WORKLISTS[key].side === side);
}

/** The side whose worklists this role works from; undefined for roles that have none. */
export function worklistSideOf(role: RoleCode): WorklistSide | undefined {
  const side = ROLES[role].side;
  return side === 'referrer' || side === 'provider' ? side : undefined;
}

/** The organisation whose worklist the referral is on: the referrer's, or its service's provider. */
export function worklistOwner(side: WorklistSide, referral: Referral): string | undefined {
  return side === 'referrer' ? referral.referrer.orgCode : referral.service?.providerOrgCode;
}

const allowsState = (clause: WorklistClause, state: ReferralState) =>
  'unlessStates' in clause ? !clause.unlessStates.includes(state) : clause.states.includes(state);

/** Whether the referral is on this worklist (of whichever organisation owns it there). */
export function isOnWorklist(key: WorklistKey, referral: Referral): boolean {
  return WORKLISTS[key].clauses.some(
    (clause: WorklistClause) =>
      allowsState(clause, referral.state) && (clause.when === undefined || WORKLIST_CONDITIONS[clause.when](referral)),
  );
}

/** The states a referral may be in on any of these worklists, conditions aside. */
export function statesOn(...keys: WorklistKey[]): ReferralState[] {
  const clauses = keys.flatMap((key): readonly WorklistClause[] => WORKLISTS[key].clauses);
  return STATES.filter((state) => clauses.some((clause) => allowsState(clause, state)));
}
