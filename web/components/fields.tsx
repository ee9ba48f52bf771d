import type { Child } from 'hono/jsx';

function ErrorMessage({ id, message }: { id: string; message: string }) {
  return (
    <span class="nhsuk-error-message" id={id}>
      <span class="nhsuk-u-visually-hidden">Error:</span> {message}
    </span>
  );
}

/** Label, hint and error message, in the order the NHS.UK pattern puts them above a control. */
function FieldHead(props: {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  labelClass?: string | undefined;
}) {
  const { name, hint, error } = props;
  return (
    <>
      <label class={`nhsuk-label ${props.labelClass ?? ''}`} for={name}>
        {props.label}
      </label>
      {hint && (
        <div class="nhsuk-hint" id={`${name}-hint`}>
          {hint}
        </div>
      )}
      {error && <ErrorMessage id={`${name}-error`} message={error} />}
    </>
  );
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Textarea(props: {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  rows?: number;
  maxlength?: number;
  labelClass?: string;
}) {
  const { name, error, hint } = props;
  return (
    <div class={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <FieldHead name={name} label={props.label} hint={hint} error={error} labelClass={props.labelClass} />
      <textarea
        class={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
        id={name}
        name={name}
        rows={props.rows ?? 5}
        maxlength={props.maxlength}
        aria-describedby={describedBy(name, hint, error)}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

/** NHS.UK date input: three boxes, day month year; `value` is an ISO date or what was typed. */
export function DateInput(props: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  /** The boxes the error is about; all three when not given. */
  invalidParts?: readonly ('day' | 'month' | 'year')[];
  value?: { day?: string; month?: string; year?: string };
}) {
  const { name, error, hint } = props;
  const part = (key: 'day' | 'month' | 'year', label: string, width: 2 | 4) => (
    <div class="nhsuk-date-input__item">
      <div class="nhsuk-form-group">
        <label class="nhsuk-label nhsuk-date-input__label" for={key === 'day' ? name : `${name}-${key}`}>
          {label}
        </label>
        <input
          class={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${error && (props.invalidParts ?? [key]).includes(key) ? ' nhsuk-input--error' : ''}`}
          id={key === 'day' ? name : `${name}-${key}`}
          name={`${name}-${key}`}
          type="text"
          inputmode="numeric"
          value={props.value?.[key]}
        />
      </div>
    </div>
  );
  return (
    <div class={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset class="nhsuk-fieldset" role="group" aria-describedby={describedBy(name, hint, error)}>
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        {hint && (
          <div class="nhsuk-hint" id={`${name}-hint`}>
            {hint}
          </div>
        )}
        {error && <ErrorMessage id={`${name}-error`} message={error} />}
        <div class="nhsuk-date-input">
          {part('day', 'Day', 2)}
          {part('month', 'Month', 2)}
          {part('year', 'Year', 4)}
        </div>
      </fieldset>
    </div>
  );
}

export function FileUpload(props: { name: string; label: string; hint?: string; error?: string; accept?: string }) {
  const { name, error, hint } = props;
  return (
    // NHS.UK's file upload styles (nhsuk-frontend 10). Not its script's drop zone: the button it
    // draws names itself differently from its visible text, which axe refuses (WCAG 2.5.3).
    <div class={`nhsuk-form-group nhsuk-file-upload${error ? ' nhsuk-form-group--error' : ''}`}>
      <FieldHead name={name} label={props.label} hint={hint} error={error} />
      <input
        class={`nhsuk-file-upload__input${error ? ' nhsuk-file-upload__input--error' : ''}`}
        id={name}
        name={name}
        type="file"
        accept={props.accept}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

/** A one-button form, e.g. "Accept". `fields` are hidden inputs (version, ids). */
export function ButtonForm(props: {
  action: string;
  csrf: Child;
  fields?: Record<string, string>;
  children: Child;
  secondary?: boolean;
}) {
  return (
    <form method="post" action={props.action} novalidate>
      {props.csrf}
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button class={`nhsuk-button${props.secondary ? ' nhsuk-button--secondary' : ''}`} type="submit">
        {props.children}
      </button>
    </form>
  );
}

/** NHS.UK details: a disclosure that works without JavaScript. */
export function Details(props: { summary: string; open?: boolean; id?: string; children: Child }) {
  return (
    <details class="nhsuk-details" open={props.open} id={props.id}>
      <summary class="nhsuk-details__summary">
        <span class="nhsuk-details__summary-text">{props.summary}</span>
      </summary>
      <div class="nhsuk-details__text">{props.children}</div>
    </details>
  );
}

export type Option = { value: string; text: string };

/**
 * A labelled drop-down; `placeholder` is the empty first option ("All services"), `groups` make
 * optgroups, `attrs` carries htmx attributes. The group's id is `<name>-group`, so htmx can swap it.
 */
export function Select(props: {
  name: string;
  label: string;
  options?: Option[];
  groups?: { label: string; options: Option[] }[];
  selected?: string | undefined;
  placeholder?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  class?: string;
  attrs?: Record<`hx-${string}`, string>;
}) {
  const { name, hint, error } = props;
  const option = (o: Option) => (
    <option value={o.value} selected={o.value === props.selected}>
      {o.text}
    </option>
  );
  return (
    <div class={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''} ${props.class ?? ''}`} id={`${name}-group`}>
      <FieldHead name={name} label={props.label} hint={hint} error={error} />
      <select
        class={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
        id={name}
        name={name}
        aria-describedby={[hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(' ') || undefined}
        {...props.attrs}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options?.map(option)}
        {props.groups?.map((g) => (
          <optgroup label={g.label}>{g.options.map(option)}</optgroup>
        ))}
      </select>
    </div>
  );
}

/** One NHS.UK checkbox item; put it inside a `nhsuk-checkboxes` group. */
export function Checkbox(props: { name: string; value: string; label: string; checked: boolean; id: string }) {
  return (
    <div class="nhsuk-checkboxes__item">
      <input
        class="nhsuk-checkboxes__input"
        id={props.id}
        name={props.name}
        type="checkbox"
        value={props.value}
        checked={props.checked}
      />
      <label class="nhsuk-label nhsuk-checkboxes__label" for={props.id}>
        {props.label}
      </label>
    </div>
  );
}
