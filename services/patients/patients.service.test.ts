import { describe, expect, it } from 'vitest';
import { auditTrailFor } from '../../db/audit/audit.repository';
import { findPatient } from '../../db/patients/patients.repository';
import { addPatient } from '../../fixtures/patients';
import { ACTORS, GP, referralWorldSuite } from '../../tests/helpers/referral-world';
import { PATIENT_CSV_COLUMNS } from './patients-csv';

describe('the patients service', () => {
  const w = referralWorldSuite();
  const patients = () => w.system.services.patients;

  it('looks a patient up for a referrer only, and audits each look-up without personal data in the detail', async () => {
    const patient = await addPatient(w.db, { nhsNumber: '9990000085', givenName: 'Ava' });
    expect(await patients().lookUp(ACTORS.gp, '999 000 0085')).toEqual(patient);
    expect(await patients().lookUp(ACTORS.gp, '9990000093')).toBeUndefined();
    await expect(patients().lookUp(ACTORS.admin, '9990000085')).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    const audit = await auditTrailFor(w.db, 'patient', '9990000085');
    expect(audit.map((a) => a.detail)).toEqual([{ found: true, source: 'LOCAL' }]);
    expect((await auditTrailFor(w.db, 'patient', '9990000093')).map((a) => a.detail)).toEqual([
      { found: false, source: 'LOCAL' },
    ]);
  });

  it("names the patient's open referrals to a specialty the actor may see, and only counts the others", async () => {
    const patient = { ...(await addPatient(w.db, { nhsNumber: '9990000107' })), registeredPracticeCode: GP };
    const ours = await w.refer({ patient });
    const otherPractice = { ...ACTORS.gp, orgCode: 'A81002', userId: 'gp-2' };
    await w.refer({ patient }, otherPractice);
    const cancelled = await w.refer({ patient });
    await w.system.services.referrals.act(ACTORS.gp, cancelled.ubrn, {
      type: 'CANCEL_REFERRAL',
      expectedVersion: 1,
      reason: 'RAISED_IN_ERROR',
      comment: '',
    });
    const open = await patients().openReferrals(ACTORS.gp, '9990000107', 'CARDIOLOGY');
    expect(open.visible.map((r) => r.ubrn)).toEqual([ours.ubrn]);
    expect(open.others).toBe(1);
    expect(await patients().openReferrals(ACTORS.gp, '9990000107', 'DERMATOLOGY')).toEqual({ visible: [], others: 0 });
  });

  it('imports a CSV all or nothing', async () => {
    const header = PATIENT_CSV_COLUMNS.join(',');
    const good = '9990000115,Noah,Brennan,1990-12-17,male,"3 Brick Lane, London",E1 6RF,';
    const refused = await patients().importCsv(
      [header, good, '9990000116,Bad,Number,1990-12-17,male,x,E1 6RF,'].join('\n'),
    );
    expect(refused).toEqual({ imported: 0, problems: [{ line: 3, message: expect.stringMatching(/^nhs_number: /) }] });
    expect(await findPatient(w.db, '9990000115')).toBeUndefined();
    expect(await patients().importCsv([header, good].join('\n'))).toEqual({ imported: 1, problems: [] });
    expect((await findPatient(w.db, '9990000115'))?.address).toBe('3 Brick Lane, London');
  });
});
