import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { isPermitted } from '../../domain/permissions';
import { EXTRACTS, EXTRACT_KINDS, type ExtractKind } from '../../domain/reports/extracts';
import { REPORT_PERMISSIONS } from '../../domain/reports/permissions';
import type { ReportScope } from '../../domain/reports/scope';
import { scopeOfOrganisation } from '../../db/reports/scope';
import type { ServiceDeps } from '../deps';
import type { CsvDownload } from './csv';
import { type Dashboard, REFRESH_AFTER_MS, dashboardCsv, loadDashboard } from './dashboard';
import { type ExtractBuild, buildFile, buildStatus, startBuild } from './builds';
import { extractKind, extractRange, streamExtract } from './extracts';

export type { CsvDownload } from './csv';
export type { Dashboard, Hotspot } from './dashboard';
export type { ExtractBuild } from './builds';

/** An extract the actor may download, as the extracts page lists it. */
export type ExtractChoice = { kind: ExtractKind; title: string; description: string; ranged: boolean };

/**
 * Reports and extracts for the actor's organisation (decision record 0012): CSV extracts
 * streamed from the read tables, and the activity dashboard. Every method checks the reports
 * permissions table and scopes every row to the actor's organisation.
 */
export function reportsService({ db }: Pick<ServiceDeps, 'db'>, options: { refreshAfterMs?: number } = {}) {
  const scopeOf = async (actor: Actor): Promise<ReportScope> => {
    const scope = await scopeOfOrganisation(db, actor.orgCode);
    if (!scope) throw new CarepathError('NOT_FOUND', 'Your organisation is not known to Carepath.');
    return scope;
  };

  return {
    /** The extracts the actor's role may download, in the order the page lists them. */
    async extractChoices(actor: Actor): Promise<ExtractChoice[]> {
      const choices = EXTRACT_KINDS.filter((kind) =>
        isPermitted(REPORT_PERMISSIONS, EXTRACTS[kind].permission, actor.role),
      );
      if (choices.length === 0) {
        throw new CarepathError('NOT_PERMITTED', 'Your role does not allow you to download extracts.');
      }
      return choices.map((kind) => {
        const { title, description, ranged } = EXTRACTS[kind];
        return { kind, title, description, ranged };
      });
    },

    /**
     * One extract as streamed CSV. `query` holds the range fields of a ranged extract (see
     * `dateRangeQuerySchema`); a bad range is a VALIDATION error naming the field.
     */
    async extract(actor: Actor, kind: string, query: Record<string, string>): Promise<CsvDownload> {
      const known = extractKind(kind);
      const range = extractRange(known, query);
      return streamExtract(db, actor, await scopeOf(actor), known, range);
    },

    /**
     * Starts building an extract in the background (a large one: the page then shows its progress
     * and offers the file when ready, for a limited time). Same checks as `extract`; `done`
     * settles when the build has ended.
     */
    async startExtractBuild(
      actor: Actor,
      kind: string,
      query: Record<string, string>,
    ): Promise<{ id: string; done: Promise<void> }> {
      const known = extractKind(kind);
      const range = extractRange(known, query);
      return startBuild(db, actor, await scopeOf(actor), known, range);
    },

    /** The actor's own background build, as it stands. */
    extractBuild(actor: Actor, id: string): Promise<ExtractBuild> {
      return buildStatus(db, actor, id);
    },

    /** A ready build's file (gzip pieces), audited. */
    extractBuildFile(actor: Actor, id: string) {
      return buildFile(db, actor, id);
    },

    async dashboard(actor: Actor, query: Record<string, string>): Promise<Dashboard> {
      return loadDashboard(db, actor, await scopeOf(actor), query, options.refreshAfterMs ?? REFRESH_AFTER_MS);
    },

    /** The dashboard's figures for the same filters, as CSV (audited). */
    async dashboardDownload(actor: Actor, query: Record<string, string>): Promise<CsvDownload> {
      const dashboard = await loadDashboard(
        db,
        actor,
        await scopeOf(actor),
        query,
        options.refreshAfterMs ?? REFRESH_AFTER_MS,
      );
      return dashboardCsv(db, actor, dashboard);
    },
  };
}

export type ReportsService = ReturnType<typeof reportsService>;
