import type { z } from 'zod';
import type { Command } from '../actions';
import type { Actor } from '../actor';
import { isValidNhsNumber } from '../ids';
import type { Referral, Service } from '../referral';
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
import { ROLES, type RoleCode, isProviderRole } from '../roles';
import type { ScenarioInput } from '../training/scenario.schema';
import type { ReplayEvent } from './events';
import { foldHistory } from './fold';

type StepInput = ScenarioInput['steps'][number];
type Transition = { at: string; type: string; actor?: Actor; command?: Command; after: Referral };

const MADE_UP_COMMENT = 'Comment from the real case, replaced with made-up text for training.';
const MADE_UP_ADVICE = 'Advice from the real case, replaced with made-up text for training.';
const GIVEN_NAMES = ['Alex', 'Jordan', 'Sam', 'Robin', 'Charlie', 'Morgan'];
const FAMILY_NAMES = ['Example', 'Sample', 'Specimen', 'Placeholder', 'Madeup', 'Fictional'];

/**
 * A made-up NHS number in the range never issued (999 000 0000 up), passing Modulus 11: the
 * `n`-th such number, skipping those whose check digit would be 10.
 */
export function madeUpNhsNumber(n: number): string {
  for (let base = 999_000_000 + n; ; base++) {
    const digits = String(base).split('').map(Number);
    const remainder = digits.reduce((sum, d, i) => sum + d * (10 - i), 0) % 11;
    const check = remainder === 0 ? 0 : 11 - remainder;
    if (check === 10) continue;
    const nhs = `${base}${check}`;
    if (isValidNhsNumber(nhs)) return nhs;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const firstPayload = (payloads: unknown) =>
  isObject(payloads) && Array.isArray(payloads.payloads) ? payloads.payloads[0] : undefined;

/** Each committed transition with the command and actor that caused it (read from the update it answered). */
function transitions(events: readonly ReplayEvent[]): Transition[] {
  const out: Transition[] = [];
  const { steps } = foldHistory(events);
  let message: { command?: Command; actor?: Actor } = {};
  for (const step of steps) {
    const { event } = step;
    if (event.type === 'WORKFLOW_EXECUTION_STARTED') {
      const input = firstPayload(event.attributes.input);
      if (isObject(input) && isObject(input.actor)) message = { actor: input.actor as Actor };
    }
    if (event.type === 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED') {
      const request = event.attributes.acceptedRequest as { input?: { args?: unknown } } | undefined;
      const arg = firstPayload(request?.input?.args);
      if (isObject(arg) && isObject(arg.command))
        message = { command: arg.command as Command, actor: arg.actor as Actor };
    }
    if (step.transition && step.subject?.kind === 'referral') {
      const { type } = step.transition;
      const fromCommand = message.command?.type === type || type === 'CREATE';
      out.push({
        at: event.time,
        type,
        after: step.subject.referral,
        ...(fromCommand && message.actor ? { actor: message.actor } : {}),
        ...(fromCommand && message.command ? { command: message.command } : {}),
      });
      if (fromCommand) message = {};
    }
  }
  return out;
}

/** Scenario time between two instants of the history (scaled by the case's own policy), as a duration. */
function span(fromIso: string, toIso: string, historyScale: number): string | undefined {
  const ms = (Date.parse(toIso) - Date.parse(fromIso)) * historyScale;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return undefined;
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

/** The code if today's list still has it (old histories carry retired codes), else the list's first. */
const valid = <T extends string>(schema: z.ZodEnum<Record<T, T>>, code: unknown): T => {
  const parsed = schema.safeParse(code);
  return parsed.success ? (parsed.data as T) : (schema.options[0] as T);
};

/**
 * A training scenario from a real referral's history: the same steps, in the same order, taken by
 * a made-up cast at made-up organisations for a made-up patient (an NHS number in the 999 range,
 * made-up name, date of birth and postcode), every free text replaced. Codes, priorities,
 * outcomes and the time between steps are kept: they are what a trainee learns from.
 */
export function scenarioFromHistory(events: readonly ReplayEvent[], options: { title?: string } = {}): ScenarioInput {
  const path = transitions(events);
  const created = path[0];
  if (!created || created.type !== 'CREATE') {
    throw new Error('The history does not show a referral being created: only referral histories become scenarios');
  }
  const start = firstPayload(events[0]?.attributes.input);
  const historyScale = Number(isObject(start) && isObject(start.policy) ? start.policy.timeScale : 1) || 1;
  const first = created.after;

  // Organisations: the referrer's practice, then each provider, by made-up training codes.
  const orgCodes = new Map<string, string>();
  const orgFor = (real: string, provider: boolean) => {
    if (!orgCodes.has(real)) {
      const n = [...orgCodes.values()].filter((c) => c.startsWith(provider ? 'TRNPR' : 'TRNGP')).length + 1;
      orgCodes.set(real, `${provider ? 'TRNPR' : 'TRNGP'}${n}`);
    }
    return orgCodes.get(real)!;
  };
  const practice = orgFor(first.referrer.orgCode, false);

  // Services: every one the referral was shortlisted for or sent to.
  const services = new Map<string, { key: string; service: Service; booked: boolean }>();
  const serviceKey = (service: Service | undefined) => {
    if (!service) return undefined;
    if (!services.has(service.serviceId)) {
      services.set(service.serviceId, { key: `service-${services.size + 1}`, service, booked: false });
    }
    return services.get(service.serviceId)!.key;
  };
  const known = (serviceId: string | undefined, after: Referral) =>
    [...after.shortlist, after.service].find((s) => s?.serviceId === serviceId);

  // Users: one per role and organisation that acts.
  const users = new Map<string, { key: string; role: RoleCode; org: string }>();
  const userFor = (actor: Actor | undefined, fallbackRole: RoleCode, fallbackOrg: string) => {
    const role = actor?.role ?? fallbackRole;
    const org = actor ? orgFor(actor.orgCode, isProviderRole(role)) : fallbackOrg;
    const id = `${role}@${org}`;
    if (!users.has(id))
      users.set(id, { key: `${ROLES[role].name.toLowerCase().replace(/[^a-z]+/g, '-')}-${users.size + 1}`, role, org });
    return users.get(id)!.key;
  };

  const steps: StepInput[] = [];
  let previousAt = created.at;
  for (const t of path) {
    const wait = t.type !== 'CREATE' ? span(previousAt, t.at, historyScale) : undefined;
    previousAt = t.at;
    const referral = 'the-case';
    const expect = t.after.state;
    if (!t.command) {
      if (t.type === 'CREATE') {
        steps.push({
          action: 'CREATE',
          as: userFor(t.actor, 'B1101', practice),
          referral,
          patient: 'patient',
          priority: first.priority,
          specialty: first.specialty,
          ...(first.clinicType ? { clinicType: first.clinicType } : {}),
          reason: 'Reason for referral from the real case, replaced with made-up text for training.',
          shortlist: first.shortlist.map((s) => serviceKey(s)!),
          expect,
        });
      } else if (wait) {
        // A timer or an outside event (reminder, contact target, expiry, booking confirmation): time passes.
        steps.push({
          action: 'WAIT',
          wait,
          referral,
          expect,
          note: `In the real case: ${t.type.toLowerCase().replaceAll('_', ' ')}.`,
        });
      }
      continue;
    }
    if (wait) steps.push({ action: 'WAIT', wait, referral });
    const c = t.command as Command & Record<string, unknown>;
    const as = userFor(t.actor, 'B1101', practice);
    const comment = typeof c.comment === 'string' && c.comment ? { comment: MADE_UP_COMMENT } : {};
    const service = () => serviceKey(known(c.serviceId as string | undefined, t.after) ?? t.after.service);
    const appointmentIn = () =>
      (t.after.appointment && span(t.at, t.after.appointment.start, historyScale)) ?? '1 days';
    const base = { as, referral, expect };
    switch (c.type) {
      case 'BOOK':
        services.get(c.serviceId)!.booked = true;
        steps.push({ action: 'BOOK', ...base, service: service(), appointmentIn: appointmentIn() });
        break;
      case 'REQUEST_IBS':
      case 'SEND_FOR_TRIAGE':
        steps.push({ action: c.type, ...base, service: service()! });
        break;
      case 'DEFER_TO_PROVIDER':
        steps.push({ action: c.type, ...base, service: service()!, reason: valid(deferReasonSchema, c.reason) });
        break;
      case 'RECORD_IBS_ARRANGED':
        steps.push({ action: c.type, ...base, appointmentIn: appointmentIn() });
        break;
      case 'ACCEPT':
        steps.push({ action: 'ACCEPT', ...base });
        break;
      case 'REJECT':
        steps.push({ action: c.type, ...base, reason: valid(rejectReasonSchema, c.reason), ...comment });
        break;
      case 'TRIAGE_OUTCOME': {
        const booked = c.outcome === 'REFER_BOOK_NOW' && c.slotId !== undefined;
        if (booked) services.get(c.serviceId as string)!.booked = true;
        steps.push({
          action: c.type,
          ...base,
          outcome: c.outcome,
          ...(c.outcome === 'REFER_BOOK_NOW' ? { service: service() } : {}),
          ...(c.redirectReason ? { redirectReason: valid(redirectReasonSchema, c.redirectReason) } : {}),
          ...(booked ? { appointmentIn: appointmentIn() } : {}),
          ...(c.outcome === 'RETURN_WITH_ADVICE' ? { advice: MADE_UP_ADVICE } : {}),
          ...(c.outcome === 'ACCEPT_BOOK_LATER' ? { comment: MADE_UP_COMMENT } : comment),
          ...(typeof c.priority === 'string' ? { priority: t.after.priority } : {}),
        } as StepInput);
        break;
      }
      case 'PROVIDER_CANCEL_APPOINTMENT':
        steps.push({
          action: c.type,
          ...base,
          reason: valid(providerAppointmentCancelReasonSchema, c.reason),
          ...comment,
        });
        break;
      case 'PATIENT_CANCEL_APPOINTMENT':
        steps.push({ action: c.type, ...base, reason: valid(patientAppointmentReasonSchema, c.reason), ...comment });
        break;
      case 'CHANGE_APPOINTMENT':
        steps.push({
          action: c.type,
          ...base,
          appointmentIn: appointmentIn(),
          reason: valid(patientAppointmentReasonSchema, c.reason),
          ...comment,
        });
        break;
      case 'RECORD_DNA':
        steps.push({
          action: c.type,
          ...base,
          reason: valid(dnaReasonSchema, c.reason),
          outcome: valid(dnaOutcomeSchema, c.outcome),
          ...(typeof c.contactAttempted === 'boolean' ? { contactAttempted: c.contactAttempted } : {}),
          ...comment,
        });
        break;
      case 'CANCEL_REFERRAL':
        steps.push({ action: c.type, ...base, reason: valid(referralCancelReasonSchema, c.reason), ...comment });
        break;
      case 'CHANGE_SHORTLIST':
        steps.push({ action: c.type, ...base, shortlist: c.shortlist.map((s) => serviceKey(s)!) });
        break;
      case 'CHANGE_PRIORITY':
        steps.push({ action: c.type, ...base, priority: c.priority });
        break;
      case 'ADD_LETTER':
        // Scenarios have no letters: the step is left out, and said so.
        steps.push({
          action: 'WAIT',
          wait: '1 minute',
          referral,
          expect,
          note: 'In the real case a referral letter was attached here.',
        });
        break;
    }
  }

  for (const { service } of services.values()) orgFor(service.providerOrgCode, true);
  // Made up, and never by chance the real patient's own (a test patient may be in the 999 range too).
  const real = first.patient;
  const unlike = (options: readonly string[], value: string) =>
    options.find((o) => o.toLowerCase() !== value.toLowerCase()) ?? options[0]!;
  let n = 1;
  while (madeUpNhsNumber(n) === real.nhsNumber) n++;
  const providerOrgs = [...orgCodes.entries()].filter(([, code]) => code.startsWith('TRNPR'));
  return {
    title:
      options.title ??
      `A real ${first.priority.toLowerCase().replaceAll('_', ' ')} ${first.specialty.toLowerCase()} referral, replayed`,
    description:
      'Generated from a real referral’s workflow history: the same steps and timings, with a made-up cast and patient.',
    cast: {
      organisations: [
        { code: practice, name: 'Training Practice (made up)', type: 'GP_PRACTICE', postcode: 'SE1 2AA' },
        ...providerOrgs.map(([, code], i) => ({
          code,
          name: `Training Hospital ${i + 1} (made up)`,
          type: 'PROVIDER' as const,
          postcode: `SE1 ${3 + i}AA`,
        })),
      ],
      users: [...users.values()].map((u, i) => ({
        key: u.key,
        username: `trn.case.${i + 1}`,
        name: `${GIVEN_NAMES[i % GIVEN_NAMES.length]} Trainee (${ROLES[u.role].name}, made up)`,
        roles: [{ org: u.org, role: u.role }],
      })),
    },
    patients: [
      {
        key: 'patient',
        nhsNumber: madeUpNhsNumber(n),
        givenName: unlike(GIVEN_NAMES, real.givenName),
        familyName: unlike(FAMILY_NAMES, real.familyName),
        dateOfBirth: unlike(['1960-01-01', '1961-02-02'], real.dateOfBirth),
        sex: real.sex,
        postcode: unlike(['SE1 5AA', 'SE1 6AA'], real.postcode),
        practice,
      },
    ],
    services: [...services.values()].map(({ key, service, booked }) => ({
      key,
      name: `${first.specialty.toLowerCase()} service ${key.split('-')[1]} (made up)`,
      provider: orgFor(service.providerOrgCode, true),
      specialty: first.specialty,
      requestTypes: [service.requestType],
      ...(booked ? { slots: { count: 20, firstIn: '1 day', every: '1 day' } } : {}),
    })),
    steps,
  };
}
