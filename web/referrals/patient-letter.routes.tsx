import { Hono } from 'hono';
import { FIND_PERMISSIONS } from '../../domain/find/permissions';
import { displayUbrn } from '../../domain/ids';
import { rolesFor } from '../../domain/permissions';
import type { AppDeps } from '../deps';
import { requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink } from '../components/display';
import { PatientLetter } from './patient-letter';

/**
 * Reprinting the patient's letter, for the referring organisation: a POST, because each reprint
 * issues a new access code (decision record 0013), shown on this page only and never again.
 */
export function patientLetterRoutes(deps: Pick<AppDeps, 'services'>) {
  return new Hono().post(
    '/referrals/:ubrn/patient-letter',
    requireRole(...rolesFor(FIND_PERMISSIONS, 'reprintPatientLetter')),
    async (c) => {
      const letter = await deps.services.letters.reprint(c.get('actor'), c.req.param('ubrn'));
      const { ubrn } = letter.referral;
      return c.html(
        <StaffLayout
          c={c}
          title={`Patient letter for ${displayUbrn(ubrn)}`}
          beforeContent={<BackLink href={`/referrals/${ubrn}`}>Back to the referral</BackLink>}
        >
          <div class="no-print">
            <h1 class="nhsuk-heading-l">Patient letter ready to print</h1>
            <p>
              This letter has a new access code. The code on any earlier letter no longer works: give the patient this
              one.
            </p>
          </div>
          <PatientLetter {...letter} reprintedAt={new Date()} />
          <button class="nhsuk-button no-print" type="button" data-print>
            Print the letter
          </button>
          <p class="no-print">
            <a href={`/referrals/${ubrn}`}>Go back to the referral</a>
          </p>
        </StaffLayout>,
      );
    },
  );
}
