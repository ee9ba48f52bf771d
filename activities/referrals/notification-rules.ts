import type { Referral } from '../../domain/referral';
import type { TimelineEvent } from '../../domain/timeline';
import type { OutboxEntry } from '../../db/referrals/notifications.repository';
import type { NotificationRecipient } from '../../db/referrals/referrals.table';

// Who hears about what. Patients get letters about their booking reference and appointments
// and reminders; the referrer hears when the referral comes back to it; the provider when
// one lands on its worklists or passes its contact target.
const PATIENT = new Set(['CREATE', 'REMINDER_SENT', 'CANCEL_REFERRAL', 'EXPIRE', 'PROVIDER_CANCEL_APPOINTMENT']);
const REFERRER = new Set(['REJECT', 'PROVIDER_CANCEL_APPOINTMENT', 'RECORD_DNA', 'CANCEL_REFERRAL', 'EXPIRE']);
const PROVIDER = new Set([
  'DEFER_TO_PROVIDER',
  'SEND_FOR_TRIAGE',
  'REQUEST_IBS',
  'PATIENT_CANCEL_APPOINTMENT',
  'CONTACT_TARGET_BREACHED',
]);
const APPOINTMENT_MADE = new Set(['BOOK', 'CHANGE_APPOINTMENT', 'RECORD_IBS_ARRANGED', 'TRIAGE_OUTCOME']);

function recipients(referral: Referral, event: TimelineEvent): NotificationRecipient[] {
  const to: NotificationRecipient[] = [];
  const appointmentMade = APPOINTMENT_MADE.has(event.type) && referral.appointment !== undefined;
  if (PATIENT.has(event.type) || appointmentMade) to.push('PATIENT');
  const returnedWithAdvice = event.type === 'TRIAGE_OUTCOME' && event.toState === 'TRIAGE_RESPONSE';
  if (REFERRER.has(event.type) || returnedWithAdvice) to.push('REFERRER');
  if (PROVIDER.has(event.type)) to.push('PROVIDER');
  return to;
}

/** The outbox rows a transition queues, written in the same transaction as the projection. */
export function outboxEntriesFor(referral: Referral, event: TimelineEvent): OutboxEntry[] {
  return recipients(referral, event).map((recipient) => ({
    ubrn: referral.ubrn,
    version: event.version,
    recipient,
    recipientOrgCode:
      recipient === 'PATIENT'
        ? null
        : recipient === 'REFERRER'
          ? referral.referrer.orgCode
          : (referral.service?.providerOrgCode ?? null),
    template: event.type,
  }));
}
