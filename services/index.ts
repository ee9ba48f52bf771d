import { adviceService } from './advice/advice.service';
import type { ServiceDeps } from './deps';
import { directoryService } from './directory/directory.service';
import { findService } from './find/find.service';
import { healthService } from './health/health.service';
import { identityService } from './identity/identity.service';
import { reportingOutages } from './infrastructure';
import { patientLetterService } from './letters/patient-letters.service';
import { codecService } from './ops/codec.service';
import { opsService } from './ops/ops.service';
import { patientService } from './patients/patients.service';
import { referralService } from './referrals/referrals.service';
import { replayService } from './replay/replay.service';
import { reportsService } from './reports/reports.service';
import { trainingService } from './training/training.service';
import { worklistService } from './worklists/worklists.service';

export type { ServiceDeps } from './deps';

/** Every feature's service, built once over the shared infrastructure. */
export function createServices(deps: ServiceDeps) {
  return reportingOutages({
    referrals: referralService(deps),
    advice: adviceService(deps),
    worklists: worklistService(deps),
    directory: directoryService(deps),
    identity: identityService(deps),
    health: healthService(deps),
    codec: codecService(deps),
    ops: opsService(deps),
    reports: reportsService(deps),
    find: findService(deps),
    letters: patientLetterService(deps),
    patients: patientService(deps),
    training: trainingService(deps),
    replay: replayService(deps),
  });
}

export type Services = ReturnType<typeof createServices>;
