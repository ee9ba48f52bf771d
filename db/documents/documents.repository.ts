import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../executor';
import type { LetterMediaType } from './documents.table';

export const MAX_LETTER_BYTES = 5 * 1024 * 1024;

// The file's own first bytes decide its type: a name or a browser-sent type can say anything.
const SIGNATURES: { type: LetterMediaType; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

export function sniffLetterType(content: Uint8Array): LetterMediaType | undefined {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => content[i] === b))?.type;
}

/** Why a file cannot be a referral letter, in words for the user; undefined when it can. */
export function letterProblem(content: Uint8Array): string | undefined {
  if (content.byteLength === 0) return 'The selected file is empty';
  if (content.byteLength > MAX_LETTER_BYTES) return 'The selected file must be smaller than 5 MB';
  if (!sniffLetterType(content)) return 'The selected file must be a PDF, PNG or JPEG';
  return undefined;
}

/** Stores a checked letter and returns its id. Throws if `letterProblem` would refuse it. */
export async function storeLetter(
  db: Executor,
  input: { content: Uint8Array; orgCode: string; uploadedBy: string },
): Promise<string> {
  const problem = letterProblem(input.content);
  if (problem) throw new Error(problem);
  const id = randomBytes(16).toString('base64url');
  await db
    .insertInto('documents')
    .values({
      id,
      org_code: input.orgCode,
      uploaded_by: input.uploadedBy,
      media_type: sniffLetterType(input.content)!,
      size_bytes: input.content.byteLength,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      content: input.content,
    })
    .execute();
  return id;
}

export function getDocument(db: Executor, id: string) {
  return db
    .selectFrom('documents')
    .select(['id', 'org_code', 'media_type', 'size_bytes', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Removes letters uploaded before `uploadedBefore` that no referral and no draft refers to; a
 * referral holds at most one letter, in its snapshot, and a draft in its details. Younger letters
 * stay even unreferenced: a refused form on screen may carry one, or an attach may not have
 * reached the referral's read row yet. Both lookups use an index of the letter's id.
 */
export async function deleteUnreferencedDocuments(db: Executor, uploadedBefore: Date): Promise<number> {
  const rows = await db
    .deleteFrom('documents as doc')
    .where('doc.created_at', '<', uploadedBefore)
    .where(({ not, exists, selectFrom, ref }) =>
      not(
        exists(
          selectFrom('referrals as r')
            .select('r.ubrn')
            .where(sql`r.snapshot -> 'letter' ->> 'documentId'`, '=', ref('doc.id')),
        ),
      ),
    )
    .where(({ not, exists, selectFrom, ref }) =>
      not(
        exists(
          selectFrom('referral_drafts as d')
            .select('d.id')
            .where(sql`d.details -> 'letter' ->> 'documentId'`, '=', ref('doc.id')),
        ),
      ),
    )
    .returning('doc.id')
    .execute();
  return rows.length;
}
