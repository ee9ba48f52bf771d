import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { CommandType } from '../../domain/actions';
import { FIND_PERMISSIONS } from '../../domain/find/permissions';
import { displayUbrn } from '../../domain/ids';
import { isPermitted } from '../../domain/permissions';
import type { Referral } from '../../domain/referral';
import { WORKLISTS, type WorklistKey } from '../../domain/worklists';
import type { ReferralPageData } from '../../services/referrals/referrals.service';
import { csrfField } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink, Tag, WarningCallout } from '../components/display';
import { ErrorSummary } from '../components/forms';
import { formatDateTime } from '../components/format';
import { staffSide } from '../components/staff-navigation';
import type { OpenForm } from './action-form-props';
import { ActionForms } from './action-forms';
import { ReprintLetterForm } from './patient-letter';
import { ReferralSummary, StateTag, Timeline } from './referral-summary';

export type PageNotice =
  | { kind: 'done'; type: CommandType }
  /** Someone else acted first: the page shows the referral as it is now. */
  | { kind: 'changed'; message: string }
  | { kind: 'refused'; message: string };

export type ReferralPageProps = {
  c: Context;
  data: ReferralPageData;
  from: WorklistKey | undefined;
  notice?: PageNotice | undefined;
  open?: OpenForm | undefined;
};

/** What the banner says after each action: one wording, "<what> <done>", for every action. */
export const DONE_TEXT: Readonly<Record<CommandType, string>> = {
  BOOK: 'Appointment booked',
  REQUEST_IBS: 'Appointment requested from the provider',
  DEFER_TO_PROVIDER: 'Referral deferred to the provider',
  SEND_FOR_TRIAGE: 'Referral sent for triage',
  RECORD_IBS_ARRANGED: 'Arranged appointment recorded',
  ACCEPT: 'Referral accepted',
  REJECT: 'Referral rejected',
  TRIAGE_OUTCOME: 'Triage outcome recorded',
  PROVIDER_CANCEL_APPOINTMENT: 'Appointment cancelled',
  PATIENT_CANCEL_APPOINTMENT: 'Appointment cancelled for the patient',
  CHANGE_APPOINTMENT: 'Appointment changed',
  RECORD_DNA: 'Did not attend recorded',
  CANCEL_REFERRAL: 'Referral cancelled',
  ADD_LETTER: 'Referral letter attached',
  CHANGE_PRIORITY: 'Priority changed',
  CHANGE_SHORTLIST: 'Shortlist changed',
};

function Notice({ notice, referral }: { notice: PageNotice; referral: Referral }): Child {
  const { state } = referral;
  if (notice.kind === 'done') {
    const appointment = referral.appointment;
    // A booking gets the NHS.UK confirmation panel: the one thing the user came to do is done.
    if ((notice.type === 'BOOK' || notice.type === 'CHANGE_APPOINTMENT') && appointment) {
      return (
        <div class="nhsuk-panel" role="status">
          <h2 class="nhsuk-panel__heading">{DONE_TEXT[notice.type]}</h2>
          <div class="nhsuk-panel__body">
            {formatDateTime(appointment.start)}
            {referral.service ? (
              <>
                <br />
                {referral.service.name}
              </>
            ) : null}
          </div>
        </div>
      );
    }
    return (
      <div class="nhsuk-inset-text" role="status">
        <p>
          <strong>{DONE_TEXT[notice.type]}</strong>
        </p>
      </div>
    );
  }
  if (notice.kind === 'changed') {
    return (
      <WarningCallout heading="This referral has changed">
        <p>{notice.message}</p>
        <p>
          It is now <StateTag state={state} />. Nothing you entered was saved. Check the details below before you act.
        </p>
      </WarningCallout>
    );
  }
  return (
    <div class="nhsuk-error-summary" role="alert" aria-labelledby="refused-title" tabindex={-1}>
      <h2 class="nhsuk-error-summary__title" id="refused-title">
        That could not be done
      </h2>
      <div class="nhsuk-error-summary__body">
        <p>{notice.message}</p>
      </div>
    </div>
  );
}

/** The referral page: summary, the actions the guard allows this actor now, and the timeline. */
export function ReferralPage(props: ReferralPageProps) {
  const { c, data, from } = props;
  const { referral } = data;
  const side = staffSide(c);
  const p = referral.patient;
  const back = from ? `/worklists/${from}` : side === 'provider' ? '/worklists/review' : '/worklists/awaiting-booking';
  return (
    <StaffLayout
      c={c}
      title={`Referral ${displayUbrn(referral.ubrn)}`}
      beforeContent={<BackLink href={back}>{from ? `Back to ${WORKLISTS[from].title}` : 'Back to worklists'}</BackLink>}
    >
      {props.open && <ErrorSummary errors={props.open.errors} />}
      {props.notice && <Notice notice={props.notice} referral={referral} />}
      <span class="nhsuk-caption-l">Booking reference {displayUbrn(referral.ubrn)}</span>
      <h1 class="nhsuk-heading-l">
        {p.familyName.toUpperCase()}, {p.givenName} <StateTag state={referral.state} />
      </h1>
      {p.verified === false && (
        <p data-testid="unverified">
          <Tag colour="orange">Unverified patient details</Tag> Typed by hand: the demographics service did not find
          this NHS number when the referral was made.
        </p>
      )}
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-two-thirds">
          <ReferralSummary referral={referral} actor={c.get('actor')} specialtyLabel={data.specialtyLabel} />
          {isPermitted(FIND_PERMISSIONS, 'reprintPatientLetter', c.get('actor').role) && (
            <ReprintLetterForm c={c} ubrn={referral.ubrn} />
          )}
        </div>
        <div class="nhsuk-grid-column-one-third">
          <h2 class="nhsuk-heading-m">What you can do</h2>
          <ActionForms
            referral={referral}
            actions={data.actions}
            csrf={csrfField(c)}
            slots={data.slots}
            targets={data.targets}
            isProvider={side === 'provider'}
            role={c.get('actor').role}
            open={props.open}
            from={from}
          />
        </div>
      </div>
      <Timeline events={data.timeline} />
    </StaffLayout>
  );
}
