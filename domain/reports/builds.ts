/**
 * Extracts built in the background (decision record 0012, "Progress"): the analyst asks, the
 * page shows the rows counted so far while it builds, then offers the file until the retention
 * limit. Pure rules: how long a file is kept, and what state a build is in at a given moment.
 */

/** How long a built extract can be downloaded, from when it was ready. */
export const EXTRACT_RETENTION_HOURS = 24;
/** A build that has not reported progress for this long stopped (its server went away): shown as failed. */
export const BUILD_STALE_AFTER_MS = 2 * 60_000;
/** Rows between two progress reports of a build. */
export const BUILD_PROGRESS_ROWS = 10_000;

export type BuildStatus = 'building' | 'ready' | 'failed';
export type BuildState = BuildStatus | 'expired';

export type BuildTimes = { status: BuildStatus; heartbeatAt: Date; expiresAt: Date };

/** What the page says of a build at `now`. */
export function buildState(build: BuildTimes, now: Date): BuildState {
  if (now.getTime() >= build.expiresAt.getTime()) return 'expired';
  if (build.status === 'building' && now.getTime() - build.heartbeatAt.getTime() > BUILD_STALE_AFTER_MS) {
    return 'failed';
  }
  return build.status;
}

/** When a build ready at `readyAt` stops being offered. */
export function retainedUntil(readyAt: Date): Date {
  return new Date(readyAt.getTime() + EXTRACT_RETENTION_HOURS * 3_600_000);
}
