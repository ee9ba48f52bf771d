import type { Context } from 'hono';
import { ADVICE_STATE_TAG_COLOURS } from '../../domain/advice/states';
import { displayUbrn, formatNhsNumber } from '../../domain/ids';
import type { ReplaySubject } from '../../domain/replay/fold';
import { MASK } from '../../domain/replay/masking';
import { STATE_TAG_COLOURS } from '../../domain/states';
import type { ReplayStepView } from '../../services/replay/replay.service';
import { csrfField } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { InsetText, SummaryList, Table, Tag } from '../components/display';
import { Button, ErrorSummary, TextInput } from '../components/forms';
import { formatDateTime } from '../components/format';

const HISTORY_HINT =
  'Carepath’s export, or the JSON the Temporal UI downloads (Download, then Encoded, Decoded or Readable)';

/** The start page: upload a history, or fetch a referral's from Temporal, or download one. */
export function ReplayStartPage(props: {
  c: Context;
  mayFetch: boolean;
  errors?: Record<string, string>;
  ubrn?: string;
}) {
  const { c, errors = {} } = props;
  const title = 'Replay a workflow history';
  return (
    <StaffLayout c={c} title={Object.keys(errors).length ? `Error: ${title}` : title}>
      <ErrorSummary errors={errors} />
      <h1 class="nhsuk-heading-l">{title}</h1>
      <p>
        Walk through a referral’s or advice conversation’s history one event at a time: the state after each event, what
        each role could do then, and the timers running. To check that today’s code still replays it, run{' '}
        <code>npm run replay -- history.json</code>.
      </p>
      <form method="post" action="/replay/upload" enctype="multipart/form-data" novalidate>
        {csrfField(c)}
        <div class={`nhsuk-form-group${errors.history ? ' nhsuk-form-group--error' : ''}`}>
          <label class="nhsuk-label nhsuk-label--s" for="history">
            History file
          </label>
          <div class="nhsuk-hint" id="history-hint">
            {HISTORY_HINT}
          </div>
          {errors.history && (
            <span class="nhsuk-error-message" id="history-error">
              <span class="nhsuk-u-visually-hidden">Error:</span> {errors.history}
            </span>
          )}
          <input
            class={`nhsuk-file-upload${errors.history ? ' nhsuk-file-upload--error' : ''}`}
            id="history"
            name="history"
            type="file"
            accept=".json,application/json"
            aria-describedby={errors.history ? 'history-hint history-error' : 'history-hint'}
          />
        </div>
        <Button>Open history</Button>
      </form>
      {props.mayFetch && (
        <>
          <h2 class="nhsuk-heading-m">A referral in this Carepath</h2>
          <form method="post" action="/replay/fetch" novalidate>
            {csrfField(c)}
            <TextInput
              name="ubrn"
              label="Booking reference (UBRN)"
              hint="12 digits. Open its history here, or download it as a file"
              width={10}
              inputmode="numeric"
              value={props.ubrn}
              error={errors.ubrn}
            />
            <div class="nhsuk-button-group">
              <Button secondary>Open history</Button>
              <button class="nhsuk-button nhsuk-button--secondary" type="submit" formaction="/replay/export">
                Download history
              </button>
            </div>
          </form>
        </>
      )}
    </StaffLayout>
  );
}

function StateTag({ subject, label }: { subject: ReplaySubject; label: string }) {
  const colour =
    subject.kind === 'referral'
      ? STATE_TAG_COLOURS[subject.referral.state]
      : ADVICE_STATE_TAG_COLOURS[subject.conversation.state];
  return <Tag colour={colour}>{label}</Tag>;
}

const orMask = (value: string | undefined, show: (v: string) => string) =>
  value === undefined ? 'None' : value === MASK ? MASK : show(value);

