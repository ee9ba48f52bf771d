import type { Child } from 'hono/jsx';

export type TagColour =
  'white' | 'grey' | 'green' | 'aqua-green' | 'blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

export function Tag({ colour, children }: { colour?: TagColour; children: Child }) {
  return <strong class={`nhsuk-tag${colour ? ` nhsuk-tag--${colour}` : ''}`}>{children}</strong>;
}

export function BackLink({ href, children = 'Back' }: { href: string; children?: Child }) {
  return (
    <div class="nhsuk-back-link">
      <a class="nhsuk-back-link__link" href={href}>
        {children}
      </a>
    </div>
  );
}

/** A summary list: key/value rows, optionally with a change link. */
export function SummaryList({
  rows,
}: {
  rows: { key: string; value: Child; action?: { href: string; text: string } }[];
}) {
  return (
    <dl class="nhsuk-summary-list">
      {rows.map((row) => (
        <div class="nhsuk-summary-list__row">
          <dt class="nhsuk-summary-list__key">{row.key}</dt>
          <dd class="nhsuk-summary-list__value">{row.value}</dd>
          {row.action && (
            <dd class="nhsuk-summary-list__actions">
              <a href={row.action.href}>
                {row.action.text}
                <span class="nhsuk-u-visually-hidden"> {row.key.toLowerCase()}</span>
              </a>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

/** A table in the NHS.UK responsive pattern: each cell repeats its heading for small screens. */
export function Table({ caption, headings, rows }: { caption: string; headings: string[]; rows: Child[][] }) {
  return (
    <table class="nhsuk-table-responsive">
      <caption class="nhsuk-table__caption">{caption}</caption>
      <thead class="nhsuk-table__head">
        <tr role="row">
          {headings.map((heading) => (
            <th role="columnheader" scope="col">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        {rows.map((cells) => (
          <tr role="row" class="nhsuk-table__row">
            {cells.map((cell, index) => (
              <td role="cell" class="nhsuk-table__cell">
                <span class="nhsuk-table-responsive__heading" aria-hidden="true">
                  {headings[index]}{' '}
                </span>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function InsetText({ children }: { children: Child }) {
  return (
    <div class="nhsuk-inset-text">
      <span class="nhsuk-u-visually-hidden">Information: </span>
      {children}
    </div>
  );
}

export function WarningCallout({ heading, children }: { heading: string; children: Child }) {
  return (
    <div class="nhsuk-warning-callout">
      <h3 class="nhsuk-warning-callout__label">
        <span role="text">
          <span class="nhsuk-u-visually-hidden">Important: </span>
          {heading}
        </span>
      </h3>
      {children}
    </div>
  );
}
