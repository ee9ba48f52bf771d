import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { requirePermission } from '../../domain/permissions';
import {
  type Compared,
  type DashboardFigures,
  type DashboardQuery,
  dashboardFigures,
  dashboardPeriod,
  dashboardQuerySchema,
} from '../../domain/reports/dashboard';
import { londonDateOf } from '../../domain/reports/date-range';
import { REPORT_PERMISSIONS } from '../../domain/reports/permissions';
import type { ReportScope } from '../../domain/reports/scope';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Database } from '../../db/database';
import {
  type Hotspot,
  activityRefreshedAt,
  capacityHotspots,
  refreshActivity,
  servicesInActivity,
  specialtyNames,
  weeklyActivity,
} from '../../db/reports/activity.repository';
import { type CsvDownload, csvPieces } from './csv';

export type { Hotspot };

/** What the dashboard page draws: the figures, the filter as chosen, and the choices it offers. */
export type Dashboard = {
  filter: DashboardQuery & { to: string };
  figures: DashboardFigures;
  hotspots: Hotspot[];
  specialties: { code: string; name: string }[];
  services: { id: string; name: string | null }[];
  /** When the daily counts were last brought up to date: the page says how fresh its figures are. */
  refreshedAt: Date;
};

/** The dashboard's counts are brought up to date when older than this (in the background: the page never waits). */
export const REFRESH_AFTER_MS = 60_000;

/**
 * Counts fresh enough to show. Before the first refresh there is nothing to show, so the page
 * waits for it; after that a stale table is refreshed in the background and the page shows the
 * counts it has, with their time. A failed background refresh leaves the counts as they were,
 * and the next request tries again.
 */
async function freshCounts(db: Kysely<Database>, refreshAfterMs: number): Promise<Date> {
  const refreshedAt = await activityRefreshedAt(db);
  if (!refreshedAt) {
    await refreshActivity(db);
    return (await activityRefreshedAt(db)) ?? new Date();
  }
  if (Date.now() - refreshedAt.getTime() > refreshAfterMs) void refreshActivity(db).catch(() => {});
  return refreshedAt;
}

export function parseDashboardQuery(query: Record<string, string>): DashboardQuery & { to: string } {
  const parsed = dashboardQuerySchema.safeParse(query);
  if (!parsed.success) throw CarepathError.fromIssues('Check the dashboard filters', parsed.error.issues);
  return { ...parsed.data, to: parsed.data.to ?? londonDateOf(new Date()) };
}

export async function loadDashboard(
  db: Kysely<Database>,
  actor: Actor,
  scope: ReportScope,
  query: Record<string, string>,
  refreshAfterMs = REFRESH_AFTER_MS,
): Promise<Dashboard> {
  requirePermission(REPORT_PERMISSIONS, 'viewDashboard', actor);
  const filter = parseDashboardQuery(query);
  const refreshedAt = await freshCounts(db, refreshAfterMs);
  const period = dashboardPeriod(filter.to, filter.weeks);
  const activityFilter = { orgCode: scope.orgCode, specialty: filter.specialty, serviceId: filter.serviceId };
  const [activity, hotspots, specialties, services] = await Promise.all([
    weeklyActivity(db, activityFilter, period),
    capacityHotspots(db, activityFilter, period),
    specialtyNames(db),
    servicesInActivity(db, scope.orgCode, period),
  ]);
  return { filter, figures: dashboardFigures(period, activity), hotspots, specialties, services, refreshedAt };
}

/**
 * The dashboard's figures as CSV, one row per number on the page: which table (`section`),
 * which row of it (`item`), which figure (`measure`), this period, the one before, the change.
 */
export async function dashboardCsv(db: Kysely<Database>, actor: Actor, dashboard: Dashboard): Promise<CsvDownload> {
  const { figures, hotspots } = dashboard;
  const names = new Map(dashboard.specialties.map((s) => [s.code, s.name]));
  const rows: Record<string, unknown>[] = [];
  const add = (
    section: string,
    item: string,
    measure: string,
    value: Compared | { current: number | null; previous: number | null },
  ) =>
    rows.push({
      section,
      item,
      measure,
      this_period: value.current,
      previous_period: value.previous,
      change_percent: 'change' in value ? value.change : null,
    });
  for (const week of figures.weekly) {
    for (const measure of ['referrals', 'bookings', 'slotIssues'] as const) {
      add('week', week.weekEnding, snake(measure), { current: week[measure], previous: null });
    }
  }
  for (const measure of ['referrals', 'bookings', 'slotIssues'] as const)
    add('total', 'all', snake(measure), figures.totals[measure]);
  for (const specialty of figures.bySpecialty) {
    for (const measure of ['referrals', 'bookings', 'slotIssues'] as const) {
      add('specialty', names.get(specialty.specialty) ?? specialty.specialty, snake(measure), specialty[measure]);
    }
  }
  add('triage', 'all', 'outcomes', figures.triage.outcomes);
  add('triage', 'all', 'average_days', figures.triage.averageDays);
  add('contact_target', 'all', 'breaches', figures.breaches);
  add('rates', 'all', 'rejection_percent', figures.rejectionRate);
  add('rates', 'all', 'dna_percent', figures.dnaRate);
  add('advice', 'all', 'requests', figures.advice.requests);
  add('advice', 'all', 'first_responses', figures.advice.responses);
  add('advice', 'all', 'average_response_days', figures.advice.averageResponseDays);
  add('advice', 'all', 'conversion_percent', figures.advice.conversionRate);
  for (const hotspot of hotspots) {
    add('hotspot', hotspot.name ?? hotspot.serviceId, 'slot_issues', { current: hotspot.slotIssues, previous: null });
  }
  const { period } = figures;
  const { specialty, serviceId } = dashboard.filter;
  await appendAudit(db, {
    action: 'report.dashboard_downloaded',
    actor_user_id: actor.userId,
    actor_role: actor.role,
    actor_org: actor.orgCode,
    subject_type: 'dashboard',
    subject_id: null,
    detail: { from: period.from, to: period.to, specialty, serviceId, rows: rows.length },
  });
  async function* once() {
    yield rows;
  }
  return {
    filename: `carepath-dashboard-${actor.orgCode}-${period.from}-to-${period.to}.csv`,
    body: csvPieces(['section', 'item', 'measure', 'this_period', 'previous_period', 'change_percent'], once()),
  };
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
