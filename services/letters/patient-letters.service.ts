import type { Actor } from '../../domain/actor';
import { FIND_PERMISSIONS } from '../../domain/find/permissions';
import { requirePermission } from '../../domain/permissions';
import type { Referral } from '../../domain/referral';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Executor } from '../../db/executor';
import { newAccessCode } from '../../db/referral-drafts/drafts.repository';
import { type ClinicContact, clinicContact, replaceAccessCode } from '../../db/referrals/patient-letters.repository';
import type { ServiceDeps } from '../deps';
import { hashPassword } from '../identity/passwords';
import { loadReferral } from '../referrals/load-referral';

export type { ClinicContact };

/** Everything the patient's letter prints: the referral, its access code, and the clinic's contact details. */
export type PatientLetterData = {
  referral: Referral;
  accessCode: string | undefined;
  clinic: ClinicContact | undefined;
};

/** The DOS contact details of the service the referral sits with, if it has one. */
export async function clinicOf(db: Executor, referral: Referral): Promise<ClinicContact | undefined> {
  return referral.service ? clinicContact(db, referral.service.serviceId) : undefined;
}

/** The patient's letter, printed again by the referring organisation. */
export function patientLetterService({ db }: ServiceDeps) {
  return {
    /**
     * The letter again, with a fresh access code that replaces the one before (decision record
     * 0013): a reprint usually means the first letter is lost, and its code should not keep
     * working for whoever finds it. Only the code's hash is kept. For the referring
     * organisation's roles only; any other relationship answers NOT_FOUND, as the referral page
     * does. Audited, with the version printed.
     */
    async reprint(actor: Actor, ubrn: string): Promise<PatientLetterData> {
      requirePermission(FIND_PERMISSIONS, 'reprintPatientLetter', actor);
      const referral = await loadReferral(db, actor, ubrn);
      const accessCode = newAccessCode();
      const codeHash = await hashPassword(accessCode);
      await db.transaction().execute(async (trx) => {
        await replaceAccessCode(trx, { ubrn: referral.ubrn, codeHash, issuedByUserId: actor.userId });
        await appendAudit(trx, {
          action: 'referral.letter_reprinted',
          actor_user_id: actor.userId,
          actor_role: actor.role,
          actor_org: actor.orgCode,
          subject_type: 'referral',
          subject_id: referral.ubrn,
          detail: { version: referral.version, accessCode: 'replaced' },
        });
      });
      return { referral, accessCode, clinic: await clinicOf(db, referral) };
    },
  };
}

export type PatientLetterService = ReturnType<typeof patientLetterService>;
