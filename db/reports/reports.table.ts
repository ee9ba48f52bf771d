import type { ColumnType } from 'kysely';

/** Timeline events per organisation, day, specialty, service and event type: what the dashboard reads. */
export type ReportDailyActivityTable = {
  scope_org: string;
  day: ColumnType<Date, string, string>;
  specialty: string;
  service_id: string;
  event: string;
  events: number;
  turnaround_seconds: number;
};

/** When each derived table was last brought up to date. */
export type ReportRefreshTable = {
  name: string;
  refreshed_at: ColumnType<Date, Date | string, Date | string>;
};

/**
 * The reports feature's own tables. Reached through `db.withTables<ReportTables>()` in this
 * folder (a type alias, as `withTables` asks), so the shared `Database` type is not widened for tables nothing else reads.
 */
export type ReportTables = {
  report_daily_activity: ReportDailyActivityTable;
  report_refreshes: ReportRefreshTable;
};
