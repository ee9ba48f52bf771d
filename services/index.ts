import type { ServiceDeps } from './deps';
import { directoryService } from './directory/directory.service';
import { healthService } from './health/health.service';
import { identityService } from './identity/identity.service';
import { reportingOutages } from './infrastructure';
import { codecService } from './ops/codec.service';
import { opsService } from './ops/ops.service';
import { referralService } from './referrals/referrals.service';
import { worklistService } from './worklists/worklists.service';

export type { ServiceDeps } from './deps';

/** Every feature's service, built once over the shared infrastructure. */
export function createServices(deps: ServiceDeps) {
  return reportingOutages({
    referrals: referralService(deps),
    worklists: worklistService(deps),
    directory: directoryService(deps),
    identity: identityService(deps),
    health: healthService(deps),
    codec: codecService(deps),
    ops: opsService(deps),
  });
}

export type Services = ReturnType<typeof createServices>;
