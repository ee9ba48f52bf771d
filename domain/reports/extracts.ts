import type { ReportAction } from './permissions';

/**
 * The extracts an organisation can download, and what each holds. Data minimisation: the
 * booking reference (UBRN) identifies a referral; no extract carries a patient's name, NHS
 * number, date of birth or any free text a clinician typed (reason comments, advice), only
 * codes, dates and the timeline's summaries, which carry no patient identifiers.
 * The advice requests extract holds a conversation's codes, states and dates, never its messages.
 */
export const EXTRACT_KINDS = [
  'actions',
  'active-referrals',
  'slot-issues',
  'slots',
  'advice-requests',
  'user-roles',
] as const;
export type ExtractKind = (typeof EXTRACT_KINDS)[number];

export type ExtractDefinition = {
  title: string;
  description: string;
  permission: ReportAction;
  /** Asks for a day or a range of months; otherwise it is the picture now. */
  ranged: boolean;
  /** The CSV header row, in order: snake_case, as spreadsheets and analysts' scripts expect. */
  columns: readonly string[];
};

export const EXTRACTS: Readonly<Record<ExtractKind, ExtractDefinition>> = {
  actions: {
    title: 'Action extract',
    description:
      'Every action on every referral your organisation is related to, in the day or months you choose, oldest first: who did what, in which role and organisation, and the state it moved the referral to.',
    permission: 'extractActions',
    ranged: true,
    columns: [
      'ubrn',
      'version',
      'action',
      'at',
      'actor_name',
      'actor_role',
      'actor_role_name',
      'actor_org',
      'from_state',
      'to_state',
      'reason_code',
      'outcome',
      'summary',
      'priority',
      'specialty',
      'referrer_org',
      'provider_org',
      'service_id',
      'service_name',
    ],
  },
  'active-referrals': {
    title: 'Active referrals',
    description:
      'Every referral of your organisation that has not been cancelled or expired, as it stands now: state, priority, service, contact-by date and appointment.',
    permission: 'extractActiveReferrals',
    ranged: false,
    columns: [
      'ubrn',
      'state',
      'priority',
      'specialty',
      'clinic_type',
      'referrer_org',
      'provider_org',
      'service_id',
      'service_name',
      'created_at',
      'updated_at',
      'contact_by',
      'contact_target_breached',
      'appointment_start',
      'letter_status',
    ],
  },
  'slot-issues': {
    title: 'Appointment slot issues',
    description:
      'Referrals deferred to the provider because no appointment could be booked, as they stand now, with the date the patient must be contacted by.',
    permission: 'extractSlotIssues',
    ranged: false,
    columns: [
      'ubrn',
      'priority',
      'specialty',
      'service_id',
      'service_name',
      'provider_org',
      'referrer_org',
      'deferred_at',
      'contact_by',
      'contact_target_breached',
    ],
  },
  slots: {
    title: 'Appointment slots',
    description:
      'Capacity and use of appointment slots per service and day in the day or months you choose: slots published, free, booked and cancelled.',
    permission: 'extractSlots',
    ranged: true,
    columns: [
      'service_id',
      'service_name',
      'provider_org',
      'specialty',
      'day',
      'slots',
      'free',
      'booked',
      'cancelled',
      'booked_percent',
    ],
  },
  'advice-requests': {
    title: 'Advice requests',
    description:
      'Every Advice and Guidance request your organisation is related to, made in the day or months you choose, as it stands now: state, service, when the provider first responded against the date due, the outcome and whether it became a referral. No messages.',
    permission: 'extractAdviceRequests',
    ranged: true,
    columns: [
      'ubrn',
      'state',
      'specialty',
      'service_id',
      'service_name',
      'provider_org',
      'referrer_org',
      'requested_at',
      'response_due',
      'first_response_at',
      'outcome',
      'converted',
      'updated_at',
    ],
  },
  'user-roles': {
    title: 'User roles',
    description: 'Who holds which role in your organisation, and whether their account is locked.',
    permission: 'extractUserRoles',
    ranged: false,
    columns: ['username', 'display_name', 'role', 'role_name', 'account_created_at', 'locked'],
  },
};

export function isExtractKind(value: string): value is ExtractKind {
  return (EXTRACT_KINDS as readonly string[]).includes(value);
}
