import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor';
import type { AdviceState } from '../../domain/advice/states';
import { CarepathError } from '../../domain/errors';
import { DAY_MS, type Policy, scaledMs } from '../../domain/policy';
import type { Referral, RequestType, Service } from '../../domain/referral';
import type { ReferralState } from '../../domain/states';
import type { Expectation, Scenario, ScenarioDuration, ScenarioStep } from '../../domain/training/scenario.schema';
import { calendarMs } from '../../domain/training/scenario.schema';
import { addWorkingDays, londonDateOf } from '../../domain/working-days';
import { type SeededCast, addSlot, firstFreeSlotAfter } from '../../db/training/training.repository';
import { adviceService } from '../advice/advice.service';
import type { ServiceDeps } from '../deps';
import { referralService } from '../referrals/referrals.service';

/** Where one referral (or advice conversation) of the scenario stands. */
export type ReferralSnapshot = {
  key: string;
  ubrn: string;
  state?: ReferralState;
  advice?: AdviceState;
  service?: string;
  breached?: boolean;
  remindersSent?: number;
  appointment?: string;
};

/** What one step did, for the command line and the trainer's page. */
export type StepReport = {
  index: number;
  line: number | undefined;
  action: ScenarioStep['action'];
  summary: string;
  note: string | undefined;
  snapshot: ReferralSnapshot | undefined;
  /** Set when the step failed: why, naming the step's line. */
  problem?: string;
};

/** A step that did not reach its expected state (or was refused): the message names file and line. */
export class ScenarioStepError extends Error {
  override name = 'ScenarioStepError';
  constructor(
    message: string,
    readonly report: StepReport,
  ) {
    super(message);
  }
}

export type PlayerOptions = {
  file: string;
  /** How long a step's expected state may take to show (timers, projections). */
  expectTimeoutMs?: number;
  /** `wait`: a "trainee acts" step waits for the trainee to take it in the app; `play`: the player takes it. */
  traineeSteps?: 'wait' | 'play';
  /** How long a "trainee acts" step waits before it fails. */
  traineeTimeoutMs?: number;
  /** Asked between polls: true stops a waiting step early (pause, reset). */
  cancelled?: () => boolean;
};

// A slot is never put closer than this to now: booking takes a moment, and a slot must lie in the future.
const SLOT_LEAD_MS = 2_000;
const POLL_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A duration of scenario time as real milliseconds under the policy's time scale. */
export function scenarioMs(policy: Policy, duration: ScenarioDuration, from = new Date()): number {
  const ms = calendarMs(duration);
  if (ms !== undefined) return scaledMs(policy, ms);
  const today = londonDateOf(from.toISOString());
  const days = (Date.parse(addWorkingDays(today, duration.amount)) - Date.parse(today)) / DAY_MS;
  return scaledMs(policy, days * DAY_MS);
}

function describeExpectation(e: Expectation): string {
  return Object.entries(e)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
}

function unmet(e: Expectation, s: ReferralSnapshot): string | undefined {
  if (e.state !== undefined && s.state !== e.state) return `state ${s.state ?? 'none'}`;
  if (e.advice !== undefined && s.advice !== e.advice) return `advice ${s.advice ?? 'none'}`;
  if (e.breached !== undefined && Boolean(s.breached) !== e.breached) return `breached ${Boolean(s.breached)}`;
  if (e.remindersSent !== undefined && (s.remindersSent ?? 0) < e.remindersSent) {
    return `${s.remindersSent ?? 0} reminders sent`;
  }
  return undefined;
}

/**
 * Plays a scenario's steps one at a time through the services layer (the same calls the web
 * makes), in a training space whose cast is already seeded. `deps.policy` carries the
 * scenario's time scale, so every referral it creates runs on compressed time.
 */
