import type { ServiceDeps } from '../deps';
import { capacityService } from './capacity';
import { clinicCancellationService } from './clinic-cancellation';
import { commissioningService } from './commissioning';
import { directorySearchService } from './search';
import { serviceAboutService } from './service-about';
import { serviceDefinitionService } from './service-definitions';

export type { Hotspot } from './capacity';
export type { CancelledBooking, ClinicCancelled } from './clinic-cancellation';
export type { CommissioningRule } from './commissioning';
export type { ClinicType, CodeLists, SearchFinding, SearchResult, Specialty } from './search';
export type { ServiceDetails, ServiceListing } from './service-definitions';
export type { ServiceAbout } from './service-about';

/** The directory feature's operations for the web and scripts: the only place its domain, database and Temporal meet. */
export function directoryService(deps: ServiceDeps) {
  return {
    ...serviceDefinitionService(deps),
    ...clinicCancellationService(deps),
    ...capacityService(deps),
    ...commissioningService(deps),
    ...directorySearchService(deps),
    ...serviceAboutService(deps),
  };
}

export type DirectoryService = ReturnType<typeof directoryService>;
