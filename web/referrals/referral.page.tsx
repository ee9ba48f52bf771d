import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { ACTION_LABELS, type CommandType } from '../../domain/actions';
import { displayUbrn } from '../../domain/ids';
import type { ReferralState } from '../../domain/states';
import { WORKLISTS, type WorklistKey } from '../../domain/worklists';
import type { ReferralPageData } from '../../services/referrals/referrals.service';
import { csrfField } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink, WarningCallout } from '../components/display';
import { ErrorSummary } from '../components/forms';
import { staffNavigation, staffSide } from '../components/staff-navigation';
import type { OpenForm } from './action-form-props';
import { ActionForms } from './action-forms';
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

const DONE_TEXT: Partial<Record<CommandType, string>> = {
  ACCEPT: 'Referral accepted',
  BOOK: 'Appointment booked',
  SEND_FOR_TRIAGE: 'Referral sent for triage',
  TRIAGE_OUTCOME: 'Triage outcome recorded',
  CANCEL_REFERRAL: 'Referral cancelled',
  CHANGE_SHORTLIST: 'Shortlist changed: book from it below',
};

function Notice({ notice, state }: { notice: PageNotice; state: ReferralState }): Child {
  if (notice.kind === 'done') {
    return (
      <div class="nhsuk-inset-text" role="status">
        <p>
          <strong>{DONE_TEXT[notice.type] ?? `Done: ${ACTION_LABELS[notice.type]}`}</strong>
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
      navigation={staffNavigation(side)}
      beforeContent={<BackLink href={back}>{from ? `Back to ${WORKLISTS[from].title}` : 'Back to worklists'}</BackLink>}
    >
      {props.open && <ErrorSummary errors={props.open.errors} />}
      {props.notice && <Notice notice={props.notice} state={referral.state} />}
      <span class="nhsuk-caption-l">Booking reference {displayUbrn(referral.ubrn)}</span>
      <h1 class="nhsuk-heading-l">
        {p.familyName.toUpperCase()}, {p.givenName} <StateTag state={referral.state} />
      </h1>
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-two-thirds">
          <ReferralSummary referral={referral} actor={c.get('actor')} specialtyLabel={data.specialtyLabel} />
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
            open={props.open}
            from={from}
          />
        </div>
      </div>
      <Timeline events={data.timeline} />
    </StaffLayout>
  );
}
