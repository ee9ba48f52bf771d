import type { Command } from './actions';
import type { Actor } from './actor';
import { PRIORITY_LABELS } from './priorities';
import { REFERRAL_CANCEL_REASONS, REFERRAL_CANCEL_REASON_SIDES } from './reasons';
import { isClinicalRole, isProviderRole } from './roles';
import type { Referral, Service } from './referral';

/** A refusal found in the command's fields, checked against the referral. */
export interface FieldProblem {
  code: 'VALIDATION' | 'INVALID_REQUEST_STATE';
  field?: string;
  message: string;
}

const invalid = (field: string, message: string): FieldProblem => ({ code: 'VALIDATION', field, message });

/**
 * The service a command names: the caller-supplied DOS entry, else the shortlist, else the
 * referral's current service. Referrers may only choose from the shortlist.
 */
export function resolveService(
  referral: Referral,
  serviceId: string | undefined,
  supplied?: Service,
): Service | undefined {
  if (serviceId === undefined) return referral.service;
  if (supplied?.serviceId === serviceId) return supplied;
  return (
    referral.shortlist.find((s) => s.serviceId === serviceId) ??
    (referral.service?.serviceId === serviceId ? referral.service : undefined)
  );
}

const WRONG_TYPE: Record<Service['requestType'], string> = {
  DBS: 'is directly bookable: book a slot instead',
  IBS: 'is indirectly bookable: request the appointment from the provider instead',
  TRIAGE: 'is a triage service: send the referral for triage instead',
};

function shortlisted(referral: Referral, serviceId: string, want: Service['requestType']): FieldProblem | undefined {
  const service = referral.shortlist.find((s) => s.serviceId === serviceId);
  if (!service) return invalid('serviceId', 'Choose a service from the shortlist');
  if (service.requestType !== want) return invalid('serviceId', `${service.name} ${WRONG_TYPE[service.requestType]}`);
  return undefined;
}

function ownService(
  actor: Actor,
  service: Service | undefined,
  want: Service['requestType'],
): FieldProblem | undefined {
  if (!service || service.providerOrgCode !== actor.orgCode) {
    return invalid('serviceId', "Choose one of your organisation's services");
  }
  if (service.requestType !== want) return invalid('serviceId', `${service.name} ${WRONG_TYPE[service.requestType]}`);
  return undefined;
}

/** Rules on a parsed command's fields that depend on the referral (shape rules live in the schema). */
export function fieldProblem(command: Command, referral: Referral, actor: Actor): FieldProblem | undefined {
  switch (command.type) {
    case 'BOOK':
      return isProviderRole(actor.role)
        ? ownService(actor, resolveService(referral, command.serviceId, command.service), 'DBS')
        : shortlisted(referral, command.serviceId, 'DBS');
    case 'REQUEST_IBS':
      return shortlisted(referral, command.serviceId, 'IBS');
    case 'SEND_FOR_TRIAGE':
      return shortlisted(referral, command.serviceId, 'TRIAGE');
    case 'DEFER_TO_PROVIDER':
      // e-RS also defers when the slot advertised was taken or the booking timed out, slots or not.
      if (command.reason === 'NO_SLOTS' && command.slotsAvailable) {
        return {
          code: 'INVALID_REQUEST_STATE',
          message: 'This service has slots available: book one instead of deferring',
        };
      }
      return shortlisted(referral, command.serviceId, 'DBS');
    case 'RECORD_IBS_ARRANGED':
      return ownService(actor, resolveService(referral, command.serviceId, command.service), 'IBS');
    case 'TRIAGE_OUTCOME':
      return command.outcome === 'REFER_BOOK_NOW' ? referBookNowProblem(command, referral) : undefined;
    case 'PROVIDER_CANCEL_APPOINTMENT':
      // e-RS A022: the clinician's comment is the admin team's task, so it is never optional.
      return isClinicalRole(actor.role) && command.comment === undefined
        ? invalid('comment', 'Enter a comment telling your admin team what to do next')
        : undefined;
    case 'CANCEL_REFERRAL': {
      const side = isProviderRole(actor.role) ? 'provider' : 'referrer';
      return REFERRAL_CANCEL_REASON_SIDES[command.reason].includes(side)
        ? undefined
        : invalid('reason', `"${REFERRAL_CANCEL_REASONS[command.reason].label}" is not a reason a ${side} can give`);
    }
    case 'CHANGE_APPOINTMENT':
      return command.slotId === referral.appointment?.slotId ? invalid('slotId', 'Choose a different slot') : undefined;
    case 'CHANGE_PRIORITY':
      return command.priority === referral.priority
        ? invalid('priority', `The referral is already ${PRIORITY_LABELS[command.priority]}`)
        : undefined;
    case 'CHANGE_SHORTLIST':
      return sameServices(command.shortlist, referral.shortlist)
        ? invalid('shortlist', 'The shortlist is unchanged: add or remove a service')
        : undefined;
    default:
      return undefined;
  }
}

const sameServices = (a: readonly Service[], b: readonly Service[]) =>
  a.length === b.length && a.every((s) => b.some((t) => t.serviceId === s.serviceId));

type ReferBookNow = Extract<Command, { type: 'TRIAGE_OUTCOME'; outcome: 'REFER_BOOK_NOW' }>;

function referBookNowProblem(command: ReferBookNow, referral: Referral): FieldProblem | undefined {
  const target = resolveService(referral, command.serviceId, command.service);
  if (!target) return invalid('serviceId', 'Choose the service to refer the patient to');
  const redirect = target.serviceId !== referral.service?.serviceId;
  if (redirect && command.redirectReason === undefined) {
    return invalid('redirectReason', 'Choose a reason for sending the referral to a different service');
  }
  if (!redirect && target.requestType === 'TRIAGE') {
    return invalid('serviceId', 'Choose a service that offers appointments');
  }
  if (command.slotId !== undefined && target.requestType !== 'DBS') {
    return invalid('slotId', `${target.name} has no slots to book`);
  }
  // Referring back to the deferred service itself only helps if a slot is booked now.
  if (!redirect && command.slotId === undefined && target.requestType === 'DBS') {
    return invalid('slotId', 'Choose a slot to book');
  }
  return undefined;
}
