import { Hono } from 'hono';
import { displayUbrn } from '../../domain/ids';
import type { AppDeps } from '../deps';
import { rolesOfSide } from '../auth/homes';
import { requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { Table } from '../components/display';
import { formatDateTime } from '../components/format';
import { StateTag } from '../referrals/referral-summary';

// What a notice says, by the timeline event that queued it (the outbox's `template`).
const NOTICE_TEXT: Record<string, string> = {
  REJECT: 'Referral rejected by the provider',
  TRIAGE_OUTCOME: 'Triage response: returned with advice',
  RECORD_DNA: 'Patient did not attend',
  PROVIDER_CANCEL_APPOINTMENT: 'Appointment cancelled by the provider',
  CANCEL_REFERRAL: 'Referral cancelled',
  EXPIRE: 'Booking reference expired',
  DEFER_TO_PROVIDER: 'New appointment slot issue',
  SEND_FOR_TRIAGE: 'New referral for triage',
  REQUEST_IBS: 'New referral: appointment to arrange',
  PATIENT_CANCEL_APPOINTMENT: 'Appointment cancelled by the patient',
  CONTACT_TARGET_BREACHED: 'Contact target passed',
  REMINDER_SENT: 'Reminder sent to the patient',
};

/** Both sides' Notifications tab: what the outbox queued for this organisation, newest first. */
export function notificationRoutes(deps: Pick<AppDeps, 'services'>) {
  return new Hono().get(
    '/notifications',
    requireRole(...rolesOfSide('referrer'), ...rolesOfSide('provider')),
    async (c) => {
      const notices = await deps.services.worklists.notices(c.get('actor'));
      return c.html(
        <StaffLayout c={c} title="Notifications">
          <h1 class="nhsuk-heading-l">Notifications</h1>
          {notices.length === 0 ? (
            <p>There are no notifications for your organisation.</p>
          ) : (
            <Table
              caption="Newest first"
              headings={['When', 'What happened', 'Patient', 'Booking reference', 'Status now']}
              rows={notices.map((n) => [
                formatDateTime(n.createdAt),
                NOTICE_TEXT[n.template] ?? n.template,
                `${n.familyName.toUpperCase()}, ${n.givenName}`,
                <a href={`/referrals/${n.ubrn}`}>{displayUbrn(n.ubrn)}</a>,
                <StateTag state={n.state} />,
              ])}
            />
          )}
        </StaffLayout>,
      );
    },
  );
}
