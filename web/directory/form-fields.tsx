import type { Child } from 'hono/jsx';

// The directory forms' fields, in the NHS.UK patterns, each with its own error message.

export function Group(props: { id: string; legend: string; error?: string; children: Child }) {
  return (
    <div class={`nhsuk-form-group${props.error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset class="nhsuk-fieldset">
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        {props.error && (
          <span class="nhsuk-error-message" id={`${props.id}-error`}>
            <span class="nhsuk-u-visually-hidden">Error:</span> {props.error}
          </span>
        )}
        {props.children}
      </fieldset>
    </div>
  );
}

export function Area(props: { name: string; label: string; value: string; error?: string; hint?: string }) {
  return (
    <div class={`nhsuk-form-group${props.error ? ' nhsuk-form-group--error' : ''}`}>
      <label class="nhsuk-label" for={props.name}>
        {props.label}
      </label>
      {props.hint && <div class="nhsuk-hint">{props.hint}</div>}
      {props.error && (
        <span class="nhsuk-error-message" id={`${props.name}-error`}>
          <span class="nhsuk-u-visually-hidden">Error:</span> {props.error}
        </span>
      )}
      <textarea
        class={`nhsuk-textarea${props.error ? ' nhsuk-textarea--error' : ''}`}
        id={props.name}
        name={props.name}
        rows={3}
      >
        {props.value}
      </textarea>
    </div>
  );
}
