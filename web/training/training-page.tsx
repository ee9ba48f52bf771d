import type { Context } from 'hono';
import { ADVICE_STATE_LABELS } from '../../domain/advice/states';
import { displayUbrn } from '../../domain/ids';
import { STATE_LABELS, STATE_TAG_COLOURS } from '../../domain/states';
import type { ScenarioListing, TrainingRun } from '../../services/training/training.service';
import { StaffLayout } from '../auth/staff-layout';
import { csrfField } from '../auth/middleware';
import { InsetText, SummaryList, Table, Tag } from '../components/display';
import { ButtonForm } from '../components/fields';
import { ErrorSummary } from '../components/forms';
import { formatDateTime } from '../components/format';

const STATUS_WORDS: Record<TrainingRun['status'], string> = {
  ready: 'Ready to play',
  playing: 'Playing',
  paused: 'Paused',
  done: 'Finished: every step reached its expected state',
  failed: 'Stopped: a step did not reach its expected state',
};

/** How long a day of scenario time takes, in words. */
function dayTakes(timeScale: number): string {
  const seconds = 86_400 / timeScale;
  if (seconds >= 3600) return `${Math.round(seconds / 360) / 10} hours`;
  if (seconds >= 60) return `${Math.round(seconds / 6) / 10} minutes`;
  return `${Math.round(seconds * 10) / 10} seconds`;
}

function RunSection({ c, run }: { c: Context; run: TrainingRun }) {
  const csrf = csrfField(c);
  const busy = run.status === 'playing';
  const finished = run.status === 'done' || run.status === 'failed';
  return (
    <>
      <h2 class="nhsuk-heading-m" id="run">
        {run.title}
      </h2>
      {run.description && <p>{run.description}</p>}
      <SummaryList
        rows={[
          { key: 'Status', value: <span data-testid="run-status">{STATUS_WORDS[run.status]}</span> },
          { key: 'Steps played', value: `${run.reports.length} of ${run.steps.length}` },
          {
            key: 'Time scale',
            value: `${run.timeScale.toLocaleString('en-GB')} times real time: a day passes in ${dayTakes(run.timeScale)}`,
          },
        ]}
      />
      {run.problem && (
        <div class="nhsuk-error-summary" role="alert" tabindex={-1}>
          <h2 class="nhsuk-error-summary__title">The scenario stopped</h2>
          <div class="nhsuk-error-summary__body">
            <p data-testid="run-problem">{run.problem}</p>
          </div>
        </div>
      )}
      <div class="nhsuk-button-group">
        {!busy && !finished && (
          <ButtonForm action="/training/next" csrf={csrf}>
            Next step
          </ButtonForm>
        )}
        {!busy && !finished && (
          <ButtonForm action="/training/play" csrf={csrf} secondary>
            Play to the end
          </ButtonForm>
        )}
        {busy && (
          <ButtonForm action="/training/pause" csrf={csrf} secondary>
            Pause
          </ButtonForm>
        )}
        <ButtonForm action="/training/restart" csrf={csrf} secondary>
          Back to the start
        </ButtonForm>
      </div>
      {busy && (
        <p>
          <a href="/training#run">Refresh to see the step finish</a>
        </p>
      )}

      <h3 class="nhsuk-heading-s">Where each referral is</h3>
      {run.referrals.length === 0 ? (
        <p>No referral yet.</p>
      ) : (
        <Table
          caption="Referrals in this scenario"
          headings={['Referral', 'Booking reference', 'State', 'Service', 'Contact target', 'Appointment']}
          rows={run.referrals.map((r) => [
            r.key,
            displayUbrn(r.ubrn),
            <>
              {r.state && <Tag colour={STATE_TAG_COLOURS[r.state]}>{STATE_LABELS[r.state]}</Tag>}
              {r.advice && <span> Advice: {ADVICE_STATE_LABELS[r.advice]}</span>}
            </>,
            r.service ?? '',
            r.breached ? 'Breached' : '',
            r.appointment ? formatDateTime(r.appointment) : '',
          ])}
        />
      )}

      <h3 class="nhsuk-heading-s">Steps</h3>
      <ol class="nhsuk-list nhsuk-list--number" data-testid="steps">
        {run.steps.map((s, i) => {
          const report = run.reports[i];
          const now = i === run.position && !finished;
          return (
            <li aria-current={now ? 'step' : undefined}>
              <strong>{s.summary}</strong> (line {s.line ?? '?'}){s.traineeActs && ' - trainee acts'}
              {report?.snapshot?.state && ` - reached ${STATE_LABELS[report.snapshot.state]}`}
              {now && (busy ? ' - playing now' : ' - next')}
              {s.note && <p class="nhsuk-body-s">{s.note}</p>}
            </li>
          );
        })}
      </ol>

      <h3 class="nhsuk-heading-s">Cast: trainees sign in as</h3>
      <p>
        Every cast member's password is <code>{run.password}</code>. Add the authenticator secret to an authenticator
        app to get the sign-in code.
      </p>
      <Table
        caption="Cast members"
        headings={['Username', 'Name', 'Roles', 'Authenticator secret']}
        rows={run.cast.map((m) => [m.username, m.name, m.roles.join('; '), <code>{m.authenticatorSecret}</code>])}
      />
    </>
  );
}

/** The trainer's page: the scenarios, and the one being played. */
export function TrainingPage(props: {
  c: Context;
  scenarios: ScenarioListing[];
  run: TrainingRun | undefined;
  errors?: Record<string, string>;
}) {
  const { c, scenarios, run, errors = {} } = props;
  const csrf = csrfField(c);
  return (
    <StaffLayout c={c} title={Object.keys(errors).length ? 'Error: Training' : 'Training'}>
      <ErrorSummary errors={errors} />
      <h1 class="nhsuk-heading-l">Training</h1>
      <InsetText>
        This is the training space: made-up people, organisations and referrals only, in their own Temporal namespace
        and database. Nothing here reaches a live worklist, extract or notification.
      </InsetText>
      {run && <RunSection c={c} run={run} />}

      <h2 class="nhsuk-heading-m">Scenarios</h2>
      <Table
        caption="Scenarios to play"
        headings={['Scenario', 'Steps', '']}
        rows={scenarios.map((s) => [
          <>
            <strong>{s.title}</strong>
            {s.description && <p class="nhsuk-body-s">{s.description}</p>}
          </>,
          String(s.steps),
          <ButtonForm action="/training/start" csrf={csrf} fields={{ scenario: s.name }} secondary>
            Start<span class="nhsuk-u-visually-hidden"> {s.title}</span>
          </ButtonForm>,
        ])}
      />

      <h2 class="nhsuk-heading-m">Reset the training space</h2>
      <p>Ends every referral and advice workflow, clears every table and removes the cast. Trainers stay signed in.</p>
      <ButtonForm action="/training/reset" csrf={csrf} secondary>
        Reset the training space
      </ButtonForm>
    </StaffLayout>
  );
}
