/**
 * Example referrals, services and actors for tests (domain, workflow and web suites alike).
 * Test patients use the never-issued 999 NHS number range.
 */
import type { Command, CommandType } from './actions';
import type { Actor } from './actor';
import type { CreateReferralInput } from './create-referral';
import { createReferral } from './create-referral';
import { defaultPolicy } from './policy';
import type { Referral, Service } from './referral';
import type { RoleCode } from './roles';

export const REFERRER_ORG = 'A81001';
export const PROVIDER_ORG = 'RXX';
export const OTHER_PROVIDER_ORG = 'RYY';
export const FIXTURE_NOW = '2026-04-01T09:00:00.000Z';

export const SERVICES = {
  dbs: {
    serviceId: 'svc-cardio-dbs',
    name: 'Cardiology Outpatients',
    providerOrgCode: PROVIDER_ORG,
    requestType: 'DBS',
  },
  ibs: {
    serviceId: 'svc-heart-failure-ibs',
    name: 'Heart Failure Clinic',
    providerOrgCode: PROVIDER_ORG,
    requestType: 'IBS',
  },
  ras: {
    serviceId: 'svc-cardio-ras',
    name: 'Cardiology Referral Assessment',
    providerOrgCode: PROVIDER_ORG,
    requestType: 'TRIAGE',
  },
  /** Not on the shortlist: a redirect target at another provider. */
  elsewhere: {
    serviceId: 'svc-chest-pain-dbs',
    name: 'Rapid Access Chest Pain',
    providerOrgCode: OTHER_PROVIDER_ORG,
    requestType: 'DBS',
  },
} as const satisfies Record<string, Service>;

const HOME_ORG: Record<RoleCode, string> = {
  B1101: REFERRER_ORG,
  B1102: REFERRER_ORG,
  B1103: REFERRER_ORG,
  B1110: PROVIDER_ORG,
  B1115: PROVIDER_ORG,
  B1120: PROVIDER_ORG,
  B1107: PROVIDER_ORG,
  B1106: 'QWE',
  B1130: REFERRER_ORG,
  CP0001: REFERRER_ORG,
  CP0002: REFERRER_ORG,
  CP0003: REFERRER_ORG,
};

/** A user in the given role, by default in the organisation that role relates to in these fixtures. */
export function actorFor(role: RoleCode, orgCode: string = HOME_ORG[role]): Actor {
  return { userId: `user-${role.toLowerCase()}`, displayName: `Test ${role}`, role, orgCode };
}

export function createInput(overrides: Partial<CreateReferralInput> = {}): CreateReferralInput {
  return {
    ubrn: '000000000042',
    priority: 'ROUTINE',
    patient: {
      nhsNumber: '9990000018',
      givenName: 'Test',
      familyName: 'Patient',
      dateOfBirth: '1960-05-04',
      sex: 'female',
      postcode: 'LS1 4AP',
      registeredPracticeCode: REFERRER_ORG,
    },
    referrer: { orgCode: REFERRER_ORG, clinicianUserId: 'user-b1101', clinicianName: 'Dr Test B1101' },
    specialty: 'CARDIOLOGY',
    reason: 'Exertional chest pain',
    clinicalInformation: 'ECG normal.',
    letter: { status: 'TO_FOLLOW' },
    shortlist: [SERVICES.dbs, SERVICES.ibs, SERVICES.ras],
    ...overrides,
  };
}

/** A freshly created NOT_BOOKED referral at version 1. */
export function newReferral(overrides: Partial<CreateReferralInput> = {}): Referral {
  return createReferral(createInput(overrides), { actor: actorFor('B1101'), now: FIXTURE_NOW, policy: defaultPolicy })
    .referral;
}

const appointment = {
  slotId: 'slot-1',
  start: '2026-04-20T09:00:00.000Z',
  end: '2026-04-20T09:20:00.000Z',
  arrangedBy: 'SYSTEM',
  confirmed: false,
} as const;

/**
 * Referrals in every situation the guard distinguishes, built directly (not through apply) so
 * guard tests do not depend on transitions. All at version 3.
 */
