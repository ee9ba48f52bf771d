import { z } from 'zod';
import { odsCodeSchema } from '../actor';
import { adviceOutcomeSchema } from '../advice/conversation';
import { ADVICE_STATES, type AdviceState, adviceStateSchema } from '../advice/states';
import { nhsNumberProblem, normaliseNhsNumber } from '../ids';
import { prioritySchema } from '../priorities';
import {
  deferReasonSchema,
  dnaOutcomeSchema,
  dnaReasonSchema,
  patientAppointmentReasonSchema,
  providerAppointmentCancelReasonSchema,
  redirectReasonSchema,
  referralCancelReasonSchema,
  rejectReasonSchema,
} from '../reasons';
import { sexSchema } from '../referral';
import { roleSchema } from '../roles';
import { STATES, type ReferralState, stateSchema } from '../states';

/**
 * A training scenario file (`scenarios/*.yaml`): a made-up cast, patients and services, then
 * the steps a trainer plays. Each step is a domain command taken by one cast member, or a wait
 * in scenario time, with the state expected after it. `scenario-file.ts` parses the YAML and
 * turns this schema's issues into "file:line: field: message".
 *
 * Keys (`key:`) name cast members, patients, services and referrals inside the file only; the
 * runner maps them to real ids when it plays the scenario.
 */

const key = (what: string) =>
  z
    .string({ error: `Give the ${what} a key` })
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, `A ${what} key is 1 to 40 lower-case letters, digits or hyphens`);

const text = (what: string, max = 2000) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max.toLocaleString('en-GB')} characters or fewer`);

const optionalText = (what: string, max = 2000) => text(what, max).optional();

/** Made-up NHS numbers only: 999 000 0000 - 999 999 9999 is never issued, and must pass Modulus 11. */
export const trainingNhsNumberSchema = z
  .string({ error: 'Enter the NHS number as text, in quotes' })
  .transform((value, ctx) => {
    const problem = nhsNumberProblem(value);
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    const digits = normaliseNhsNumber(value);
    if (!digits.startsWith('999')) {
      ctx.addIssue({
        code: 'custom',
        message: 'A training patient’s NHS number must start 999 (a range never issued)',
      });
      return z.NEVER;
    }
    return digits;
  });

const UNITS = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
} as const;

/** A span of scenario time: calendar units, or working days (England's bank holidays skipped). */
export type ScenarioDuration = { amount: number; unit: keyof typeof UNITS | 'working day' };

const DURATION = /^(\d{1,4}) (minute|hour|working day|day|week|month)s?( pass(es)?)?$/;

/** "5 working days", "14 days pass", "6 months", "30 minutes". A month counts as 30 days. */
export const durationSchema = z
  .string({ error: 'Enter a duration, like "5 working days" or "14 days"' })
  .trim()
  .transform((value, ctx): ScenarioDuration => {
    const match = DURATION.exec(value.toLowerCase());
    if (!match || Number(match[1]) === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a duration: write a whole number and minutes, hours, days, working days, weeks or months, like "5 working days"`,
      });
      return z.NEVER;
    }
    return { amount: Number(match[1]), unit: match[2] as ScenarioDuration['unit'] };
  });

/** A calendar duration in milliseconds; working days are counted by the runner from a date. */
export function calendarMs(duration: ScenarioDuration): number | undefined {
  return duration.unit === 'working day' ? undefined : duration.amount * UNITS[duration.unit];
}

const organisationSchema = z.strictObject({
  code: odsCodeSchema,
  name: text('the organisation’s name', 200),
  type: z.enum(['GP_PRACTICE', 'PROVIDER', 'COMMISSIONER'], {
    error: 'Organisation type must be GP_PRACTICE, PROVIDER or COMMISSIONER',
  }),
  postcode: text('the postcode', 10),
  /** For a GP practice: its commissioner's code. */
  commissioner: odsCodeSchema.optional(),
});
export type ScenarioOrganisation = z.infer<typeof organisationSchema>;

const userSchema = z.strictObject({
  key: key('user'),
  username: z
    .string({ error: 'Enter a username' })
    .regex(/^[a-z0-9][a-z0-9.-]{2,39}$/, 'A username is 3 to 40 lower-case letters, digits, dots or hyphens'),
  name: text('the user’s name', 100),
  roles: z
    .array(z.strictObject({ org: odsCodeSchema, role: roleSchema }), { error: 'List the user’s roles' })
    .min(1, 'Give the user at least one role'),
});
export type ScenarioUser = z.infer<typeof userSchema>;

