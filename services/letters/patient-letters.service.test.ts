import { verify } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import type { Referral } from '../../domain/referral';
import { ACTORS, GP, referralWorldSuite } from '../../tests/helpers/referral-world';
import { signIn } from '../../tests/helpers/session';
import { actOnReferral } from '../referrals/referral-workflows';

describe('reprinting the patient letter (real Temporal and PostgreSQL)', () => {
  const w = referralWorldSuite();
  let referral: Referral;

  const storedHash = async (ubrn: string) =>
    (await w.db.selectFrom('referral_access_codes').select('code_hash').where('ubrn', '=', ubrn).executeTakeFirst())
      ?.code_hash;

  it('gives the referring practice the letter with a fresh access code, keeping only its hash', async () => {
    referral = await w.refer({
      patient: {
        nhsNumber: '9990000018',
        givenName: 'Alice',
        familyName: 'Example',
        dateOfBirth: '1961-02-03',
        sex: 'female',
        postcode: 'LS1 4AP',
        address: '1 Park Row\nLeeds',
        registeredPracticeCode: GP,
      },
    });
    // The code the create journey kept with the draft, in plain text for its success page.
    await w.db
      .insertInto('referral_drafts')
      .values({
        id: 'draft-of-letter',
        owner_user_id: 'gp-1',
        org_code: GP,
        details: JSON.stringify({}) as never,
        submitted_ubrn: referral.ubrn,
        access_code: 'ABCDEFGH',
      })
      .execute();
    const first = await w.system.services.letters.reprint(ACTORS.gp, referral.ubrn);
    const draft = await w.db
      .selectFrom('referral_drafts')
      .select('access_code')
      .where('id', '=', 'draft-of-letter')
      .executeTakeFirstOrThrow();
    // Cleared: the success page must not show a code that no longer works.
    expect(draft.access_code).toBeNull();
    expect(first.accessCode).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(first.referral.patient.address).toBe('1 Park Row\nLeeds');
    const hash = await storedHash(referral.ubrn);
    expect(hash).not.toContain(first.accessCode!);
    expect(await verify(hash!, first.accessCode!)).toBe(true);

    // A second reprint replaces the code: the first letter's no longer matches.
    const second = await w.system.services.letters.reprint(ACTORS.gpAdmin, referral.ubrn);
    expect(second.accessCode).not.toBe(first.accessCode);
    const replaced = await storedHash(referral.ubrn);
    expect(await verify(replaced!, second.accessCode!)).toBe(true);
    expect(await verify(replaced!, first.accessCode!)).toBe(false);
  });

  it('names the clinic’s address and telephone from the Directory of Services once a service holds the referral', async () => {
    await actOnReferral(
      w.client,
      referral.ubrn,
      { type: 'REQUEST_IBS', expectedVersion: 1, serviceId: w.services.ibs.serviceId },
      ACTORS.gp,
    );
    await w.db
      .updateTable('services')
      .set({ address: '1 Great George Street, Leeds LS1 3EX', telephone: '0113 243 2799' })
      .where('id', '=', Number(w.services.ibs.serviceId))
      .execute();
    const letter = await w.system.services.letters.reprint(ACTORS.gp, referral.ubrn);
    expect(letter.clinic).toEqual({
      location: 'Leeds General Infirmary',
      address: '1 Great George Street, Leeds LS1 3EX',
      telephone: '0113 243 2799',
    });
  });

  it('audits every reprint, never the code', async () => {
    const rows = await w.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'referral.letter_reprinted')
      .where('subject_id', '=', referral.ubrn)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.actor_user_id, r.actor_role])).toEqual([
      ['gp-1', 'B1101'],
      ['gp-admin-1', 'B1103'],
      ['gp-1', 'B1101'],
    ]);
    expect(rows[0]!.detail).toEqual({ version: 1, accessCode: 'replaced' });
  });

  it('is the referring organisation’s alone', async () => {
    const { letters } = w.system.services;
    await expect(letters.reprint(ACTORS.clinician, referral.ubrn)).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    const elsewhere = (await signIn(w.db, { orgCode: 'B82002', role: 'B1101', userId: 'gp-elsewhere' })).actor;
    await expect(letters.reprint(elsewhere, referral.ubrn)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await w.db.selectFrom('audit_events').select('action').where('actor_user_id', '=', 'gp-elsewhere').execute(),
    ).toEqual([{ action: 'referral.view_refused' }]);
  });
});
