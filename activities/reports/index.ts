import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { rebuildActivity } from '../../db/reports/activity.repository';
import { purgeBuilds } from '../../db/reports/builds.repository';

/** The nightly reports schedule's activity: the dashboard's daily counts recounted from the whole timeline. */
export function createReportsActivities(db: Kysely<Database>) {
  return {
    /**
     * Idempotent: every day is deleted and counted again in one transaction. False when another
     * process held the counts' lock (a web server refreshing them): the next night's run recounts.
     */
    rebuildReportActivity: async () => ({ rebuilt: await rebuildActivity(db) }),
    /**
     * The retention clean-up of extracts built in the background: files past their limit (the
     * download already refuses them), and builds whose server went away a day ago.
     */
    purgeExtractBuilds: async () => {
      const now = new Date();
      return { purged: await purgeBuilds(db, now, new Date(now.getTime() - 24 * 3_600_000)) };
    },
  };
}

export type ReportsActivities = ReturnType<typeof createReportsActivities>;
