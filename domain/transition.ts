import type { Command, SystemEvent } from './actions';
import type { Actor } from './actor';
import type { TransitionContext } from './create-referral';
import { resolveService } from './guard-fields';
import { PRIORITY_LABELS, contactTargetWorkingDays } from './priorities';
import { reasonLabel } from './reasons';
import type { Appointment, ReasonRecord, Referral, Service } from './referral';
import type { ReferralState } from './states';
import { type TimelineEvent, timelineActor } from './timeline';
import { addWorkingDays, londonDateOf } from './working-days';

export { createReferral, createReferralInputSchema } from './create-referral';
export type { CreateReferralInput, CreateReferralInputRaw, TransitionContext } from './create-referral';
export type { TimelineEvent } from './timeline';

/** What one command or event changes, before the bookkeeping every transition shares. */
interface Step {
  changes: Partial<Referral>;
  summary: string;
  reason?: ReasonRecord;
  outcome?: string;
}

const SYSTEM_EVENTS = new Set<string>(['BOOKING_CONFIRMED', 'REMINDER_SENT', 'CONTACT_TARGET_BREACHED', 'EXPIRE']);

function isSystemEvent(input: Command | SystemEvent): input is SystemEvent {
  return SYSTEM_EVENTS.has(input.type);
}

const reasonOf = (code: string, comment: string | undefined): ReasonRecord =>
  comment === undefined ? { code } : { code, comment };

const slotAppointment = (c: { slotId: string; start: string; end: string }): Appointment => ({
  slotId: c.slotId,
  start: c.start,
  end: c.end,
  arrangedBy: 'SYSTEM',
  confirmed: false,
});

// check() has already proved the service resolves; a miss here is a caller bug, not user input.
function target(referral: Referral, serviceId: string | undefined, supplied?: Service): Service {
  const service = resolveService(referral, serviceId, supplied);
  if (!service) throw new Error(`Service ${serviceId ?? '(current)'} not found: run check() before apply()`);
  return service;
}

