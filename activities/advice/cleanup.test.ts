import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAdviceAttachment, tieAttachments } from '../../db/advice/attachments.repository';
import { type TestDatabase, createTestDatabase } from '../../tests/helpers/database';
import { type CleanUpPolicy, cleanUpStaleRows } from '../cleanup/clean-up';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const policy: CleanUpPolicy = { sessionGraceMs: DAY, draftRetentionMs: 30 * DAY, documentGraceMs: DAY };
const PDF = new TextEncoder().encode('%PDF-1.4 advice file');

describe('the hourly clean-up and advice files', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.destroy());

  it('deletes the files of a refused ask (never carried by a message) once past the grace, and no others', async () => {
    const { db } = database;
    const now = new Date();
    const file = async (uploadedAgo: number, ubrn?: string) => {
      const ref = await storeAdviceAttachment(db, {
        content: PDF,
        name: 'ecg.pdf',
        orgCode: 'A81001',
        uploadedBy: 'u',
      });
      if (ubrn) await tieAttachments(db, ubrn, [ref.id]);
      await sql`update advice_attachments set created_at = ${new Date(now.getTime() - uploadedAgo)} where id = ${ref.id}`.execute(
        db,
      );
      return ref.id;
    };
    const refusedLongAgo = await file(2 * DAY);
    const refusedJustNow = await file(HOUR); // the form may still be resubmitted with it
    const sentLongAgo = await file(40 * DAY, '000000001234');

    expect(await cleanUpStaleRows(db, policy, now)).toMatchObject({ adviceFiles: 1 });
    const left = await db.selectFrom('advice_attachments').select('id').execute();
    expect(left.map((r) => r.id).sort()).toEqual([refusedJustNow, sentLongAgo].sort());
    expect(left.map((r) => r.id)).not.toContain(refusedLongAgo);
    const audit = await db
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'system.cleaned_up')
      .execute();
    expect(audit.map((a) => a.detail)).toEqual([expect.objectContaining({ adviceFiles: 1 })]);
    // Again: nothing more to remove, nothing audited twice.
    expect(await cleanUpStaleRows(db, policy, now)).toMatchObject({ adviceFiles: 0 });
  });
});
