import type { Actor } from '../../domain/actor';
import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { requirePermission } from '../../domain/permissions';
import type { Service } from '../../domain/referral';
import { nearestAlternatives } from '../../db/directory/capacity';
import { isVisibleToReferrer } from '../../db/directory/commissioning';
import { type SearchResult, findServices, londonDate, parseSearch } from '../../db/directory/search';
import { clinicTypes, getServiceSummary, specialties } from '../../db/directory/services.repository';
import type { ServiceDeps } from '../deps';

export type { SearchResult };

export type Specialty = Awaited<ReturnType<typeof specialties>>[number];
export type ClinicType = Awaited<ReturnType<typeof clinicTypes>>[number];
export type CodeLists = { specialties: Specialty[]; clinicTypes: ClinicType[] };

/** A service found, and for one under a capacity alert, the nearest like it that have capacity. */
export type SearchFinding = { result: SearchResult; alternatives: SearchResult[] };

// Alternatives for the first few alerted services only: each is one more search.
const ALERTED_WITH_ALTERNATIVES = 3;

/** The Directory of Services as referrers search it, and the code lists every feature's forms offer. */
export function directorySearchService({ db }: Pick<ServiceDeps, 'db'>) {
  const contextOf = (actor: Actor) => ({ referrerOrgCode: actor.orgCode, now: new Date() });
  return {
    /** The specialties, by name: the one list every specialty drop-down shows. */
    async specialties(): Promise<Specialty[]> {
      return specialties(db);
    },

    async codeLists(): Promise<CodeLists> {
      const [specialtyList, clinicTypeList] = await Promise.all([specialties(db), clinicTypes(db)]);
      return { specialties: specialtyList, clinicTypes: clinicTypeList };
    },

    /** A referrer's search, as the form sent it; VALIDATION with field messages when e-RS would refuse it. */
    async search(actor: Actor, raw: unknown): Promise<SearchResult[]> {
      requirePermission(DIRECTORY_PERMISSIONS, 'search', actor);
      return findServices(db, await parseSearch(db, raw), contextOf(actor));
    },

    /** `search`, with the nearest alternatives that have capacity beside services under an alert. */
    async searchWithAlternatives(actor: Actor, raw: unknown): Promise<SearchFinding[]> {
      requirePermission(DIRECTORY_PERMISSIONS, 'search', actor);
      const input = await parseSearch(db, raw);
      const context = contextOf(actor);
      let budget = ALERTED_WITH_ALTERNATIVES;
      return Promise.all(
        (await findServices(db, input, context)).map(async (result) => ({
          result,
          alternatives:
            result.capacityAlert && budget-- > 0 ? await nearestAlternatives(db, result, input, context) : [],
        })),
      );
    },

    /** The service as a referral's shortlist holds it, if the referrer's organisation may refer to it today. */
    async referrableService(actor: Actor, serviceId: string): Promise<Service | undefined> {
      requirePermission(DIRECTORY_PERMISSIONS, 'search', actor);
      const service = await getServiceSummary(db, serviceId);
      const visible =
        service && (await isVisibleToReferrer(db, actor.orgCode, Number(service.serviceId), londonDate(new Date())));
      return visible ? service : undefined;
    },
  };
}
