import { ACTION_LABELS, type CommandType } from '../../domain/actions';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { isPermitted } from '../../domain/permissions';
import type { RoleCode } from '../../domain/roles';
import { Details } from '../components/fields';
import { FormFields, deferrableServices, offered } from './action-fields';
import type { ActionFormsProps } from './action-form-props';

/** Form keys: one per form on the page. Triage has three forms, one per outcome. */
export const TRIAGE_FORMS = {
  'TRIAGE_OUTCOME-advice': 'RETURN_WITH_ADVICE',
  'TRIAGE_OUTCOME-later': 'ACCEPT_BOOK_LATER',
  'TRIAGE_OUTCOME-now': 'REFER_BOOK_NOW',
} as const;

/**
 * Every action the guard allows this actor now that has something to choose, each as its own
 * form (booking as a page of its own steps). When nothing can be booked, the page says what
 * to do instead, with links: never a form that opens on "nothing to choose from".
 */
export function ActionForms(props: ActionFormsProps & { role: RoleCode }) {
  const { referral, actions } = props;
  const keys = actions
    .filter((a) => a !== 'ACCEPT')
    .flatMap((type) => (type === 'TRIAGE_OUTCOME' ? Object.keys(TRIAGE_FORMS) : [type]))
    .filter((key) => offered(key, props));
  const cannotBook = actions.includes('BOOK') && !offered('BOOK', props);
  if (keys.length === 0 && !actions.includes('ACCEPT') && !cannotBook) {
    return <p>There is nothing you can do to this referral now.</p>;
  }
  return (
    <div>
      {cannotBook && <NothingToBook {...props} keys={keys} />}
      {actions.includes('ACCEPT') && <AcceptForm {...props} />}
      {keys.map((key) =>
        key === 'CHANGE_SHORTLIST' ? (
          <ChangeShortlistLink {...props} />
        ) : key === 'BOOK' ? (
          <BookLink {...props} />
        ) : (
          <ActionForm {...props} formKey={key} referral={referral} />
        ),
      )}
    </div>
  );
}

/** Booking is by service, then date, then time: pages of their own (`/referrals/:ubrn/book`). */
function BookLink({ referral, from }: ActionFormsProps) {
  return (
    <p>
      <a
        class="nhsuk-button"
        href={`/referrals/${referral.ubrn}/book${from ? `?from=${from}` : ''}`}
        role="button"
        draggable="false"
      >
        {ACTION_LABELS.BOOK}
      </a>
    </p>
  );
}

/** Nothing can be booked: what to do instead, each a link to where it is done. */
function NothingToBook(props: ActionFormsProps & { role: RoleCode; keys: string[] }) {
  const { referral, keys, isProvider } = props;
  if (isProvider) {
    const service = referral.service?.name ?? 'this service';
    return (
      <div class="nhsuk-inset-text" id="nothing-to-book">
        <span class="nhsuk-u-visually-hidden">Information: </span>
        <h3 class="nhsuk-heading-s">No appointments to book</h3>
        <p>
          {service} has no free appointment slots now, reserved or released. The referral stays on Appointment Slot
          Issues until it is booked.
        </p>
        <p>
          Ask your service definer to add clinics or free more slots
          {isPermitted(DIRECTORY_PERMISSIONS, 'viewCapacity', props.role) && (
            <>
              , or see <a href="/directory/capacity">your services' capacity</a>
            </>
          )}
          . When a slot is free, Book appointment appears here.
        </p>
      </div>
    );
  }
  const ways = [
    keys.includes('CHANGE_SHORTLIST') && (
      <li>
        <a href={`/referrals/${referral.ubrn}/shortlist`}>change the shortlist</a> to services that have appointments
      </li>
    ),
    keys.includes('DEFER_TO_PROVIDER') && (
      <li>
        <a href="#form-DEFER_TO_PROVIDER">defer it to the provider</a> of{' '}
        {deferrableServices(props)
          .map((s) => s.name)
          .join(' or ')}
        , who will contact the patient
      </li>
    ),
    keys.includes('REQUEST_IBS') && (
      <li>
        <a href="#form-REQUEST_IBS">request an appointment from the provider</a>
      </li>
    ),
    keys.includes('SEND_FOR_TRIAGE') && (
      <li>
        <a href="#form-SEND_FOR_TRIAGE">send it for triage</a>
      </li>
    ),
  ].filter(Boolean);
  return (
    <div class="nhsuk-inset-text" id="nothing-to-book">
      <span class="nhsuk-u-visually-hidden">Information: </span>
      <h3 class="nhsuk-heading-s">No appointments can be booked</h3>
      <p>None of the shortlisted services has a free appointment for this referral now.</p>
      {ways.length > 0 ? (
        <>
          <p>You can:</p>
          <ul>{ways}</ul>
        </>
      ) : (
        <p>Ask a referring clinician to change the shortlist.</p>
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

// Actions that end or turn away the referral: a secondary button, never the green of Accept.
const SECONDARY: readonly CommandType[] = ['REJECT', 'CANCEL_REFERRAL'];

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
  const formError = errors[f('form')];
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
        {formError && (
          <p class="nhsuk-error-message" id={f('form')}>
            <span class="nhsuk-u-visually-hidden">Error:</span> {formError}
          </p>
        )}
        <FormFields {...props} type={type} formKey={formKey} field={field} />
        <button class={`nhsuk-button${SECONDARY.includes(type) ? ' nhsuk-button--secondary' : ''}`} type="submit">
          {type === 'REJECT' ? 'Continue to reject' : (TITLES[formKey] ?? ACTION_LABELS[type])}
        </button>
      </form>
    </Details>
  );
}