const patientSchema = z.strictObject({
  key: key('patient'),
  nhsNumber: trainingNhsNumberSchema,
  givenName: text('the patient’s given name', 100),
  familyName: text('the patient’s family name', 100),
  dateOfBirth: z.iso.date({ error: 'Date of birth must be a date like 1970-01-31' }),
  sex: sexSchema,
  postcode: text('the patient’s postcode', 10),
  /** The GP practice the patient is registered with (an organisation of the cast). */
  practice: odsCodeSchema,
});
export type ScenarioPatient = z.infer<typeof patientSchema>;

/** Slots a service publishes when the scenario starts, at instants of scenario time. */
const slotsSchema = z.strictObject({
  count: z.number().int().min(0).max(50, 'At most 50 slots per service'),
  /** Scenario time from the start to the first slot, e.g. "7 days". */
  firstIn: durationSchema.default({ amount: 7, unit: 'day' }),
  /** Scenario time between slots. */
  every: durationSchema.default({ amount: 1, unit: 'day' }),
  minutes: z.number().int().min(5).max(240).default(20),
});

const serviceSchema = z.strictObject({
  key: key('service'),
  name: text('the service’s name', 200),
  provider: odsCodeSchema,
  specialty: text('the specialty code', 60),
  clinicType: text('the clinic type code', 60).optional(),
  requestTypes: z
    .array(z.enum(['DBS', 'IBS', 'TRIAGE', 'ADVICE'], { error: 'Request types are DBS, IBS, TRIAGE or ADVICE' }))
    .min(1, 'Give the service at least one request type'),
  slots: slotsSchema.optional(),
});
export type ScenarioService = z.infer<typeof serviceSchema>;

/** What must be true after a step: the referral's state, the conversation's, and its flags. */
export type Expectation = {
  state?: ReferralState;
  advice?: AdviceState;
  /** The contact target was breached. */
  breached?: boolean;
  /** At least this many unbooked reminders were sent. */
  remindersSent?: number;
};

const expectationObjectSchema = z.strictObject({
  state: stateSchema.optional(),
  advice: adviceStateSchema.optional(),
  breached: z.boolean().optional(),
  remindersSent: z.number().int().min(0).optional(),
});

const EXPECTABLE = [...new Set<string>([...STATES, ...ADVICE_STATES])];
const expectationSchema = z.union([
  z.enum(EXPECTABLE as [string, ...string[]], {
    error: `Expect one of the states: ${EXPECTABLE.join(', ')}`,
  }),
  expectationObjectSchema,
]);

/** Fields every step has. */
const stepBase = {
  /** The cast user who acts (their first role unless `role` says which). */
  as: key('user').optional(),
  role: roleSchema.optional(),
  /** The organisation the user acts for, when they hold the role in more than one. */
  org: odsCodeSchema.optional(),
  /** The referral (or advice conversation) the step acts on or checks. */
  referral: key('referral').optional(),
  expect: expectationSchema.optional(),
  /** What the trainer reads out. */
  note: optionalText('the note', 4000),
  /** The trainer's player waits here for a trainee to take the step in the app. */
  traineeActs: z.boolean().optional(),
};

const services = z.array(key('service'), { error: 'List the services by key' }).min(1).max(20);

const step = <A extends string, S extends z.ZodRawShape>(action: A, shape: S) =>
  z.strictObject({ action: z.literal(action), ...stepBase, ...shape });

