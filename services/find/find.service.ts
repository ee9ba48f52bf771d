import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { FIND_PERMISSIONS } from '../../domain/find/permissions';
import {
  FIND_RESULT_LIMIT,
  type FindKind,
  ORGANISATION_PAGE_SIZE,
  RECENT_DAYS,
  findQueryOf,
} from '../../domain/find/search';
import { canView } from '../../domain/guard';
import { requirePermission } from '../../domain/permissions';
import { worklistSideOf } from '../../domain/worklists';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Executor } from '../../db/executor';
import {
  type FoundReferral,
  type RecentCursor,
  findReferrals,
  recentReferrerReferrals,
} from '../../db/referrals/find.repository';
import { OWNER_COLUMN } from '../../db/worklists/worklist-membership';
import type { ServiceDeps } from '../deps';

/** One referral on a results list: enough to tell it apart and open it. No clinical text. */
export type FindResult = Omit<FoundReferral, 'snapshot'>;

export type SearchOutcome = {
  kind: FindKind;
  results: FindResult[];
  /** More matched than are shown (the most recently changed first). */
  limited: boolean;
};

export type OrganisationReferrals = { results: FindResult[]; next: string | undefined; recentDays: number };

/** What the search form sends: the one box, and the date of birth a surname search needs (ISO). */
export type SearchInput = { q: string; dateOfBirth?: string | undefined };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps only the referrals `canView` lets this actor see: the query is already scoped by the
 * organisation column, and this is the domain's own relationship rule applied to what it found,
 * so a scope that drifted from the rule could not show anyone's referral.
 */
function visibleTo(actor: Actor, rows: FoundReferral[]): FindResult[] {
  return rows.filter((row) => canView(row.snapshot, actor)).map(({ snapshot: _snapshot, ...result }) => result);
}

function scopeOf(actor: Actor) {
  const side = worklistSideOf(actor.role);
  if (!side) throw new CarepathError('NOT_PERMITTED', 'Your role has no referrals to find.');
  return { column: OWNER_COLUMN[side], orgCode: actor.orgCode };
}

/** Who looked, what kind of look-up, and which referrals it showed: never the terms typed (an NHS number, a name). */
function auditLookUp(db: Executor, actor: Actor, action: string, detail: Record<string, unknown>) {
  return appendAudit(db, {
    action,
    actor_user_id: actor.userId,
    actor_role: actor.role,
    actor_org: actor.orgCode,
    detail,
  });
}

const cursorSchema = z.tuple([z.iso.datetime({ offset: true }), z.string().regex(/^\d{12}$/)]);

function encodeCursor(cursor: RecentCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.ubrn])).toString('base64url');
}

/** A cursor from the query string; a tampered or stale one starts again at the first page. */
function decodeCursor(text: unknown): RecentCursor | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { updatedAt: parsed.data[0], ubrn: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

/** Finding referrals: by booking reference, NHS number or surname and date of birth, and a practice's own list. */
export function findService({ db }: ServiceDeps) {
  return {
    /**
     * The actor's organisation's referrals matching the search box. VALIDATION (naming `q` or
     * `dob`) when the box cannot be read; every search that runs is audited with its kind and
     * what it showed.
     */
    async search(actor: Actor, input: SearchInput): Promise<SearchOutcome> {
      requirePermission(FIND_PERMISSIONS, 'findReferral', actor);
      const scope = scopeOf(actor);
      const query = findQueryOf(input);
      const rows = await findReferrals(db, scope, query, FIND_RESULT_LIMIT + 1);
      const results = visibleTo(actor, rows.slice(0, FIND_RESULT_LIMIT));
      await auditLookUp(db, actor, 'referral.searched', {
        kind: query.kind,
        results: results.length,
        ubrns: results.map((r) => r.ubrn),
      });
      return { kind: query.kind, results, limited: rows.length > FIND_RESULT_LIMIT };
    },

    /**
     * A page of the referring organisation's referrals, open or changed in the last
     * RECENT_DAYS, most recently changed first: the way back to any referral, on a worklist or
     * not. `after` is the page cursor from the query string. Audited like a search.
     */
    async organisationReferrals(actor: Actor, after: unknown, now = new Date()): Promise<OrganisationReferrals> {
      requirePermission(FIND_PERMISSIONS, 'listOrganisationReferrals', actor);
      const { rows, next } = await recentReferrerReferrals(db, actor.orgCode, {
        since: new Date(now.getTime() - RECENT_DAYS * DAY_MS),
        after: decodeCursor(after),
        limit: ORGANISATION_PAGE_SIZE,
      });
      const results = visibleTo(actor, rows);
      await auditLookUp(db, actor, 'referral.organisation_list_viewed', {
        results: results.length,
        ubrns: results.map((r) => r.ubrn),
      });
      return { results, next: next && encodeCursor(next), recentDays: RECENT_DAYS };
    },
  };
}

export type FindService = ReturnType<typeof findService>;
