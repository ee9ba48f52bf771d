import type { Child } from 'hono/jsx';

/** Field name -> message. Order of insertion is the order of the summary. */
export type FieldErrors = Record<string, string>;

/** NHS.UK error summary: at the top of the form, each message links to its field. */
export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex={-1}>
      <h2 class="nhsuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <div class="nhsuk-error-summary__body">
        <ul class="nhsuk-list nhsuk-error-summary__list">
          {entries.map(([field, message]) => (
            <li>
              <a href={`#${field}`}>{message}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

type InputProps = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  value?: string;
  type?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'text';
  width?: 10 | 20 | 30;
  labelClass?: string;
};

export function TextInput(props: InputProps) {
  const describedBy = [props.hint && `${props.name}-hint`, props.error && `${props.name}-error`].filter(Boolean);
  return (
    <div class={`nhsuk-form-group${props.error ? ' nhsuk-form-group--error' : ''}`}>
      <label class={`nhsuk-label ${props.labelClass ?? ''}`} for={props.name}>
        {props.label}
      </label>
      {props.hint && (
        <div class="nhsuk-hint" id={`${props.name}-hint`}>
          {props.hint}
        </div>
      )}
      {props.error && <ErrorMessage id={`${props.name}-error`} message={props.error} />}
      <input
        class={`nhsuk-input${props.width ? ` nhsuk-input--width-${props.width}` : ''}${props.error ? ' nhsuk-input--error' : ''}`}
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={false}
        aria-describedby={describedBy.length ? describedBy.join(' ') : undefined}
      />
    </div>
  );
}

function ErrorMessage({ id, message }: { id: string; message: string }) {
  return (
    <span class="nhsuk-error-message" id={id}>
      <span class="nhsuk-u-visually-hidden">Error:</span> {message}
    </span>
  );
}

export type Choice = { value: string; text: string; hint?: string };

/**
 * One choice among several. e-RS's rule for organisations and roles: radio buttons for
 * five or fewer, a drop-down above five.
 */
export function ChooseOne(props: {
  name: string;
  legend: string;
  choices: Choice[];
  selected?: string;
  error?: string;
  /** Radios however many choices there are: for choices that need their hints read. */
  alwaysRadios?: boolean;
}) {
  const { name, choices, error } = props;
  const errorId = `${name}-error`;
  if (choices.length > 5 && !props.alwaysRadios) {
    return (
      <div class={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
        <label class="nhsuk-label nhsuk-label--m" for={name}>
          {props.legend}
        </label>
        {error && <ErrorMessage id={errorId} message={error} />}
        <select class="nhsuk-select" id={name} name={name} aria-describedby={error ? errorId : undefined}>
          <option value="">Choose</option>
          {choices.map((c) => (
            <option value={c.value} selected={c.value === props.selected}>
              {c.hint ? `${c.text} (${c.hint})` : c.text}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <div class={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset class="nhsuk-fieldset" aria-describedby={error ? errorId : undefined}>
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{props.legend}</legend>
        {error && <ErrorMessage id={errorId} message={error} />}
        <div class="nhsuk-radios">
          {choices.map((c, i) => (
            <div class="nhsuk-radios__item">
              <input
                class="nhsuk-radios__input"
                id={i === 0 ? name : `${name}-${i + 1}`}
                name={name}
                type="radio"
                value={c.value}
                checked={c.value === props.selected}
                aria-describedby={c.hint ? `${name}-${i + 1}-hint` : undefined}
              />
              <label class="nhsuk-label nhsuk-radios__label" for={i === 0 ? name : `${name}-${i + 1}`}>
                {c.text}
              </label>
              {c.hint && (
                <div class="nhsuk-hint nhsuk-radios__hint" id={`${name}-${i + 1}-hint`}>
                  {c.hint}
                </div>
              )}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function Button({ children, secondary, id }: { children: Child; secondary?: boolean; id?: string }) {
  return (
    <button class={`nhsuk-button${secondary ? ' nhsuk-button--secondary' : ''}`} type="submit" id={id}>
      {children}
    </button>
  );
}
