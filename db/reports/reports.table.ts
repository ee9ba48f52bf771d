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

/** An extract built in the background, and its progress. */
export type ReportExtractBuildTable = {
  id: string;
  user_id: string;
  org_code: string;
  kind: string;
  range_from: string | null;
  range_to: string | null;
  filename: string;
  status: 'building' | 'ready' | 'failed';
  rows: ColumnType<number, number | undefined, number>;
  bytes: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | undefined, Date>;
  heartbeat_at: ColumnType<Date, Date | undefined, Date>;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  expires_at: ColumnType<Date, Date, Date>;
};

/** A built extract's CSV, gzip, in order. */
export type ReportExtractChunkTable = { build_id: string; seq: number; data: Buffer };

/**
 * The reports feature's own tables. Reached through `db.withTables<ReportTables>()` in this
 * folder (a type alias, as `withTables` asks), so the shared `Database` type is not widened for tables nothing else reads.
 */
export type ReportTables = {
  report_daily_activity: ReportDailyActivityTable;
  report_refreshes: ReportRefreshTable;
  report_extract_builds: ReportExtractBuildTable;
  report_extract_chunks: ReportExtractChunkTable;
};
