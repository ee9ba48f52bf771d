import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { MAX_MONTHS } from '../../domain/reports/date-range';
import type { ExtractChoice } from '../../services/reports/reports.service';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink } from '../components/display';
import { ErrorSummary, type FieldErrors } from '../components/forms';

/** A refused download: which extract, what is wrong with which field, and what was typed. */
export type ExtractRefusal = { kind: string; errors: FieldErrors; typed: Record<string, string> };

/**
 * Every extract the role may download. A ranged extract has two small forms, one day or whole
 * months, so neither needs script to show its fields. A day (and an extract of things as they
 * stand) is a plain GET streamed to the browser, which shows the file growing; months are
 * prepared in the background, on a page that shows the rows counted so far and then the file.
 */
export function ExtractsPage({
  c,
  csrf,
  choices,
  refusal,
}: {
  c: Context;
  /** The CSRF field for the forms that prepare an extract in the background. */
  csrf: Child;
  choices: ExtractChoice[];
  refusal?: ExtractRefusal;
}) {
  // Field ids carry the extract's kind: each form has its own `day`, and the summary links to the right one.
  const summary: FieldErrors = {};
  if (refusal)
    for (const [field, message] of Object.entries(refusal.errors)) summary[`${refusal.kind}-${field}`] = message;
  return (
    <StaffLayout c={c} title="Extracts" beforeContent={<BackLink href="/reports">Reports</BackLink>}>
      <ErrorSummary errors={summary} />
      <h1 class="nhsuk-heading-l">Extracts</h1>
      <p class="nhsuk-lede-text">
        CSV files for your organisation, with a header row and dates in ISO form (2026-12-01). They hold booking
        references, never patients' names or NHS numbers. Every download is recorded.
      </p>
      {choices.map((choice) => (
        <section class="nhsuk-card" aria-labelledby={`${choice.kind}-heading`}>
          <div class="nhsuk-card__content">
            <h2 class="nhsuk-card__heading nhsuk-heading-m" id={`${choice.kind}-heading`}>
              {choice.title}
            </h2>
            <p class="nhsuk-card__description">{choice.description}</p>
            {choice.ranged ? (
              <RangeForms
                choice={choice}
                csrf={csrf}
                refusal={refusal?.kind === choice.kind ? refusal : undefined}
              />
            ) : (
              <form method="get" action={`/reports/extracts/${choice.kind}`} novalidate>
                <button class="nhsuk-button nhsuk-u-margin-bottom-0" type="submit">
                  Download {choice.title.toLowerCase()} (CSV)
                </button>
              </form>
            )}
          </div>
        </section>
      ))}
    </StaffLayout>
  );
}

function RangeForms({
  choice,
  csrf,
  refusal,
}: {
  choice: ExtractChoice;
  csrf: Child;
  refusal: ExtractRefusal | undefined;
}) {
  const errors = refusal?.errors ?? {};
  const typed = refusal?.typed ?? {};
  const action = `/reports/extracts/${choice.kind}`;
  const field = (name: string, label: string, type: 'date' | 'month', hint: string) => (
    <DateField
      id={`${choice.kind}-${name}`}
      name={name}
      label={label}
      type={type}
      hint={hint}
      value={typed[name]}
      error={errors[name]}
    />
  );
  return (
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-one-half">
        <form method="get" action={action} novalidate>
          <input type="hidden" name="period" value="day" />
          {field('day', 'One day', 'date', 'For example, 2026-12-01')}
          <button class="nhsuk-button nhsuk-button--secondary" type="submit">
            Download one day
          </button>
        </form>
      </div>
      <div class="nhsuk-grid-column-one-half">
        {/* Months can be a million rows: prepared in the background, with progress, then offered for download. */}
        <form method="post" action={`${action}/builds`} novalidate>
          {csrf}
          <input type="hidden" name="period" value="months" />
          {field('fromMonth', 'From month', 'month', 'For example, 2026-10')}
          {field('toMonth', 'To month', 'month', `The same month or later, at most ${MAX_MONTHS} months in all`)}
          <button class="nhsuk-button nhsuk-button--secondary" type="submit">
            Prepare months
          </button>
        </form>
      </div>
    </div>
  );
}

/** A labelled date or month box whose id differs from its query name (a page holds several forms). */
function DateField(props: {
  id: string;
  name: string;
  label: string;
  type: 'date' | 'month';
  hint: string;
  value: string | undefined;
  error: string | undefined;
}) {
  const { id, error } = props;
  return (
    <div class={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label class="nhsuk-label" for={id}>
        {props.label}
      </label>
      <div class="nhsuk-hint" id={`${id}-hint`}>
        {props.hint}
      </div>
      {error && (
        <span class="nhsuk-error-message" id={`${id}-error`}>
          <span class="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      <input
        class={`nhsuk-input nhsuk-input--width-10${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        name={props.name}
        type={props.type}
        value={props.value}
        aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')}
      />
    </div>
  );
}
