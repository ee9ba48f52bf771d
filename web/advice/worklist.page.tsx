import type { Context } from 'hono';
import { ADVICE_OUTCOMES, type AdviceOutcome } from '../../domain/advice/conversation';
import type { AdviceState } from '../../domain/advice/states';
import {
  ADVICE_WORKLISTS,
  ADVICE_WORKLIST_TITLES,
  type AdviceWorklistKey,
  adviceWorklistsOf,
  isResponseOverdue,
} from '../../domain/advice/worklists';
import { formatNhsNumber } from '../../domain/ids';
import { WORKLIST_COUNT_CAP, type WorklistSide } from '../../domain/worklists';
import type { AdviceWorklistPage } from '../../services/advice/advice.service';
import { StaffLayout } from '../auth/staff-layout';
import { Table, Tag } from '../components/display';
import { formatDate, formatDateTime } from '../components/format';
import { AdviceStateTag } from './messages';

const countText = (n: number) => (n >= WORKLIST_COUNT_CAP ? `${WORKLIST_COUNT_CAP}+` : String(n));
const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : undefined);

/** The side's A&G worklists as tiles with counts: on the worklist page and the home page. */
export function AdviceTiles(props: {
  side: WorklistSide;
  counts: Record<AdviceWorklistKey, number>;
  current?: AdviceWorklistKey;
}) {
  return (
    <>
      <h2 class="nhsuk-heading-m">{ADVICE_WORKLIST_TITLES[props.side]}</h2>
      {props.side === 'referrer' && props.current === undefined && (
        <p>
          <a href="/advice/new">Ask for advice and guidance</a> about a patient, before or instead of referring.
        </p>
      )}
      <ul class="nhsuk-grid-row nhsuk-card-group">
        {adviceWorklistsOf(props.side).map((key) => (
          <li class="nhsuk-grid-column-one-half nhsuk-card-group__item">
            <div class="nhsuk-card nhsuk-card--clickable">
              <div class="nhsuk-card__content">
                <h3 class="nhsuk-card__heading nhsuk-heading-s">
                  <a
                    class="nhsuk-card__link"
                    href={`/advice/worklists/${key}`}
                    aria-current={key === props.current ? 'page' : undefined}
                  >
                    {ADVICE_WORKLISTS[key].title}
                  </a>
                </h3>
                <p class="nhsuk-card__description" data-testid={`advice-count-${key}`}>
                  {countText(props.counts[key])}
                </p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** When the provider should answer by, and a breach tag once that working day has passed. */
function Due({ state, due }: { state: AdviceState; due: Date | null }) {
  const dueBy = isoDate(due);
  if (!dueBy) return <span>-</span>;
  const today = new Date().toISOString().slice(0, 10);
  return isResponseOverdue(state, dueBy, today) ? (
    <>
      {formatDate(dueBy)} <Tag colour="red">Response target passed</Tag>
    </>
  ) : (
    <span>{formatDate(dueBy)}</span>
  );
}

export function AdviceWorklistPageView({ c, page }: { c: Context; page: AdviceWorklistPage }) {
  const list = ADVICE_WORKLISTS[page.key];
  const title = `${ADVICE_WORKLIST_TITLES[page.side]}: ${list.title}`;
  return (
    <StaffLayout c={c} title={title}>
      <h1 class="nhsuk-heading-l">{ADVICE_WORKLIST_TITLES[page.side]}</h1>
      {page.side === 'referrer' && (
        <a class="nhsuk-button" href="/advice/new" role="button" draggable="false">
          Ask for advice
        </a>
      )}
      <AdviceTiles side={page.side} counts={page.counts} current={page.key} />
      {page.rows.length === 0 ? (
        <p>There are no requests on this list.</p>
      ) : (
        <Table
          caption={list.title}
          headings={['Patient', 'NHS number', 'Service', 'Asked on', 'Response due', 'Status']}
          rows={page.rows.map((r) => [
            <a href={`/advice/${r.ubrn}`}>
              {(r.family_name ?? '').toUpperCase()}, {r.given_name}
            </a>,
            r.nhs_number ? formatNhsNumber(r.nhs_number) : '',
            r.service_name,
            formatDateTime(r.created_at),
            <Due state={r.state as AdviceState} due={r.response_due} />,
            <>
              <AdviceStateTag state={r.state as AdviceState} />
              {r.outcome ? ` ${ADVICE_OUTCOMES[r.outcome as AdviceOutcome]}` : ''}
            </>,
          ])}
        />
      )}
    </StaffLayout>
  );
}
