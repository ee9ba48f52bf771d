import type { Child } from 'hono/jsx';
import { displayUbrn, formatNhsNumber } from '../../../domain/ids';
import { PRIORITY_LABELS } from '../../../domain/priorities';
import { SEX_LABELS } from '../../../domain/referral';
import type { OpenReferrals } from '../../../services/patients/patients.service';
import type { ReferralDraft } from '../../../services/referrals/referrals.service';
import { SummaryList, WarningCallout } from '../../components/display';
import { Button, ErrorSummary, type FieldErrors } from '../../components/forms';
import { formatDate } from '../../components/format';
import { StateTag } from '../referral-summary';

/** "This patient already has an open referral to this specialty": a warning, never a refusal. */
export function OpenReferralsWarning({ open, specialty }: { open: OpenReferrals; specialty: string }) {
  const count = open.visible.length + open.others;
  if (count === 0) return null;
  return (
    <WarningCallout heading="This patient may already be referred">
      <p>
        This patient has {count === 1 ? 'an open referral' : `${count} open referrals`} to {specialty}. Check that this
        referral is not a duplicate before you create it.
      </p>
      {open.visible.length > 0 && (
        <ul>
          {open.visible.map((r) => (
            <li>
              <a href={`/referrals/${r.ubrn}`}>{displayUbrn(r.ubrn)}</a>, created {formatDate(r.createdAt)}{' '}
              <StateTag state={r.state} />
            </li>
          ))}
        </ul>
      )}
      {open.others > 0 && (
        <p>
          {open.others === 1 ? 'One was' : `${open.others} were`} made by another organisation: ask the patient or their
          GP practice.
        </p>
      )}
    </WarningCallout>
  );
}

/**
 * "Check your answers" before the referral is created (NHS.UK pattern): every answer with a
 * link to change it, then one button that creates the referral and does what was chosen.
 */
export function CheckAnswersPage(props: {
  draft: ReferralDraft;
  choice: string;
  /** What will happen, in words: "Book Thursday 3 December 2026 at 09:30 at Cardiology Outpatients". */
  choiceText: Child;
  specialtyLabel: string;
  open: OpenReferrals;
  csrf: Child;
  errors: FieldErrors;
}) {
  const { draft, choice } = props;
  const d = draft.details;
  const p = d.patient;
  const base = `/referrals/drafts/${draft.id}`;
  const details = { href: `${base}/details?choice=${encodeURIComponent(choice)}`, text: 'Change' };
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <OpenReferralsWarning open={props.open} specialty={props.specialtyLabel} />
      <h2 class="nhsuk-heading-m">Patient</h2>
      <SummaryList
        rows={[
          { key: 'NHS number', value: formatNhsNumber(p.nhsNumber), action: details },
          { key: 'Name', value: `${p.givenName} ${p.familyName}`, action: details },
          { key: 'Date of birth', value: formatDate(p.dateOfBirth), action: details },
          { key: 'Sex', value: SEX_LABELS[p.sex], action: details },
          { key: 'Address', value: [p.address, p.postcode].filter(Boolean).join(', '), action: details },
          {
            key: 'Details checked',
            value: p.verified
              ? 'Confirmed from the demographics service'
              : 'No: typed by hand (the referral is marked unverified)',
            action: details,
          },
          ...(p.phone ? [{ key: 'Phone number', value: p.phone, action: details }] : []),
          ...(p.email ? [{ key: 'Email address', value: p.email, action: details }] : []),
          { key: 'Registered GP practice', value: p.registeredPracticeCode, action: details },
        ]}
      />
      <h2 class="nhsuk-heading-m">Referral</h2>
      <SummaryList
        rows={[
          { key: 'Priority', value: PRIORITY_LABELS[d.priority], action: details },
          { key: 'Specialty and clinic type', value: props.specialtyLabel, action: details },
          { key: 'Reason for referral', value: d.reason, action: details },
          ...(d.clinicalInformation
            ? [{ key: 'Clinical information', value: d.clinicalInformation, action: details }]
            : []),
          {
            key: 'Referral letter',
            value: d.letter.status === 'ATTACHED' ? 'Attached' : 'To follow',
            action: details,
          },
        ]}
      />
      <h2 class="nhsuk-heading-m" id="shortlist">
        Services
      </h2>
      <SummaryList
        rows={[
          {
            key: 'Shortlist',
            value:
              draft.shortlist.length === 0 ? (
                'None'
              ) : (
                <ul class="nhsuk-list">
                  {draft.shortlist.map((s) => (
                    <li>{s.name}</li>
                  ))}
                </ul>
              ),
            action: { href: `${base}/services`, text: 'Change' },
          },
          { key: 'What happens next', value: props.choiceText, action: { href: `${base}/book`, text: 'Change' } },
        ]}
      />
      <form method="post" action={`${base}/submit`} novalidate id="choice">
        {props.csrf}
        <input type="hidden" name="choice" value={choice} />
        <Button>Create referral</Button>
      </form>
    </>
  );
}
