import type { Child } from 'hono/jsx';
import { DEFAULT_RESPONSE_WORKING_DAYS } from '../../domain/advice/conversation';
import { MAX_RESPONSE_TARGET_DAYS } from '../../domain/advice/response-target';
import { Table } from '../components/display';
import { Button, ErrorSummary, type FieldErrors, TextInput } from '../components/forms';

export type ResponseTargetRow = { id: string; name: string; workingDays: number; isDefault: boolean };

const days = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

/** The provider's advice services with how quickly each should answer, and a link to change it. */
export function ResponseTargetsList(props: { services: ResponseTargetRow[]; changed?: ResponseTargetRow }) {
  return (
    <>
      <h1 class="nhsuk-heading-l">Advice response targets</h1>
      {props.changed && (
        <div class="nhsuk-inset-text" data-testid="response-target-changed">
          <span class="nhsuk-u-visually-hidden">Information: </span>
          <p>
            {props.changed.name} now has a response target of {days(props.changed.workingDays)}. Requests asked from now
            on are due by it.
          </p>
        </div>
      )}
      <p>
        How many working days each advice service has to answer a request for advice and guidance (or a reply), from the
        day it arrives. A service that sets none has {days(DEFAULT_RESPONSE_WORKING_DAYS)}. Its clinicians see the due
        date, and a tag once it has passed, on their Advice and Guidance Requests.
      </p>
      {props.services.length === 0 ? (
        <p>Your organisation has no advice services.</p>
      ) : (
        <Table
          caption="Your advice services"
          headings={['Service', 'Response target', '']}
          rows={props.services.map((s) => [
            s.name,
            <span data-testid={`response-target-${s.id}`}>
              {days(s.workingDays)}
              {s.isDefault ? ' (default)' : ''}
            </span>,
            <a href={`/advice/response-targets/${s.id}`}>
              Change<span class="nhsuk-u-visually-hidden"> the response target of {s.name}</span>
            </a>,
          ])}
        />
      )}
    </>
  );
}

/** One service's target: what is typed is shown again, with the error that names the field. */
export function ResponseTargetForm(props: {
  csrf: Child;
  service: ResponseTargetRow;
  value: string;
  errors: FieldErrors;
}) {
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={`/advice/response-targets/${props.service.id}`} novalidate>
        {props.csrf}
        <span class="nhsuk-caption-l">{props.service.name}</span>
        <h1 class="nhsuk-heading-l">Change the response target</h1>
        <TextInput
          name="workingDays"
          label="Response target in working days"
          hint={`A whole number from 1 to ${MAX_RESPONSE_TARGET_DAYS}. Weekends and bank holidays in England do not count.`}
          value={props.value}
          error={props.errors.workingDays}
          inputmode="numeric"
          width={10}
        />
        <Button>Save response target</Button>
      </form>
    </>
  );
}
