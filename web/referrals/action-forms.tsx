import { ACTION_LABELS, type CommandType } from '../../domain/actions';
import { Details } from '../components/fields';
import { FormFields } from './action-fields';
import type { ActionFormsProps } from './action-form-props';

/** Form keys: one per form on the page. Triage has three forms, one per outcome. */
export const TRIAGE_FORMS = {
  'TRIAGE_OUTCOME-advice': 'RETURN_WITH_ADVICE',
  'TRIAGE_OUTCOME-later': 'ACCEPT_BOOK_LATER',
  'TRIAGE_OUTCOME-now': 'REFER_BOOK_NOW',
} as const;

/** Every action the guard allows this actor now, each as its own form. Nothing else is drawn. */
export function ActionForms(props: ActionFormsProps) {
  const { referral, actions } = props;
  if (actions.length === 0) {
    return <p>There is nothing you can do to this referral now.</p>;
  }
  return (
    <div>
      {actions.includes('ACCEPT') && <AcceptForm {...props} />}
      {actions
        .filter((a) => a !== 'ACCEPT')
        .flatMap((type) => (type === 'TRIAGE_OUTCOME' ? Object.keys(TRIAGE_FORMS) : [type]))
        .map((key) =>
          key === 'CHANGE_SHORTLIST' ? (
            <ChangeShortlistLink {...props} />
          ) : (
            <ActionForm {...props} formKey={key} referral={referral} />
          ),
        )}
    </div>
  );
}

/** Changing the shortlist needs the Directory of Services search: it is a page of its own. */
function ChangeShortlistLink({ referral }: ActionFormsProps) {
  return (
    <p>
      <a class="nhsuk-button nhsuk-button--secondary" href={`/referrals/${referral.ubrn}/shortlist`} role="button">
        {ACTION_LABELS.CHANGE_SHORTLIST}
      </a>
    </p>
  );
}

// requestId: one per drawn form, sent as the Temporal update id, so a double click acts once.
function Hidden({ referral, from }: ActionFormsProps) {
  return (
    <>
      <input type="hidden" name="expectedVersion" value={String(referral.version)} />
      <input type="hidden" name="requestId" value={crypto.randomUUID()} />
      {from && <input type="hidden" name="from" value={from} />}
    </>
  );
}

function AcceptForm(props: ActionFormsProps) {
  const { referral, csrf, isProvider } = props;
  return (
    <form method="post" action={`/referrals/${referral.ubrn}/actions/ACCEPT`} novalidate>
      {csrf}
      <Hidden {...props} />
      <div class="nhsuk-button-group">
        <button class="nhsuk-button" type="submit">
          {ACTION_LABELS.ACCEPT}
        </button>
        {isProvider && (
          <button class="nhsuk-button nhsuk-button--secondary" type="submit" name="next" value="review">
            Accept, review next
          </button>
        )}
      </div>
    </form>
  );
}

const TITLES: Record<string, string> = {
  'TRIAGE_OUTCOME-advice': 'Return to referrer with advice',
  'TRIAGE_OUTCOME-later': 'Accept, book later',
  'TRIAGE_OUTCOME-now': 'Refer or book now',
};

function ActionForm(props: ActionFormsProps & { formKey: string }) {
  const { referral, formKey, open, csrf } = props;
  const type = formKey.split('-')[0] as CommandType;
  const isOpen = open?.key === formKey;
  const errors = isOpen ? open.errors : {};
  const values = isOpen ? open.values : {};
  const f = (name: string) => `${formKey}-${name}`;
  const field = { f, errors, values };
  const multipart = type === 'ADD_LETTER';
  const outcome = (TRIAGE_FORMS as Record<string, string>)[formKey];
  return (
    <Details summary={TITLES[formKey] ?? ACTION_LABELS[type]} open={isOpen} id={`form-${formKey}`}>
      <form
        method="post"
        action={`/referrals/${referral.ubrn}/actions/${type}`}
        enctype={multipart ? 'multipart/form-data' : undefined}
        novalidate
      >
        {csrf}
        <Hidden {...props} />
        <input type="hidden" name="form" value={formKey} />
        {outcome && <input type="hidden" name="outcome" value={outcome} />}
        <FormFields {...props} type={type} formKey={formKey} field={field} />
        <button class="nhsuk-button" type="submit">
          {TITLES[formKey] ?? ACTION_LABELS[type]}
        </button>
      </form>
    </Details>
  );
}
