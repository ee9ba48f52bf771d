import type { Child } from 'hono/jsx';
import { Select } from '../components/fields';

/** A group of checkboxes under one legend, with its error message read out with the legend. */
export function Group(props: { id: string; legend: string; error?: string; children: Child }) {
  const errorId = `${props.id}-error`;
  return (
    <div class={`nhsuk-form-group${props.error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset class="nhsuk-fieldset" aria-describedby={props.error ? errorId : undefined}>
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        {props.error && (
          <span class="nhsuk-error-message" id={errorId}>
            <span class="nhsuk-u-visually-hidden">Error:</span> {props.error}
          </span>
        )}
        {props.children}
      </fieldset>
    </div>
  );
}

/** The service a directory form acts on, chosen from `services`; `selected` is what was sent. */
export function ServiceSelect(props: {
  services: readonly { id: number; name: string }[];
  selected: string;
  error?: string | undefined;
}) {
  return (
    <Select
      placeholder="Choose"
      name="serviceId"
      label="Service"
      selected={props.selected}
      error={props.error}
      options={props.services.map((s) => ({ value: String(s.id), text: s.name }))}
    />
  );
}