function commandStep(r: Referral, c: Command, now: string, actor: Actor | undefined): Step {
  switch (c.type) {
    case 'BOOK': {
      const service = target(r, c.serviceId, c.service);
      return {
        changes: { state: 'BOOKED', service, appointment: slotAppointment(c) },
        summary: `Appointment booked at ${service.name}`,
      };
    }
    case 'REQUEST_IBS': {
      const service = target(r, c.serviceId, c.service);
      return {
        changes: { state: 'BOOKED', service, appointment: undefined },
        summary: `Sent to ${service.name} to arrange an appointment`,
      };
    }
    case 'DEFER_TO_PROVIDER': {
      const service = target(r, c.serviceId, c.service);
      const reason = reasonOf(c.reason, undefined);
      return {
        changes: { state: 'DEFERRED_TO_PROVIDER', service, appointment: undefined, lastReason: reason },
        summary: `Deferred to ${service.name}: ${reasonLabel(c.reason)}`,
        reason,
      };
    }
    case 'SEND_FOR_TRIAGE': {
      const service = target(r, c.serviceId, c.service);
      return {
        changes: { state: 'AWAITING_TRIAGE', service, appointment: undefined },
        summary: `Sent for triage to ${service.name}`,
      };
    }
    case 'RECORD_IBS_ARRANGED': {
      const service = target(r, c.serviceId, c.service);
      const appointment: Appointment = {
        start: c.start,
        arrangedBy: 'PROVIDER',
        confirmed: true,
        ...(c.end ? { end: c.end } : {}),
      };
      return { changes: { state: 'BOOKED', service, appointment }, summary: `Appointment arranged by ${service.name}` };
    }
    case 'ACCEPT':
      return { changes: { acceptedAt: now }, summary: `Accepted by ${r.service?.name ?? 'the provider'}` };
    case 'REJECT':
      return cancelling('REJECTED', reasonOf(c.reason, c.comment), `Rejected: ${reasonLabel(c.reason)}`);
    case 'TRIAGE_OUTCOME':
      return triageStep(r, c);
    case 'PROVIDER_CANCEL_APPOINTMENT':
      return cancelling(
        'APPT_CANCELLED_BY_PROVIDER',
        reasonOf(c.reason, c.comment),
        `Appointment cancelled by provider: ${reasonLabel(c.reason)}`,
      );
    case 'PATIENT_CANCEL_APPOINTMENT':
      return cancelling(
        'APPT_CANCELLED_BY_PATIENT',
        reasonOf(c.reason, c.comment),
        `Appointment cancelled for patient: ${reasonLabel(c.reason)}`,
      );
    case 'CHANGE_APPOINTMENT': {
      const reason = reasonOf(c.reason, c.comment);
      return {
        changes: { appointment: slotAppointment(c), lastReason: reason },
        summary: `Appointment changed: ${reasonLabel(c.reason)}`,
        reason,
      };
    }
    case 'RECORD_DNA': {
      const contact =
        c.contactAttempted === undefined ? '' : c.contactAttempted ? ', contact attempted' : ', not contacted';
      const step = cancelling(
        'DID_NOT_ATTEND',
        reasonOf(c.outcome, c.comment),
        `Did not attend (${reasonLabel(c.reason)}${contact}): ${reasonLabel(c.outcome)}`,
      );
      const nonAttendance = {
        reason: c.reason,
        ...(c.contactAttempted === undefined ? {} : { contactAttempted: c.contactAttempted }),
      };
      return { ...step, changes: { ...step.changes, nonAttendance }, outcome: c.outcome };
    }
    case 'CANCEL_REFERRAL': {
      const step = cancelling(
        'CANCELLED_REFERRAL',
        reasonOf(c.reason, c.comment),
        `Referral cancelled: ${reasonLabel(c.reason)}`,
      );
      return actor ? { ...step, changes: { ...step.changes, cancelledByOrgCode: actor.orgCode } } : step;
    }
    case 'ADD_LETTER':
      return {
        changes: { letter: { status: 'ATTACHED', attachedAt: now, documentId: c.documentId } },
        summary: 'Referral letter attached',
      };
    case 'CHANGE_PRIORITY':
      return {
        changes: { priority: c.priority },
        summary: `Priority changed from ${PRIORITY_LABELS[r.priority]} to ${PRIORITY_LABELS[c.priority]}`,
      };
    case 'CHANGE_SHORTLIST': {
      // The referrer has acted on the return: the referral now awaits booking from the new shortlist.
      const count = c.shortlist.length;
      return {
        changes: { state: 'NOT_BOOKED', shortlist: c.shortlist },
        summary: `Shortlist changed: ${count} ${count === 1 ? 'service' : 'services'} (${c.shortlist.map((s) => s.name).join(', ')})`,
      };
    }
  }
}

// Leaving an appointment behind: the workflow releases its slot after applying this.
function cancelling(state: ReferralState, reason: ReasonRecord, summary: string): Step {
  return { changes: { state, appointment: undefined, lastReason: reason }, summary, reason };
}

function triageStep(r: Referral, c: Extract<Command, { type: 'TRIAGE_OUTCOME' }>): Step {
  switch (c.outcome) {
    case 'ACCEPT_BOOK_LATER': {
      // Before decision 0015 the comment was optional and the priority could not change here.
      const reprioritised = c.priority !== undefined && c.priority !== r.priority;
      return {
        changes: { state: 'TRIAGED_PROVIDER_TO_ACTION', ...(reprioritised ? { priority: c.priority } : {}) },
        summary: reprioritised
          ? `Triaged: accepted, provider to book (priority now ${PRIORITY_LABELS[c.priority!]})`
          : 'Triaged: accepted, provider to book',
        outcome: c.outcome,
        ...(c.comment ? { reason: { code: c.outcome, comment: c.comment } } : {}),
      };
    }
    case 'RETURN_WITH_ADVICE':
      return {
        changes: { state: 'TRIAGE_RESPONSE', advice: c.advice },
        summary: 'Triaged: returned to referrer with advice',
        outcome: c.outcome,
      };
    case 'REFER_BOOK_NOW': {
      const service = target(r, c.serviceId, c.service);
      const redirect = service.serviceId !== r.service?.serviceId;
      const reason = redirect && c.redirectReason ? reasonOf(c.redirectReason, c.comment) : undefined;
      const changes: Partial<Referral> = { service, appointment: undefined, ...(reason ? { lastReason: reason } : {}) };
      let what: string;
      if (c.slotId !== undefined && c.start !== undefined && c.end !== undefined) {
        Object.assign(changes, {
          state: 'BOOKED',
          appointment: slotAppointment({ slotId: c.slotId, start: c.start, end: c.end }),
        });
        what = `booked at ${service.name}`;
      } else if (service.requestType === 'IBS') {
        Object.assign(changes, { state: 'BOOKED' });
        what = `sent to ${service.name} to arrange an appointment`;
      } else if (service.requestType === 'TRIAGE') {
        Object.assign(changes, { state: 'AWAITING_TRIAGE' });
        what = `sent for triage to ${service.name}`;
      } else {
        // Onward referral without a slot: the referrer books it, and the chosen service is now the only choice.
        Object.assign(changes, { state: 'NOT_BOOKED', shortlist: [service] });
        what = `referred on to ${service.name} for booking`;
      }
      const why = reason ? ` (redirected: ${reasonLabel(reason.code)})` : '';
      return { changes, summary: `Triaged: ${what}${why}`, outcome: c.outcome, ...(reason ? { reason } : {}) };
    }
  }
}

