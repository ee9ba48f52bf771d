import type { Actor } from '../../domain/actor';
import { canView } from '../../domain/guard';
import { nhsNumberSchema } from '../../domain/ids';
import type { DemographicRecord, PatientDirectory } from '../../domain/patients/patient-directory';
import { requirePermission } from '../../domain/permissions';
import { REFERRAL_PERMISSIONS } from '../../domain/referral-permissions';
import type { ReferralState } from '../../domain/states';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Executor } from '../../db/executor';
import { openReferralsOf, upsertPatients } from '../../db/patients/patients.repository';
import type { ServiceDeps } from '../deps';
import { localPatientDirectory } from './local-directory';
import { type CsvProblem, parsePatientsCsv } from './patients-csv';

export type { DemographicRecord } from '../../domain/patients/patient-directory';
export type { CsvProblem } from './patients-csv';

/** Open referrals of a patient to one specialty: those the actor may see, and how many others exist. */
export type OpenReferrals = { visible: { ubrn: string; state: ReferralState; createdAt: string }[]; others: number };

/**
 * The demographics service this deployment uses. The local table until a PDS connection is
 * configured (see `pds-directory.ts` for the adapter's shape): every caller gets it here.
 */
export function patientDirectoryFor(deps: Pick<ServiceDeps, 'db'>): PatientDirectory {
  return localPatientDirectory(deps.db);
}

/** The patient looked up for a referral, or undefined; every look-up is audited (no NHS number in the detail). */
export async function lookUpPatient(
  db: Executor,
  directory: PatientDirectory,
  actor: Actor,
  nhsNumber: string,
): Promise<DemographicRecord | undefined> {
  requirePermission(REFERRAL_PERMISSIONS, 'create', actor);
  const parsed = nhsNumberSchema.safeParse(nhsNumber);
  if (!parsed.success) return undefined;
  const found = await directory.findByNhsNumber(parsed.data);
  await appendAudit(db, {
    action: 'patient.looked_up',
    actor_user_id: actor.userId,
    actor_role: actor.role,
    actor_org: actor.orgCode,
    subject_type: 'patient',
    subject_id: parsed.data,
    detail: { found: found !== undefined, source: directory.source },
  });
  return found;
}

/**
 * The patient's open referrals to this specialty, for the "already referred" warning. Only
 * those the actor has a relationship with are named; the rest are counted.
 */
export async function openReferrals(db: Executor, actor: Actor, nhsNumber: string, specialty: string) {
  requirePermission(REFERRAL_PERMISSIONS, 'create', actor);
  const rows = await openReferralsOf(db, nhsNumber, specialty);
  const visible = rows.filter((r) => canView(r.snapshot, actor));
  return {
    visible: visible.map((r) => ({
      ubrn: r.ubrn,
      state: r.state as ReferralState,
      createdAt: r.created_at.toISOString(),
    })),
    others: rows.length - visible.length,
  } satisfies OpenReferrals;
}

/**
 * Imports a patients CSV into the local table: all of it, or (with any problem) none of it,
 * so a file fixed and imported again never leaves half a list behind.
 */
export async function importPatientsCsv(
  db: Executor,
  text: string,
): Promise<{ imported: number; problems: CsvProblem[] }> {
  const { records, problems } = parsePatientsCsv(text);
  if (problems.length > 0) return { imported: 0, problems };
  return { imported: await upsertPatients(db, records), problems };
}

/** Demographics for the web and scripts: look-ups when creating a referral, and the CSV import. */
export function patientService(deps: ServiceDeps) {
  const { db } = deps;
  const directory = patientDirectoryFor(deps);
  return {
    /** The person with this NHS number, for a referrer creating a referral (audited). */
    lookUp: async (actor: Actor, nhsNumber: string) => lookUpPatient(db, directory, actor, nhsNumber),
    /** Open referrals of this patient to this specialty: the create journey warns, it does not refuse. */
    openReferrals: async (actor: Actor, nhsNumber: string, specialty: string) =>
      openReferrals(db, actor, nhsNumber, specialty),
    /** Imports a patients CSV into the local table (all lines or none). */
    importCsv: async (text: string) => importPatientsCsv(db, text),
  };
}

export type PatientService = ReturnType<typeof patientService>;
