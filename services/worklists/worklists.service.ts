import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { WORKLISTS, type WorklistKey, type WorklistSide, isWorklistKey, worklistSideOf } from '../../domain/worklists';
import { appendAudit, auditActor } from '../../db/audit/audit.repository';
import { listServices, specialties } from '../../db/directory/services.repository';
import type { Executor } from '../../db/executor';
import { type Notice, noticesFor } from '../../db/worklists/notices.repository';
import { type WorklistFilters, worklistFiltersSchema } from '../../db/worklists/worklist.schema';
import { type WorklistRow, worklistCounts, worklistPage } from '../../db/worklists/worklists.repository';
import type { ServiceDeps } from '../deps';

export type { Notice, WorklistFilters, WorklistRow };

/** One page of a worklist, with the filters it was read with: filters narrow, they never fail. */
export type WorklistRegion = {
  key: WorklistKey;
  filters: WorklistFilters;
  rows: WorklistRow[];
  /** The cursor of the next page, if there is one. */
  next: string | undefined;
};

/** The choices of a worklist's filter form. */
export type FilterOptions = { services: { id: string; name: string }[]; specialties: { code: string; name: string }[] };

/** A worklist page: the list, the side's tiles with their counts, and the filter choices. */
export type WorklistPage = WorklistRegion & {
  side: WorklistSide;
  counts: Record<WorklistKey, number>;
  options: FilterOptions;
};

/** The side whose worklists the actor works from; NOT_PERMITTED for roles without worklists. */
function sideOf(actor: Actor): WorklistSide {
  const side = worklistSideOf(actor.role);
  if (!side) throw new CarepathError('NOT_PERMITTED', 'Your role has no worklists. Change your role to use them.');
  return side;
}

/** The worklist named, if the actor's side has it. */
function worklistFor(actor: Actor, key: string): WorklistKey {
  if (!isWorklistKey(key)) throw new CarepathError('NOT_FOUND', 'There is no such worklist.');
  const list = WORKLISTS[key];
  if (list.side !== worklistSideOf(actor.role)) {
    throw new CarepathError('NOT_PERMITTED', `${list.title} is a ${list.side} worklist. Change your role to use it.`);
  }
  return key;
}

const ownerOf = (actor: Actor) => ({ orgCode: actor.orgCode, userId: actor.userId });

/**
 * A page of a worklist, audited: a worklist shows patients' names and NHS numbers, so every
 * view leaves a row saying which list, which page and how many rows, never which patients.
 */
async function region(db: Executor, actor: Actor, key: WorklistKey, filters: WorklistFilters): Promise<WorklistRegion> {
  const { rows, next } = await worklistPage(db, key, ownerOf(actor), filters);
  await appendAudit(db, {
    ...auditActor(actor),
    action: 'worklist.viewed',
    subject_type: 'worklist',
    subject_id: key,
    detail: { page: filters.after ? 'next' : 'first', rows: rows.length, filtered: isFiltered(filters) },
  });
  return { key, filters, rows, next };
}

const isFiltered = ({ after: _page, ...filters }: WorklistFilters) => Object.values(filters).some(Boolean);

async function filterOptions(db: Executor, side: WorklistSide, orgCode: string): Promise<FilterOptions> {
  const [services, specialtyList] = await Promise.all([
    side === 'provider' ? listServices(db, { providerOrgCode: orgCode }) : [],
    specialties(db),
  ]);
  return { services: services.map((s) => ({ id: String(s.id), name: s.name })), specialties: specialtyList };
}

/** The worklists feature's operations for the web and scripts: each actor sees their own organisation's lists. */
export function worklistService({ db }: ServiceDeps) {
  return {
    /** The list alone, as htmx polls it. `query` is the query string: filters and the page's cursor. */
    async rows(actor: Actor, key: string, query: unknown): Promise<WorklistRegion> {
      return region(db, actor, worklistFor(actor, key), worklistFiltersSchema.parse(query));
    },

    /** The whole worklist page: NOT_FOUND for no such list, NOT_PERMITTED for the other side's. */
    async page(actor: Actor, key: string, query: unknown): Promise<WorklistPage> {
      const list = worklistFor(actor, key);
      const side = WORKLISTS[list].side;
      const filters = worklistFiltersSchema.parse(query);
      const [shown, counts, options] = await Promise.all([
        region(db, actor, list, filters),
        worklistCounts(db, side, ownerOf(actor), { mine: filters.mine }),
        filterOptions(db, side, actor.orgCode),
      ]);
      return { ...shown, side, counts, options };
    },

    /** The tile counts of the actor's side, for a home page; undefined for roles without worklists. */
    async counts(actor: Actor): Promise<{ side: WorklistSide; counts: Record<WorklistKey, number> } | undefined> {
      const side = worklistSideOf(actor.role);
      return side && { side, counts: await worklistCounts(db, side, ownerOf(actor)) };
    },

    /** What the outbox queued for the actor's side of their organisation, newest first; audited (patients' names). */
    async notices(actor: Actor): Promise<Notice[]> {
      const notices = await noticesFor(db, sideOf(actor) === 'provider' ? 'PROVIDER' : 'REFERRER', actor.orgCode);
      await appendAudit(db, {
        ...auditActor(actor),
        action: 'notifications.viewed',
        subject_type: 'notifications',
        subject_id: actor.orgCode,
        detail: { rows: notices.length },
      });
      return notices;
    },
  };
}

export type WorklistService = ReturnType<typeof worklistService>;