function eventStep(r: Referral, e: SystemEvent): Step {
  switch (e.type) {
    case 'BOOKING_CONFIRMED':
      return {
        changes: r.appointment ? { appointment: { ...r.appointment, confirmed: true } } : {},
        summary: 'Booking confirmed by the provider',
      };
    case 'REMINDER_SENT':
      return {
        changes: { remindersSent: r.remindersSent + 1 },
        summary: `Reminder ${r.remindersSent + 1} sent to the patient`,
      };
    case 'CONTACT_TARGET_BREACHED':
      return {
        changes: { breached: true },
        summary: r.contactBy ? `Contact target ${r.contactBy} passed` : 'Contact target passed',
      };
    case 'EXPIRE':
      return {
        changes: { state: 'EXPIRED', appointment: undefined },
        summary: 'Booking reference expired before an appointment was booked',
      };
  }
}

const CONTACT_KIND: Partial<Record<ReferralState, 'deferred' | 'triage'>> = {
  DEFERRED_TO_PROVIDER: 'deferred',
  AWAITING_TRIAGE: 'triage',
};

// JSON drops undefined anyway; dropping it here keeps equality checks and stored copies alike.
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Applies a command or system event that check()/checkEvent() already allowed: pure, so the
 * workflow can replay it. Bumps the version, stamps updatedAt, and keeps the derived fields
 * (contactBy, breached, acceptedAt) consistent with the new state and service.
 */
export function apply(
  referral: Referral,
  input: Command | SystemEvent,
  ctx: TransitionContext,
): { referral: Referral; event: TimelineEvent } {
  const step = isSystemEvent(input) ? eventStep(referral, input) : commandStep(referral, input, ctx.now, ctx.actor);
  const next: Referral = { ...referral, ...step.changes, version: referral.version + 1, updatedAt: ctx.now };

  const kind = CONTACT_KIND[next.state];
  const serviceChanged = next.service?.serviceId !== referral.service?.serviceId;
  if (!kind) {
    next.contactBy = undefined;
    next.breached = false;
  } else if (next.state !== referral.state || serviceChanged) {
    // The contact target runs from the deferral or triage request, in working days, counted
    // from the day it was in England (not the UTC date, a day behind after midnight in summer).
    next.contactBy = addWorkingDays(londonDateOf(ctx.now), contactTargetWorkingDays(next.priority, kind));
    next.breached = false;
  }
  if (serviceChanged) next.acceptedAt = undefined;

  const event: TimelineEvent = {
    version: next.version,
    type: input.type,
    at: ctx.now,
    ...(ctx.actor ? { actor: timelineActor(ctx.actor) } : {}),
    fromState: referral.state,
    toState: next.state,
    ...(step.reason ? { reason: step.reason } : {}),
    ...(step.outcome ? { outcome: step.outcome } : {}),
    summary: step.summary,
  };
  return { referral: withoutUndefined(next), event };
}