function SubjectSummary({ view }: { view: ReplayStepView }) {
  const subject = view.step.subject;
  if (!subject) return <p>The workflow has not yet recorded a referral: the first transition creates it.</p>;
  const state = <StateTag subject={subject} label={view.stateLabel ?? ''} />;
  if (subject.kind === 'advice') {
    const a = subject.conversation;
    return (
      <SummaryList
        rows={[
          { key: 'State', value: state },
          { key: 'Booking reference', value: orMask(a.ubrn, displayUbrn) },
          { key: 'Version', value: String(a.version) },
          {
            key: 'Patient',
            value: `${a.patient.givenName} ${a.patient.familyName}, NHS ${orMask(a.patient.nhsNumber, formatNhsNumber)}`,
          },
          { key: 'Service', value: a.service.name },
          { key: 'Messages', value: String(a.messages.length) },
        ]}
      />
    );
  }
  const r = subject.referral;
  return (
    <SummaryList
      rows={[
        { key: 'State', value: state },
        { key: 'Booking reference', value: orMask(r.ubrn, displayUbrn) },
        { key: 'Version', value: String(r.version) },
        { key: 'Priority', value: r.priority },
        {
          key: 'Patient',
          value: `${r.patient.givenName} ${r.patient.familyName}, NHS ${orMask(r.patient.nhsNumber, formatNhsNumber)}, born ${r.patient.dateOfBirth}`,
        },
        { key: 'Service', value: r.service?.name ?? 'None yet' },
        { key: 'Appointment', value: orMask(r.appointment?.start, formatDateTime) },
        { key: 'Contact by', value: r.contactBy ?? 'None' },
        { key: 'Contact target passed', value: r.breached ? 'Yes' : 'No' },
        { key: 'Reminders sent', value: String(r.remindersSent) },
        { key: 'Booking reference expires', value: orMask(r.expiresAt, formatDateTime) },
      ]}
    />
  );
}

/** One step: the event, the state after it, actions by role, timers, and the decoded payload. */
export function ReplayStepPanel({ view }: { view: ReplayStepView }) {
  const { step, index, total } = view;
  const number = index + 1;
  const query = view.masked ? '?masked=1' : '';
  const link = (n: number) => `/replay/${view.id}/events/${n}${query}`;
  const nav = (n: number, text: string, rel: string) => (
    <a
      class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-right-3"
      href={link(n)}
      hx-get={link(n)}
      hx-target="#replay-step"
      hx-swap="outerHTML"
      hx-push-url="true"
      rel={rel}
    >
      {text}
    </a>
  );
  return (
    <div id="replay-step">
      <h2 class="nhsuk-heading-m" aria-live="polite">
        Event {number} of {total}: {step.description}
      </h2>
      <p>
        {view.masked ? 'Personal data is masked.' : 'Personal data is shown: every step you view is audited.'}{' '}
        {view.mayUnmask && (
          <a href={`/replay/${view.id}/events/${number}${view.masked ? '' : '?masked=1'}`}>
            {view.masked ? 'Show personal data' : 'Mask personal data'}
          </a>
        )}
      </p>
      <p class="nhsuk-body-s">
        <code>{step.event.type}</code> at {formatDateTime(step.event.time)}
      </p>
      <div>
        {number > 1 && nav(number - 1, 'Previous event', 'prev')}
        {number < total && nav(number + 1, 'Next event', 'next')}
      </div>
      {step.pendingAction && (
        <InsetText>
          <p>
            Accepted at event {step.pendingAction.acceptedAtEvent}, not yet applied: {step.pendingAction.label}.
          </p>
        </InsetText>
      )}
      {step.closed && (
        <InsetText>
          <p>The workflow ended here: {step.closed}.</p>
        </InsetText>
      )}
      <h3 class="nhsuk-heading-s">After this event</h3>
      <SubjectSummary view={view} />
      <h3 class="nhsuk-heading-s">Timers running</h3>
      {step.timers.length === 0 ? (
        <p>No timers.</p>
      ) : (
        <Table
          caption="Timers the workflow is waiting on"
          headings={['Timer', 'Fires at']}
          rows={step.timers.map((t) => [t.label, formatDateTime(t.firesAt)])}
        />
      )}
      {view.actions.length > 0 && (
        <Table
          caption="What each role could do now"
          headings={['Role', 'Actions offered']}
          rows={view.actions.map((r) => [r.roleName, r.actions.length ? r.actions.join(', ') : 'Nothing'])}
        />
      )}
      <details class="nhsuk-details">
        <summary class="nhsuk-details__summary">
          <span class="nhsuk-details__summary-text">
            Event details, payloads decoded{view.masked ? ' (personal data masked)' : ''}
          </span>
        </summary>
        <div class="nhsuk-details__text">
          <pre data-testid="payload" style="white-space: pre-wrap; overflow-wrap: anywhere">
            {JSON.stringify(view.payload, null, 2)}
          </pre>
        </div>
      </details>
    </div>
  );
}

export function ReplayStepPage({ c, view }: { c: Context; view: ReplayStepView }) {
  const number = view.index + 1;
  return (
    <StaffLayout c={c} title={`Replay: event ${number} of ${view.total}`}>
      <p>
        <a href="/replay">Open another history</a>
      </p>
      <h1 class="nhsuk-heading-l">Replay of {view.workflowType} history</h1>
      <p>
        From <strong>{view.fileName}</strong> ({view.format} payloads), {view.total} events.
      </p>
      <ReplayStepPanel view={view} />
    </StaffLayout>
  );
}
