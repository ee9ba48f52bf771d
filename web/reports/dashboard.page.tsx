import type { Context } from 'hono';
import type { Compared, Rate } from '../../domain/reports/dashboard';
import { DASHBOARD_WEEKS } from '../../domain/reports/dashboard';
import type { Dashboard } from '../../services/reports/reports.service';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink, Table } from '../components/display';
import { Select } from '../components/fields';
import { ErrorSummary, TextInput, type FieldErrors } from '../components/forms';
import { formatDate, formatDateTime } from '../components/format';
import { BarChart, COLOURS, HorizontalBarChart } from './charts';

/** "+12.5%", "-3%", or a dash when there was nothing to compare with. */
export function change(value: Compared): string {
  if (value.change === null) return '–';
  return `${value.change > 0 ? '+' : ''}${value.change}%`;
}

const rate = (value: number | null) => (value === null ? '–' : `${value}%`);
const days = (value: number | null) => (value === null ? '–' : `${value} days`);

/** The form's values as a query string, for the CSV link: the same figures as on the page. */
function queryOf(filter: Dashboard['filter']): string {
  const params = new URLSearchParams({ weeks: String(filter.weeks), to: filter.to });
  if (filter.specialty) params.set('specialty', filter.specialty);
  if (filter.serviceId) params.set('serviceId', filter.serviceId);
  return params.toString();
}