const ACTION_STEPS = [
  step('WAIT', { wait: durationSchema }),
  step('CREATE', {
    patient: key('patient'),
    priority: prioritySchema,
    specialty: text('the specialty code', 60),
    clinicType: text('the clinic type code', 60).optional(),
    reason: text('the reason for referral'),
    clinicalInformation: optionalText('the clinical information', 8000),
    shortlist: services,
  }),
  /** Books the first free slot of the service at least `appointmentIn` from now (scenario time). */
  step('BOOK', { service: key('service').optional(), appointmentIn: durationSchema.optional() }),
  step('REQUEST_IBS', { service: key('service') }),
  step('SEND_FOR_TRIAGE', { service: key('service') }),
  step('DEFER_TO_PROVIDER', { service: key('service'), reason: deferReasonSchema.default('NO_SLOTS') }),
  step('RECORD_IBS_ARRANGED', { appointmentIn: durationSchema.default({ amount: 7, unit: 'day' }) }),
  step('ACCEPT', {}),
  step('REJECT', { reason: rejectReasonSchema, comment: optionalText('the comment') }),
  step('TRIAGE_OUTCOME', {
    outcome: z.enum(['REFER_BOOK_NOW', 'ACCEPT_BOOK_LATER', 'RETURN_WITH_ADVICE'], {
      error: 'Outcome must be REFER_BOOK_NOW, ACCEPT_BOOK_LATER or RETURN_WITH_ADVICE',
    }),
    /** REFER_BOOK_NOW: the service booked into (another one is a redirect). */
    service: key('service').optional(),
    redirectReason: redirectReasonSchema.optional(),
    /** REFER_BOOK_NOW: book a slot this far ahead; unset, the referral goes to the service unbooked. */
    appointmentIn: durationSchema.optional(),
    comment: optionalText('the comment'),
    advice: optionalText('the advice', 8000),
    priority: prioritySchema.optional(),
  }),
  step('PROVIDER_CANCEL_APPOINTMENT', {
    reason: providerAppointmentCancelReasonSchema,
    comment: optionalText('the comment'),
  }),
  step('PATIENT_CANCEL_APPOINTMENT', { reason: patientAppointmentReasonSchema, comment: optionalText('the comment') }),
  step('CHANGE_APPOINTMENT', {
    appointmentIn: durationSchema,
    reason: patientAppointmentReasonSchema,
    comment: optionalText('the comment'),
  }),
  step('RECORD_DNA', {
    reason: dnaReasonSchema,
    outcome: dnaOutcomeSchema,
    contactAttempted: z.boolean().optional(),
    comment: optionalText('the comment'),
  }),
  step('CANCEL_REFERRAL', { reason: referralCancelReasonSchema, comment: optionalText('the comment') }),
  step('CHANGE_SHORTLIST', { shortlist: services }),
  step('CHANGE_PRIORITY', { priority: prioritySchema }),
  /** Opens an advice conversation; `referral` names it, and the referral it may become (same UBRN). */
  step('ASK_ADVICE', {
    patient: key('patient'),
    service: key('service'),
    question: text('the question', 8000),
    conversionAllowed: z.boolean().default(true),
  }),
  step('RESPOND', { text: text('the advice', 8000), outcome: adviceOutcomeSchema }),
  step('REQUEST_INFO', { text: text('what more information is needed', 8000) }),
  step('REPLY', { text: text('the reply', 8000) }),
  step('CONVERT_BY_PROVIDER', { priority: prioritySchema }),
  step('CONVERT_BY_REFERRER', {}),
  step('CLOSE_ADVICE', { comment: optionalText('the note') }),
  step('CANCEL_ADVICE', { comment: optionalText('the note') }),
] as const;

export const SCENARIO_ACTIONS = ACTION_STEPS.map((s) => s.shape.action.value);
export type ScenarioAction = (typeof ACTION_STEPS)[number]['shape']['action']['value'];

/** Steps on an advice conversation: a bare expected state names the conversation's state. */
export const ADVICE_ACTIONS = [
  'ASK_ADVICE',
  'RESPOND',
  'REQUEST_INFO',
  'REPLY',
  'CLOSE_ADVICE',
  'CANCEL_ADVICE',
] as const satisfies readonly ScenarioAction[];

// `- wait: 5 working days` is the short way to write a WAIT step.
const stepSchema = z.preprocess(
  (value) =>
    value !== null && typeof value === 'object' && 'wait' in value && !('action' in value)
      ? { action: 'WAIT', ...value }
      : value,
  z.discriminatedUnion('action', ACTION_STEPS, {
    error: (issue) =>
      issue.code === 'invalid_union' ? `Action must be one of: ${SCENARIO_ACTIONS.join(', ')}` : undefined,
  }),
);

type RawStep = z.infer<typeof stepSchema>;

/** A step as the runner plays it: expectations in object form, its line in the file. */
export type ScenarioStep = RawStep extends infer S
  ? S extends unknown
    ? Omit<S, 'expect'> & { expect?: Expectation; line?: number }
    : never
  : never;
export type ScenarioStepOf<A extends ScenarioAction> = Extract<ScenarioStep, { action: A }>;

function expectationOf(step: RawStep): Expectation | undefined {
  const { expect } = step;
  if (expect === undefined || typeof expect === 'object') return expect;
  const advice = (ADVICE_ACTIONS as readonly string[]).includes(step.action);
  if (advice && (ADVICE_STATES as readonly string[]).includes(expect)) return { advice: expect as AdviceState };
  if ((STATES as readonly string[]).includes(expect)) return { state: expect as ReferralState };
  return { advice: expect as AdviceState };
}

const scenarioObjectSchema = z.strictObject({
  title: text('the scenario’s title', 120),
  description: optionalText('the description', 4000),
  /** How many times faster than real time the scenario's clock runs (at least 1). */
  timeScale: z.number({ error: 'timeScale must be a number' }).min(1, 'timeScale must be at least 1').default(8640),
  cast: z.strictObject({
    organisations: z.array(organisationSchema).min(1, 'List at least one organisation'),
    users: z.array(userSchema).min(1, 'List at least one user'),
  }),
  patients: z.array(patientSchema).default([]),
  services: z.array(serviceSchema).default([]),
  steps: z.array(stepSchema).min(1, 'List at least one step'),
});

