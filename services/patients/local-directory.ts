import type { PatientDirectory } from '../../domain/patients/patient-directory';
import type { Executor } from '../../db/executor';
import { findPatient } from '../../db/patients/patients.repository';

/** The demographics service Carepath runs itself: the `patients` table (demo seed, CSV import). */
export function localPatientDirectory(db: Executor): PatientDirectory {
  return {
    source: 'LOCAL',
    findByNhsNumber: (nhsNumber) => findPatient(db, nhsNumber),
  };
}