export function DashboardPage(props: {
  c: Context;
  dashboard: Dashboard;
  errors?: FieldErrors;
  /** What was typed, when it could not be used. */
  typed?: Record<string, string>;
}) {
  const { c, dashboard, errors = {} } = props;
  const { figures, filter, hotspots } = dashboard;
  const { period } = figures;
  const typed = props.typed ?? {};
  const names = new Map(dashboard.specialties.map((s) => [s.code, s.name]));
  const weekLabel = (iso: string) => formatDate(iso).replace(/ \d{4}$/, '');
  const headline = [
    ['Referrals', figures.totals.referrals],
    ['Bookings', figures.totals.bookings],
    ['Appointment slot issues', figures.totals.slotIssues],
  ] as const;
  return (
    <StaffLayout c={c} title="Activity dashboard" beforeContent={<BackLink href="/reports">Reports</BackLink>}>
      <ErrorSummary errors={errors} />
      <h1 class="nhsuk-heading-l">Activity dashboard</h1>
      <p class="nhsuk-lede-text">
        The {period.weeks} weeks from {formatDate(period.from)} to {formatDate(period.to)}, compared with the{' '}
        {period.weeks} weeks before.
      </p>
      <p class="nhsuk-body-s">
        Counts brought up to date {formatDateTime(dashboard.refreshedAt)}; they refresh every minute.
      </p>

      <form method="get" action="/reports/dashboard" novalidate class="carepath-filters">
        <div class="nhsuk-grid-row">
          <div class="nhsuk-grid-column-one-quarter">
            <Select
              name="weeks"
              label="Period"
              options={DASHBOARD_WEEKS.map((w) => ({ value: String(w), text: `${w} weeks` }))}
              selected={typed.weeks ?? String(filter.weeks)}
              error={errors.weeks}
            />
          </div>
          <div class="nhsuk-grid-column-one-quarter">
            <TextInput name="to" type="date" label="Last day" value={typed.to ?? filter.to} error={errors.to} />
          </div>
          <div class="nhsuk-grid-column-one-quarter">
            <Select
              name="specialty"
              label="Specialty"
              placeholder="All specialties"
              options={dashboard.specialties.map((s) => ({ value: s.code, text: s.name }))}
              selected={typed.specialty ?? filter.specialty}
              error={errors.specialty}
            />
          </div>
          <div class="nhsuk-grid-column-one-quarter">
            <Select
              name="serviceId"
              label="Service"
              placeholder="All services"
              options={dashboard.services.map((s) => ({ value: s.id, text: s.name ?? `Service ${s.id}` }))}
              selected={typed.serviceId ?? filter.serviceId}
              error={errors.serviceId}
            />
          </div>
        </div>
        <button class="nhsuk-button nhsuk-button--secondary" type="submit">
          Show figures
        </button>
      </form>
      <p>
        <a href={`/reports/dashboard/download?${queryOf(filter)}`} download>
          Download these figures (CSV)
        </a>
      </p>

      <h2 class="nhsuk-heading-m">Referrals, bookings and appointment slot issues</h2>
      <Table
        caption="Totals for the period"
        headings={['Figure', 'This period', 'Period before', 'Change']}
        rows={headline.map(([label, value]) => [label, String(value.current), String(value.previous), change(value)])}
      />
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-one-half">
          <BarChart
            id="weekly-chart"
            title="Referrals, bookings and appointment slot issues by week"
            description="Bar chart; the table beside it gives the numbers."
            categories={figures.weekly.map((w) => weekLabel(w.weekEnding))}
            series={[
              { name: 'Referrals', colour: COLOURS.blue, values: figures.weekly.map((w) => w.referrals) },
              { name: 'Bookings', colour: COLOURS.darkBlue, values: figures.weekly.map((w) => w.bookings) },
              { name: 'Slot issues', colour: COLOURS.yellow, values: figures.weekly.map((w) => w.slotIssues) },
            ]}
          />
        </div>
        <div class="nhsuk-grid-column-one-half">
          <Table
            caption="By week"
            headings={['Week ending', 'Referrals', 'Bookings', 'Slot issues']}
            rows={figures.weekly.map((w) => [
              formatDate(w.weekEnding),
              String(w.referrals),
              String(w.bookings),
              String(w.slotIssues),
            ])}
          />
        </div>
      </div>

      <h2 class="nhsuk-heading-m">By specialty</h2>
      {figures.bySpecialty.length === 0 ? (
        <p>Nothing happened in these weeks.</p>
      ) : (
        <Table
          caption="Referrals, bookings and slot issues by specialty, with the change against the period before"
          headings={['Specialty', 'Referrals', 'Change', 'Bookings', 'Change', 'Slot issues', 'Change']}
          rows={figures.bySpecialty.map((s) => [
            names.get(s.specialty) ?? s.specialty,
            String(s.referrals.current),
            change(s.referrals),
            String(s.bookings.current),
            change(s.bookings),
            String(s.slotIssues.current),
            change(s.slotIssues),
          ])}
        />
      )}

      <h2 class="nhsuk-heading-m">Triage and contact targets</h2>
      <Table
        caption="Triage turnaround and contact-target breaches"
        headings={['Figure', 'This period', 'Period before']}
        rows={[
          [
            'Triage outcomes recorded',
            String(figures.triage.outcomes.current),
            String(figures.triage.outcomes.previous),
          ],
          [
            'Average triage turnaround',
            days(figures.triage.averageDays.current),
            days(figures.triage.averageDays.previous),
          ],
          ['Contact targets breached', String(figures.breaches.current), String(figures.breaches.previous)],
        ]}
      />

      <h2 class="nhsuk-heading-m">Rejection and did-not-attend rates</h2>
      <Table
        caption="Rejections per 100 referrals accepted or rejected; did-not-attends per 100 bookings made"
        headings={['Rate', 'This period', 'Period before']}
        rows={[rateRow('Rejection rate', figures.rejectionRate), rateRow('Did-not-attend rate', figures.dnaRate)]}
      />

      <h2 class="nhsuk-heading-m">Advice and Guidance</h2>
      <Table
        caption="Advice requests, the provider's first response and conversion to a referral"
        headings={['Figure', 'This period', 'Period before']}
        rows={[
          ['Advice requests', String(figures.advice.requests.current), String(figures.advice.requests.previous)],
          ['First responses', String(figures.advice.responses.current), String(figures.advice.responses.previous)],
          [
            'Average time to first response',
            days(figures.advice.averageResponseDays.current),
            days(figures.advice.averageResponseDays.previous),
          ],
          rateRow('Converted to a referral (per 100 ended)', figures.advice.conversionRate),
        ]}
      />

      <h2 class="nhsuk-heading-m">Capacity hotspots</h2>
      {hotspots.length === 0 ? (
        <p>No appointment slot issues in these weeks.</p>
      ) : (
        <div class="nhsuk-grid-row">
          <div class="nhsuk-grid-column-one-half">
            <HorizontalBarChart
              id="hotspots-chart"
              title="Services with the most appointment slot issues"
              description="Bar chart; the table beside it gives the numbers."
              colour={COLOURS.red}
              items={hotspots.map((h) => ({ label: h.name ?? `Service ${h.serviceId}`, value: h.slotIssues }))}
            />
          </div>
          <div class="nhsuk-grid-column-one-half">
            <Table
              caption="Services with the most appointment slot issues in the period"
              headings={['Service', 'Slot issues', 'Capacity alert']}
              rows={hotspots.map((h) => [
                h.name ?? `Service ${h.serviceId}`,
                String(h.slotIssues),
                h.flagged ? 'Flagged' : 'None',
              ])}
            />
          </div>
        </div>
      )}
    </StaffLayout>
  );
}

const rateRow = (label: string, value: Rate) => [label, rate(value.current), rate(value.previous)];