export function situations(): Record<Situation, Referral> {
  const base = { ...newReferral(), version: 3 };
  const at = (state: Referral['state'], service: Service | undefined, extra: Partial<Referral> = {}): Referral => ({
    ...base,
    state,
    ...(service ? { service } : {}),
    ...extra,
  });
  return {
    NOT_BOOKED: base,
    BOOKED_DBS: at('BOOKED', SERVICES.dbs, { appointment }),
    BOOKED_DBS_ACCEPTED: at('BOOKED', SERVICES.dbs, { appointment, acceptedAt: FIXTURE_NOW }),
    BOOKED_IBS_AWAITING: at('BOOKED', SERVICES.ibs),
    BOOKED_IBS_ARRANGED: at('BOOKED', SERVICES.ibs, {
      appointment: { start: appointment.start, arrangedBy: 'PROVIDER', confirmed: true },
    }),
    DEFERRED_TO_PROVIDER: at('DEFERRED_TO_PROVIDER', SERVICES.dbs, {
      contactBy: '2026-05-28',
      lastReason: { code: 'NO_SLOTS' },
    }),
    AWAITING_TRIAGE: at('AWAITING_TRIAGE', SERVICES.ras, { contactBy: '2026-05-28' }),
    TRIAGED_PROVIDER_TO_ACTION: at('TRIAGED_PROVIDER_TO_ACTION', SERVICES.ras),
    TRIAGE_RESPONSE: at('TRIAGE_RESPONSE', SERVICES.ras, { advice: 'Start a beta blocker; refer again if no better.' }),
    REJECTED: at('REJECTED', SERVICES.dbs, { lastReason: { code: 'SERVICE_INAPPROPRIATE', comment: 'Wrong clinic' } }),
    APPT_CANCELLED_BY_PATIENT: at('APPT_CANCELLED_BY_PATIENT', SERVICES.dbs, {
      lastReason: { code: 'PATIENT_HOLIDAY' },
    }),
    APPT_CANCELLED_BY_PROVIDER: at('APPT_CANCELLED_BY_PROVIDER', SERVICES.dbs, {
      lastReason: { code: 'CLINIC_CANCELLED' },
    }),
    DNA_REBOOK: at('DID_NOT_ATTEND', SERVICES.dbs, {
      lastReason: { code: 'REBOOK' },
      nonAttendance: { reason: 'PATIENT_FORGOT' },
    }),
    DNA_RETURNED: at('DID_NOT_ATTEND', SERVICES.dbs, {
      lastReason: { code: 'RETURN_TO_REFERRER' },
      nonAttendance: { reason: 'UNKNOWN' },
    }),
    CANCELLED_REFERRAL: at('CANCELLED_REFERRAL', SERVICES.dbs, {
      lastReason: { code: 'TREATMENT_NO_LONGER_REQUIRED' },
      cancelledByOrgCode: REFERRER_ORG,
    }),
    EXPIRED: at('EXPIRED', undefined),
  };
}

export const SITUATIONS = [
  'NOT_BOOKED',
  'BOOKED_DBS',
  'BOOKED_DBS_ACCEPTED',
  'BOOKED_IBS_AWAITING',
  'BOOKED_IBS_ARRANGED',
  'DEFERRED_TO_PROVIDER',
  'AWAITING_TRIAGE',
  'TRIAGED_PROVIDER_TO_ACTION',
  'TRIAGE_RESPONSE',
  'REJECTED',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'DNA_REBOOK',
  'DNA_RETURNED',
  'CANCELLED_REFERRAL',
  'EXPIRED',
] as const;
export type Situation = (typeof SITUATIONS)[number];

const slot = { slotId: 'slot-9', start: '2026-04-21T10:00:00.000Z', end: '2026-04-21T10:20:00.000Z' };

/** A staff command of this type with fields that are valid in this situation (see situations()). */
export function sampleCommand(type: CommandType, situation: Situation, version = 3): Command {
  const v = { expectedVersion: version };
  switch (type) {
    case 'BOOK':
      return { type, ...v, serviceId: SERVICES.dbs.serviceId, ...slot };
    case 'REQUEST_IBS':
      return { type, ...v, serviceId: SERVICES.ibs.serviceId };
    case 'DEFER_TO_PROVIDER':
      return { type, ...v, serviceId: SERVICES.dbs.serviceId, reason: 'NO_SLOTS', slotsAvailable: false };
    case 'SEND_FOR_TRIAGE':
      return { type, ...v, serviceId: SERVICES.ras.serviceId };
    case 'RECORD_IBS_ARRANGED':
      return situation === 'TRIAGED_PROVIDER_TO_ACTION'
        ? { type, ...v, serviceId: SERVICES.ibs.serviceId, start: slot.start }
        : { type, ...v, start: slot.start };
    case 'ACCEPT':
      return { type, ...v };
    case 'REJECT':
      return { type, ...v, reason: 'SERVICE_INAPPROPRIATE', comment: 'Try ENT' };
    case 'TRIAGE_OUTCOME':
      return { type, ...v, outcome: 'RETURN_WITH_ADVICE', advice: 'Manage in primary care' };
    case 'PROVIDER_CANCEL_APPOINTMENT':
      // A comment, which a provider clinician's "action later" must carry.
      return { type, ...v, reason: 'CLINIC_CANCELLED', comment: 'Please rebook with Dr Patel' };
    case 'PATIENT_CANCEL_APPOINTMENT':
      return { type, ...v, reason: 'PATIENT_HOLIDAY' };
    case 'CHANGE_APPOINTMENT':
      return { type, ...v, ...slot, reason: 'PATIENT_ILL' };
    case 'RECORD_DNA':
      return { type, ...v, reason: 'PATIENT_FORGOT', contactAttempted: true, outcome: 'REBOOK' };
    case 'CANCEL_REFERRAL':
      // A reason either side may give.
      return { type, ...v, reason: 'TREATMENT_NO_LONGER_REQUIRED' };
    case 'ADD_LETTER':
      return { type, ...v, documentId: 'doc-1' };
    case 'CHANGE_PRIORITY':
      return { type, ...v, priority: 'URGENT' };
    case 'CHANGE_SHORTLIST':
      return { type, ...v, shortlist: [SERVICES.elsewhere, SERVICES.dbs] };
  }
}
