import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeLetter } from '../../db/documents/documents.repository';
import type { DraftDetails } from '../../db/referral-drafts/draft.schema';
import { createDraft, markSubmitted } from '../../db/referral-drafts/drafts.repository';
import { upsertReferralRow } from '../../db/referrals/referrals.repository';
import { createInput, newReferral } from '../../domain/fixtures';
import { addUser, signIn } from '../../fixtures/identity';
import { type TestDatabase, createTestDatabase } from '../../tests/helpers/database';
import { type CleanUpPolicy, cleanUpStaleRows } from './clean-up';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const policy: CleanUpPolicy = { sessionGraceMs: DAY, draftRetentionMs: 30 * DAY, documentGraceMs: DAY };
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]);
const ORG = 'A81001';

describe('the clean-up activity', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.destroy());

  it('removes exactly the stale sessions, abandoned drafts and unreferenced letters, and keeps the rest', async () => {
    const { db } = database;
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms);

    const signedInUntil = async (expiresAt: Date) => {
      const { actor } = await signIn(db, { orgCode: ORG, role: 'B1101' });
      await db.updateTable('sessions').set({ expires_at: expiresAt }).where('user_id', '=', actor.userId).execute();
      return actor.userId;
    };
    const longGone = await signedInUntil(at(-2 * DAY));
    const recentlyGone = await signedInUntil(at(-HOUR)); // expired, but within the grace period
    const here = await signedInUntil(at(HOUR));
    const neverSignedIn = (await addUser(db, { orgCode: ORG, role: 'B1101' })).userId;

    const letter = async (uploaded: Date) => {
      const id = await storeLetter(db, { content: PDF, orgCode: ORG, uploadedBy: here });
      await sql`update documents set created_at = ${uploaded} where id = ${id}`.execute(db);
      return id;
    };
    const { priority, patient, specialty, clinicType, reason, clinicalInformation } = createInput();
    const draft = async (owner: string, touched: Date, letterId?: string) => {
      const details: DraftDetails = {
        ...{ priority, patient, specialty, clinicType, reason, clinicalInformation, clinicianUserId: owner },
        letter: letterId ? { status: 'ATTACHED', documentId: letterId } : { status: 'TO_FOLLOW' },
      };
      const id = await createDraft(db, { ownerUserId: owner, orgCode: ORG, details });
      await db.updateTable('referral_drafts').set({ updated_at: touched }).where('id', '=', id).execute();
      return id;
    };

    const letters = {
      ofAbandonedDraft: await letter(at(-40 * DAY)),
      ofDraftInUse: await letter(at(-40 * DAY)),
      ofSubmittedDraft: await letter(at(-40 * DAY)),
      ofReferral: await letter(at(-40 * DAY)),
      orphan: await letter(at(-2 * DAY)),
      youngOrphan: await letter(at(-HOUR)), // a refused form on screen may still carry it
    };
    const drafts = {
      abandoned: await draft(recentlyGone, at(-31 * DAY), letters.ofAbandonedDraft),
      abandonedNeverSignedIn: await draft(neverSignedIn, at(-31 * DAY)),
      ofSignedInAuthor: await draft(here, at(-31 * DAY), letters.ofDraftInUse),
      submitted: await draft(longGone, at(-31 * DAY), letters.ofSubmittedDraft),
      recent: await draft(longGone, at(-29 * DAY)),
    };
    await markSubmitted(db, drafts.submitted, '900000000017');
    await db
      .updateTable('referral_drafts')
      .set({ updated_at: at(-31 * DAY) })
      .where('id', '=', drafts.submitted)
      .execute();
    await upsertReferralRow(db, {
      ...newReferral({ letter: { status: 'ATTACHED', documentId: letters.ofReferral } }),
      ubrn: '900000000025',
    });

    expect(await cleanUpStaleRows(db, policy, now)).toEqual({ sessions: 1, drafts: 2, documents: 2, adviceFiles: 0 });

    const sessionsLeft = await db.selectFrom('sessions').select('user_id').execute();
    expect(sessionsLeft.map((s) => s.user_id).sort()).toEqual([recentlyGone, here].sort());
    const draftsLeft = await db.selectFrom('referral_drafts').select('id').execute();
    expect(draftsLeft.map((d) => d.id).sort()).toEqual(
      [drafts.ofSignedInAuthor, drafts.submitted, drafts.recent].sort(),
    );
    const lettersLeft = await db.selectFrom('documents').select('id').execute();
    expect(lettersLeft.map((d) => d.id).sort()).toEqual(
      [letters.ofDraftInUse, letters.ofSubmittedDraft, letters.ofReferral, letters.youngOrphan].sort(),
    );
    const audit = await db.selectFrom('audit_events').selectAll().where('action', '=', 'system.cleaned_up').execute();
    expect(audit.map((a) => a.detail)).toEqual([{ sessions: 1, drafts: 2, documents: 2, adviceFiles: 0 }]);

    // Nothing left to remove: a second run (a retry, an overlapping run) removes nothing more.
    expect(await cleanUpStaleRows(db, policy, now)).toEqual({ sessions: 0, drafts: 0, documents: 0, adviceFiles: 0 });
  });
});