export const scenarioSchema = scenarioObjectSchema
  .superRefine((scenario, ctx) => checkReferences(scenario, ctx))
  .transform((scenario) => ({
    ...scenario,
    steps: scenario.steps.map((s): ScenarioStep => {
      const expect = expectationOf(s);
      const { expect: _raw, ...rest } = s;
      return (expect === undefined ? rest : { ...rest, expect }) as ScenarioStep;
    }),
  }));

export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written (what a generator writes out as YAML). */
export type ScenarioInput = z.input<typeof scenarioSchema>;

type ScenarioShape = z.infer<typeof scenarioObjectSchema>;

/** Every key a step names must be defined, and every acting user must hold the role named. */
function checkReferences(scenario: ScenarioShape, ctx: z.core.$RefinementCtx): void {
  const orgs = new Set(scenario.cast.organisations.map((o) => o.code));
  const users = new Map(scenario.cast.users.map((u) => [u.key, u]));
  const patients = new Set(scenario.patients.map((p) => p.key));
  const services = new Set(scenario.services.map((s) => s.key));
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  duplicates(
    scenario.cast.users.map((u) => u.key),
    (i) => issue(['cast', 'users', i, 'key'], 'This user key is used twice'),
  );
  duplicates(
    scenario.cast.users.map((u) => u.username),
    (i) => issue(['cast', 'users', i, 'username'], 'This username is used twice'),
  );
  duplicates(
    scenario.cast.organisations.map((o) => o.code),
    (i) => issue(['cast', 'organisations', i, 'code'], 'This organisation code is used twice'),
  );
  duplicates(
    scenario.patients.map((p) => p.key),
    (i) => issue(['patients', i, 'key'], 'This patient key is used twice'),
  );
  duplicates(
    scenario.patients.map((p) => p.nhsNumber),
    (i) => issue(['patients', i, 'nhsNumber'], 'This NHS number is used twice'),
  );
  duplicates(
    scenario.services.map((s) => s.key),
    (i) => issue(['services', i, 'key'], 'This service key is used twice'),
  );

  scenario.cast.users.forEach((u, i) =>
    u.roles.forEach((r, j) => {
      if (!orgs.has(r.org)) issue(['cast', 'users', i, 'roles', j, 'org'], `No organisation ${r.org} in the cast`);
    }),
  );
  scenario.patients.forEach((p, i) => {
    if (!orgs.has(p.practice)) issue(['patients', i, 'practice'], `No organisation ${p.practice} in the cast`);
  });
  scenario.services.forEach((s, i) => {
    const provider = scenario.cast.organisations.find((o) => o.code === s.provider);
    if (provider?.type !== 'PROVIDER') issue(['services', i, 'provider'], `No provider ${s.provider} in the cast`);
  });

  const referrals = new Set<string>();
  scenario.steps.forEach((s, i) => {
    const at = (field: string) => ['steps', i, field];
    if (s.action !== 'WAIT') {
      if (s.as === undefined) issue(at('as'), 'Say which cast user takes this step');
      if (s.referral === undefined) issue(at('referral'), 'Name the referral this step acts on');
    }
    if (s.as !== undefined) {
      const user = users.get(s.as);
      if (!user) issue(at('as'), `No user "${s.as}" in the cast`);
      else if (s.role !== undefined && !user.roles.some((r) => r.role === s.role && (s.org ?? r.org) === r.org)) {
        issue(at('role'), `${s.as} does not hold role ${s.role}${s.org ? ` at ${s.org}` : ''}`);
      } else if (s.org !== undefined && !user.roles.some((r) => r.org === s.org)) {
        issue(at('org'), `${s.as} holds no role at ${s.org}`);
      }
    }
    if ('patient' in s && !patients.has(s.patient)) issue(at('patient'), `No patient "${s.patient}" in the file`);
    if ('service' in s && s.service !== undefined && !services.has(s.service)) {
      issue(at('service'), `No service "${s.service}" in the file`);
    }
    if ('shortlist' in s) {
      s.shortlist.forEach((k, j) => {
        if (!services.has(k)) issue(['steps', i, 'shortlist', j], `No service "${k}" in the file`);
      });
    }
    if (s.referral !== undefined) {
      const opens = s.action === 'CREATE' || s.action === 'ASK_ADVICE';
      if (opens && referrals.has(s.referral)) issue(at('referral'), `Referral "${s.referral}" was already created`);
      if (!opens && !referrals.has(s.referral)) {
        issue(at('referral'), `Referral "${s.referral}" is not created by an earlier step`);
      }
      referrals.add(s.referral);
    }
    if (s.action === 'WAIT' && s.expect !== undefined && s.referral === undefined) {
      issue(at('referral'), 'Name the referral whose state is expected after the wait');
    }
  });
}

function duplicates(values: string[], report: (index: number) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) report(i);
    seen.add(v);
  });
}
