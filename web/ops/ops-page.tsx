import type { Context } from 'hono';
import { displayUbrn } from '../../domain/ids';
import type { OpsOverview } from '../../services/ops/ops.service';
import { StaffLayout } from '../auth/staff-layout';
import { SummaryList, Table, Tag } from '../components/display';
import { Button, ErrorSummary, TextInput } from '../components/forms';
import { formatDateTime } from '../components/format';

/** Links into the Temporal UI for the namespace Carepath runs in. */
export type TemporalUi = {
  workflow(workflowId: string): string;
  schedule(scheduleId: string): string;
  referrals: string;
};

const STATUS_WORDS: Record<string, string> = { PENDING: 'Waiting to be sent', FAILED: 'Failed, left for a person' };

export function OpsPage(props: {
  c: Context;
  overview: OpsOverview;
  ui: TemporalUi;
  ubrn?: string;
  errors?: Record<string, string>;
}) {
  const { overview, ui, errors = {} } = props;
  const { workflows, lastReconciliation: last } = overview;
  return (
    <StaffLayout c={props.c} title={errors.ubrn ? 'Error: Operations' : 'Operations'}>
      <ErrorSummary errors={errors} />
      <h1 class="nhsuk-heading-l">Operations</h1>
      <p>
        <a href={ui.referrals}>All referral workflows in the Temporal UI</a> ·{' '}
        <a href="/ops/codec-token">Codec tokens for the Temporal CLI</a>
      </p>
      <form method="get" action="/ops/workflow" novalidate>
        <TextInput
          name="ubrn"
          label="Find a referral’s workflow by booking reference (UBRN)"
          hint="12 digits; opens the workflow in the Temporal UI"
          width={10}
          inputmode="numeric"
          value={props.ubrn}
          error={errors.ubrn}
        />
        <Button secondary>Open workflow</Button>
      </form>

      <h2 class="nhsuk-heading-m">Workflows retrying</h2>
      {workflows.problems.length === 0 ? (
        <p>No referral workflow is retrying an activity or a workflow task.</p>
      ) : (
        <Table
          caption="Referral workflows stuck on a retry"
          headings={['Booking reference', 'Retrying', 'Attempt']}
          rows={workflows.problems.map((p) => [
            <a href={ui.workflow(`referral-${p.ubrn}`)}>{displayUbrn(p.ubrn)}</a>,
            p.failing,
            String(p.attempt),
          ])}
        />
      )}
      <p class="nhsuk-body-s">
        {workflows.limitReached
          ? `Checked the ${workflows.checked} most recently started running referrals only.`
          : `Checked all ${workflows.checked} running referrals.`}
      </p>

      <h2 class="nhsuk-heading-m">Notification outbox</h2>
      {overview.outbox.length === 0 ? (
        <p>Nothing is waiting to be sent and nothing has failed.</p>
      ) : (
        <Table
          caption="Notifications not sent"
          headings={['Status', 'How many', 'Oldest since']}
          rows={overview.outbox.map((o) => [
            STATUS_WORDS[o.status] ?? o.status,
            String(o.count),
            formatDateTime(o.oldest),
          ])}
        />
      )}

      <h2 class="nhsuk-heading-m">Contact targets breached</h2>
      {overview.breaches.length === 0 ? (
        <p>No open referral is past its contact target.</p>
      ) : (
        <Table
          caption="Open referrals past their contact target, by priority"
          headings={['Priority', 'How many']}
          rows={overview.breaches.map((b) => [b.priority, String(b.count)])}
        />
      )}

      <h2 class="nhsuk-heading-m">Last reconciliation</h2>
      {last === undefined ? (
        <p>Reconciliation has not run yet.</p>
      ) : (
        <>
          <SummaryList
            rows={[
              { key: 'When', value: formatDateTime(last.at) },
              { key: 'Kind', value: last.repair ? 'Compared and repaired' : 'Compared only' },
              { key: 'Open referrals checked', value: String(last.checked) },
              { key: 'Out of step', value: String(last.drifted.length) },
              ...(last.repair ? [{ key: 'Repaired', value: String(last.repaired) }] : []),
            ]}
          />
          {last.drifted.length > 0 && (
            <Table
              caption="Referrals whose read tables differ from their workflow"
              headings={['Booking reference', 'What differs']}
              rows={last.drifted.map((d) => [
                <a href={ui.workflow(`referral-${d.ubrn}`)}>{displayUbrn(d.ubrn)}</a>,
                d.kinds.join(', '),
              ])}
            />
          )}
          {!last.repair && last.drifted.length > 0 && (
            <p>
              To repair, run <code>npm run reconcile -- --repair</code> where Carepath runs.
            </p>
          )}
        </>
      )}

      <h2 class="nhsuk-heading-m">Schedules</h2>
      <Table
        caption="Carepath’s Temporal Schedules"
        headings={['Schedule', 'State', 'Last run', 'Next run']}
        rows={overview.schedules.map((s) => [
          <a href={ui.schedule(s.id)}>{s.label}</a>,
          !s.exists ? (
            <Tag colour="red">Missing</Tag>
          ) : s.paused ? (
            <Tag colour="orange">{s.note ? `Paused: ${s.note}` : 'Paused'}</Tag>
          ) : (
            <Tag colour="green">Active</Tag>
          ),
          s.lastRun ? `${formatDateTime(s.lastRun.at)} (${s.lastRun.status.toLowerCase()})` : 'Not yet',
          s.nextRun ? formatDateTime(s.nextRun) : '–',
        ])}
      />
    </StaffLayout>
  );
}
