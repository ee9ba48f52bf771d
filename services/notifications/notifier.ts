import type { PendingAdviceNotification } from '../../db/advice/notifications.repository';
import type { PendingNotification } from '../../db/referrals/notifications.repository';
import { adviceNotificationText } from '../../domain/advice/notifications';
import { displayUbrn } from '../../domain/ids';
import { STATE_LABELS } from '../../domain/states';

/** One queued notification: a referral's, or an advice conversation's (to staff only). */
export type OutboxNotification = PendingNotification | PendingAdviceNotification;

/** Delivers one queued notification; returns the delivery service's reference. Throws to retry later. */
export interface Notifier {
  send(notification: OutboxNotification): Promise<string>;
}

/** Keeps what it was asked to send, for tests and training (nothing leaves the machine). */
export class RecordingNotifier implements Notifier {
  readonly sent: OutboxNotification[] = [];

  async send(notification: OutboxNotification): Promise<string> {
    this.sent.push(notification);
    return `recorded-${notification.id}`;
  }
}

const PATIENT_MESSAGES: Record<string, string> = {
  CREATE: 'You have been referred. Use your booking reference to book your appointment.',
  REMINDER_SENT: 'Your referral is not booked yet. Use your booking reference to book your appointment.',
  CANCEL_REFERRAL: 'Your referral has been cancelled.',
  EXPIRE: 'Your booking reference has expired. Contact your GP practice if you still need an appointment.',
  PROVIDER_CANCEL_APPOINTMENT: 'Your appointment has been cancelled by the hospital. They will contact you to rebook.',
};

/**
 * The words of a notification. Clinical details never go in a message: the recipient signs in
 * (staff) or uses the booking reference (patients) to see more.
 */
export function notificationText(notification: OutboxNotification): string {
  if ('subject' in notification) return adviceNotificationText(notification.template, displayUbrn(notification.ubrn));
  const { recipient, template, referral } = notification;
  const reference = displayUbrn(referral.ubrn);
  if (recipient === 'PATIENT') {
    const appointment = referral.appointment
      ? `Your appointment is on ${new Date(referral.appointment.start).toUTCString()}.`
      : undefined;
    return `${PATIENT_MESSAGES[template] ?? appointment ?? 'Your referral has been updated.'} Booking reference: ${reference}.`;
  }
  return `Referral ${reference} is now ${STATE_LABELS[referral.state]}. Sign in to Carepath to see it.`;
}