export function scenarioPlayer(deps: ServiceDeps, scenario: Scenario, cast: SeededCast, options: PlayerOptions) {
  const referrals = referralService(deps);
  const advice = adviceService(deps);
  const { policy } = deps;
  const ubrns = new Map<string, string>();
  const owners = new Map<string, Actor>();
  const snapshots = new Map<string, ReferralSnapshot>();
  const expectTimeoutMs = options.expectTimeoutMs ?? 10_000;
  let position = 0;

  function actorOf(step: ScenarioStep): Actor {
    const user = scenario.cast.users.find((u) => u.key === step.as)!;
    const seeded = cast.users.get(user.key)!;
    const role =
      user.roles.find((r) => (step.role ?? r.role) === r.role && (step.org ?? r.org) === r.org) ?? user.roles[0]!;
    return { userId: seeded.userId, displayName: seeded.displayName, role: role.role, orgCode: role.org };
  }

  function serviceOf(key: string): Service {
    const s = scenario.services.find((x) => x.key === key)!;
    const requestType = (['DBS', 'IBS', 'TRIAGE'] as const).find((t) => s.requestTypes.includes(t)) ?? 'DBS';
    return { serviceId: cast.services.get(key)!, name: s.name, providerOrgCode: s.provider, requestType };
  }

  function serviceKeyOf(serviceId: string | undefined): string | undefined {
    return [...cast.services].find(([, id]) => id === serviceId)?.[0];
  }

  async function observe(key: string, actor: Actor): Promise<ReferralSnapshot> {
    const ubrn = ubrns.get(key)!;
    const snap: ReferralSnapshot = { key, ubrn };
    try {
      const r = await referrals.load(actor, ubrn);
      Object.assign(snap, {
        state: r.state,
        service: r.service?.name,
        breached: r.breached,
        remindersSent: r.remindersSent,
        appointment: r.appointment?.start,
      });
    } catch (error) {
      if (!(error instanceof CarepathError && error.code === 'NOT_FOUND')) throw error;
    }
    if (scenario.steps.some((s) => s.referral === key && s.action === 'ASK_ADVICE')) {
      const page = await advice.page(actor, ubrn).catch(() => undefined);
      if (page) snap.advice = page.kind === 'live' ? page.conversation.state : page.state;
    }
    snapshots.set(key, snap);
    return snap;
  }

  /** A free slot of the service at least `ahead` of now (scenario time), published when there is none. */
  async function slotFor(serviceKey: string, ahead: ScenarioDuration | undefined): Promise<string> {
    const serviceId = cast.services.get(serviceKey)!;
    const at = new Date(Date.now() + Math.max(SLOT_LEAD_MS, ahead ? scenarioMs(policy, ahead) : 0));
    const existing = await firstFreeSlotAfter(deps.db, serviceId, at);
    if (existing) return existing;
    const minutes = scenario.services.find((s) => s.key === serviceKey)?.slots?.minutes ?? 20;
    return addSlot(deps.db, serviceId, at, minutes);
  }

  function dbsOnShortlist(r: Referral): string | undefined {
    return serviceKeyOf(r.shortlist.find((s) => (s.requestType as RequestType) === 'DBS')?.serviceId);
  }

  /** Takes a referral command with the version just read; a timer firing in between is retried. */
  async function act(actor: Actor, ubrn: string, build: (r: Referral) => Promise<Record<string, unknown>>) {
    for (let attempt = 1; ; attempt++) {
      const r = await referrals.load(actor, ubrn);
      const input = { ...(await build(r)), expectedVersion: r.version };
      try {
        return await referrals.act(actor, ubrn, input as never);
      } catch (error) {
        if (!(error instanceof CarepathError && error.code === 'STALE_VERSION') || attempt >= 5) throw error;
      }
    }
  }

  async function actOnAdvice(actor: Actor, ubrn: string, input: Record<string, unknown>) {
    for (let attempt = 1; ; attempt++) {
      const page = await advice.page(actor, ubrn);
      if (page.kind !== 'live') throw new CarepathError('INVALID_REQUEST_STATE', 'The conversation has ended');
      try {
        return await advice.act(actor, ubrn, { ...input, expectedVersion: page.conversation.version }, []);
      } catch (error) {
        if (!(error instanceof CarepathError && error.code === 'STALE_VERSION') || attempt >= 5) throw error;
      }
    }
  }

  async function take(step: ScenarioStep, actor: Actor): Promise<void> {
    const key = step.referral!;
    const ubrn = ubrns.get(key)!;
    const reasons = {
      reason: 'reason' in step ? step.reason : undefined,
      comment: 'comment' in step ? step.comment : undefined,
    };
    switch (step.action) {
      case 'WAIT':
        return;
      case 'CREATE': {
        const patient = scenario.patients.find((p) => p.key === step.patient)!;
        const started = await referrals.startDraft(actor, {
          details: {
            priority: step.priority,
            patient: { nhsNumber: patient.nhsNumber },
            specialty: step.specialty,
            clinicType: step.clinicType,
            reason: step.reason,
            clinicalInformation: step.clinicalInformation ?? '',
          },
          letter: { status: 'TO_FOLLOW' },
          patientSource: 'directory',
        });
        if (!started.ok) throw started.refused;
        await referrals.saveDraftShortlist(actor, started.draftId, step.shortlist.map(serviceOf));
        const { ubrn: created } = await referrals.submitDraft(actor, started.draftId, { kind: 'later' });
        ubrns.set(key, created);
        owners.set(key, actor);
        return;
      }
      case 'ASK_ADVICE': {
        const p = scenario.patients.find((x) => x.key === step.patient)!;
        const asked = await advice.ask(actor, {
          serviceId: cast.services.get(step.service)!,
          patient: {
            nhsNumber: p.nhsNumber,
            givenName: p.givenName,
            familyName: p.familyName,
            dateOfBirth: p.dateOfBirth,
            sex: p.sex,
            postcode: p.postcode,
            registeredPracticeCode: p.practice,
          },
          question: step.question,
          conversionAllowed: step.conversionAllowed ? 'yes' : 'no',
          files: [],
          attachmentIds: [],
          requestKey: randomUUID(),
        });
        if (!asked.ok) throw asked.refused;
        ubrns.set(key, asked.ubrn);
        owners.set(key, actor);
        return;
      }
      case 'BOOK':
        await act(actor, ubrn, async (r) => {
          const service = step.service ?? dbsOnShortlist(r);
          if (!service)
            throw new CarepathError('VALIDATION', 'Name the service to book: none on the shortlist is bookable');
          return { type: 'BOOK', slotId: await slotFor(service, step.appointmentIn) };
        });
        return;
      case 'REQUEST_IBS':
      case 'SEND_FOR_TRIAGE':
        await act(actor, ubrn, async () => ({ type: step.action, serviceId: cast.services.get(step.service) }));
        return;
      case 'DEFER_TO_PROVIDER':
        await act(actor, ubrn, async () => ({
          type: step.action,
          serviceId: cast.services.get(step.service),
          reason: step.reason,
        }));
        return;
      case 'RECORD_IBS_ARRANGED':
        await act(actor, ubrn, async () => ({
          type: step.action,
          start: new Date(Date.now() + Math.max(SLOT_LEAD_MS, scenarioMs(policy, step.appointmentIn))).toISOString(),
        }));
        return;
      case 'ACCEPT':
        await act(actor, ubrn, async () => ({ type: 'ACCEPT' }));
        return;
      case 'REJECT':
      case 'PROVIDER_CANCEL_APPOINTMENT':
      case 'PATIENT_CANCEL_APPOINTMENT':
      case 'CANCEL_REFERRAL':
        await act(actor, ubrn, async () => ({ type: step.action, ...reasons }));
        return;
      case 'CHANGE_APPOINTMENT':
        await act(actor, ubrn, async (r) => ({
          type: step.action,
          ...reasons,
          slotId: await slotFor(serviceKeyOf(r.service?.serviceId) ?? '', step.appointmentIn),
        }));
        return;
      case 'TRIAGE_OUTCOME':
        await act(actor, ubrn, async (r) => {
          const service = step.service ?? serviceKeyOf(r.service?.serviceId);
          return {
            type: step.action,
            outcome: step.outcome,
            ...(step.outcome === 'REFER_BOOK_NOW' && service ? { serviceId: cast.services.get(service) } : {}),
            ...(step.redirectReason ? { reason: step.redirectReason } : {}),
            ...(step.comment ? { comment: step.comment } : {}),
            ...(step.advice ? { advice: step.advice } : {}),
            ...(step.priority ? { priority: step.priority } : {}),
            ...(step.appointmentIn && service ? { slotId: await slotFor(service, step.appointmentIn) } : {}),
          };
        });
        return;
      case 'RECORD_DNA': {
        // A missed appointment can be recorded only once it has passed (scenario time runs on).
        const r = await referrals.load(actor, ubrn);
        const start = r.appointment ? Date.parse(r.appointment.start) : 0;
        await sleep(Math.max(0, start - Date.now() + 50));
        await act(actor, ubrn, async () => ({
          type: step.action,
          ...reasons,
          outcome: step.outcome,
          ...(step.contactAttempted === undefined ? {} : { contactAttempted: step.contactAttempted }),
        }));
        return;
      }
      case 'CHANGE_SHORTLIST': {
        const r = await referrals.load(actor, ubrn);
        await referrals.changeShortlist(actor, ubrn, {
          shortlist: step.shortlist.map(serviceOf),
          expectedVersion: r.version,
        });
        return;
      }
      case 'CHANGE_PRIORITY':
        await act(actor, ubrn, async () => ({ type: step.action, priority: step.priority }));
        return;
      case 'RESPOND':
        await actOnAdvice(actor, ubrn, { type: 'RESPOND', text: step.text, outcome: step.outcome });
        return;
      case 'REQUEST_INFO':
      case 'REPLY':
        await actOnAdvice(actor, ubrn, { type: step.action, text: step.text });
        return;
      case 'CONVERT_BY_PROVIDER':
        await actOnAdvice(actor, ubrn, { type: step.action, priority: step.priority });
        return;
      case 'CONVERT_BY_REFERRER':
        await actOnAdvice(actor, ubrn, { type: step.action });
        return;
      case 'CLOSE_ADVICE':
      case 'CANCEL_ADVICE':
        await actOnAdvice(actor, ubrn, {
          type: step.action === 'CLOSE_ADVICE' ? 'CLOSE' : 'CANCEL',
          ...(step.comment ? { note: step.comment } : {}),
        });
        return;
    }
  }

  /** Polls the referral until the expectation holds; the last thing seen when it never does. */
  async function awaitExpectation(key: string, actor: Actor, expect: Expectation | undefined, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const snap = await observe(key, actor);
      const miss = expect && unmet(expect, snap);
      if (!miss) return { snap, miss: undefined };
      if (Date.now() >= deadline || options.cancelled?.()) return { snap, miss };
      await sleep(POLL_MS);
    }
  }

  function summaryOf(step: ScenarioStep): string {
    const who = step.as ? `${scenario.cast.users.find((u) => u.key === step.as)?.name} (${step.as})` : '';
    if (step.action === 'WAIT') return `${step.wait.amount} ${step.wait.unit}${step.wait.amount === 1 ? '' : 's'} pass`;
    return `${who}: ${step.action}${step.referral ? ` on ${step.referral}` : ''}${step.traineeActs ? ' (trainee acts)' : ''}`;
  }

  function fail(step: ScenarioStep, report: StepReport, message: string): never {
    const problem = `${options.file}:${step.line ?? '?'}: step ${report.index + 1} (${step.action}): ${message}`;
    throw new ScenarioStepError(problem, { ...report, problem });
  }

  async function playStep(index: number): Promise<StepReport> {
    const step = scenario.steps[index]!;
    const report: StepReport = {
      index,
      line: step.line,
      action: step.action,
      summary: summaryOf(step),
      note: step.note,
      snapshot: undefined,
    };
    const traineeWaits = step.traineeActs === true && options.traineeSteps === 'wait';
    try {
      if (step.action === 'WAIT') await sleep(scenarioMs(policy, step.wait));
      else if (!traineeWaits) await take(step, actorOf(step));
    } catch (error) {
      if (error instanceof CarepathError) {
        const fields = Object.entries(error.fields)
          .filter(([, m]) => m !== error.message)
          .map(([f, m]) => `${f}: ${m}`);
        fail(step, report, `refused (${error.code}): ${[error.message, ...fields].join('; ')}`);
      }
      throw error;
    }
    const key = step.referral;
    if (key === undefined || !ubrns.has(key)) {
      if (traineeWaits) fail(step, report, 'a trainee step that creates a referral cannot be waited for');
      return report;
    }
    // Read as whoever opened it: the referring side keeps its relationship whatever the provider does.
    const observer = owners.get(key)!;
    const timeout = traineeWaits ? (options.traineeTimeoutMs ?? 30 * 60_000) : expectTimeoutMs;
    const { snap, miss } = await awaitExpectation(key, observer, step.expect, timeout);
    report.snapshot = snap;
    if (miss) fail(step, report, `expected ${describeExpectation(step.expect!)}, but ${key} has ${miss}`);
    return report;
  }

  return {
    scenario,
    get position() {
      return position;
    },
    get done() {
      return position >= scenario.steps.length;
    },
    /** The referrals so far, as last seen. */
    snapshots: () => [...snapshots.values()],
    /** Reads every referral of the scenario again. */
    refresh: async () => {
      for (const [key, actor] of owners) await observe(key, actor);
      return [...snapshots.values()];
    },
    /** Plays the next step; undefined when none is left. Throws ScenarioStepError naming the line. */
    next: async (): Promise<StepReport | undefined> => {
      if (position >= scenario.steps.length) return undefined;
      const report = await playStep(position);
      position++;
      return report;
    },
  };
}

export type ScenarioPlayer = ReturnType<typeof scenarioPlayer>;
