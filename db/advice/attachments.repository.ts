import { createHash, randomBytes } from 'node:crypto';
import type { AttachmentRef } from '../../domain/advice/conversation';
import { letterProblem, sniffLetterType } from '../documents/documents.repository';
import type { Executor } from '../executor';

/** Why a file cannot go with a message: the referral letter's rules, word for word. */
export const attachmentProblem = letterProblem;

/**
 * Stores a checked file before the message that carries it is sent; the projection ties it to
 * the conversation. Throws if `attachmentProblem` would refuse it.
 */
export async function storeAdviceAttachment(
  db: Executor,
  input: { content: Uint8Array; name: string; orgCode: string; uploadedBy: string },
): Promise<AttachmentRef> {
  const problem = attachmentProblem(input.content);
  if (problem) throw new Error(problem);
  const ref: AttachmentRef = {
    id: randomBytes(16).toString('base64url'),
    name: input.name.trim().slice(0, 200) || 'attachment',
    mediaType: sniffLetterType(input.content)!,
    sizeBytes: input.content.byteLength,
  };
  await db
    .insertInto('advice_attachments')
    .values({
      id: ref.id,
      ubrn: null,
      org_code: input.orgCode,
      uploaded_by: input.uploadedBy,
      name: ref.name,
      media_type: ref.mediaType,
      size_bytes: ref.sizeBytes,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      content: input.content,
    })
    .execute();
  return ref;
}

/** Ties files to the conversation whose message carried them (only files not already tied). */
export async function tieAttachments(db: Executor, ubrn: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('advice_attachments').set({ ubrn }).where('id', 'in', ids).where('ubrn', 'is', null).execute();
}

/** A file of this conversation, or nothing. */
export function getAdviceAttachment(db: Executor, ubrn: string, id: string) {
  return db
    .selectFrom('advice_attachments')
    .select(['id', 'name', 'media_type', 'size_bytes', 'content'])
    .where('id', '=', id)
    .where('ubrn', '=', ubrn)
    .executeTakeFirst();
}

/** Files the uploader's organisation stored and no message has carried yet (they may go with the next). */
export function untiedAttachment(db: Executor, id: string, orgCode: string) {
  return db
    .selectFrom('advice_attachments')
    .select(['id', 'name', 'media_type', 'size_bytes'])
    .where('id', '=', id)
    .where('org_code', '=', orgCode)
    .where('ubrn', 'is', null)
    .executeTakeFirst();
}

/**
 * Files stored for a message that never went (a refused ask or command, a form abandoned after
 * a refusal) and uploaded before `before`: deleted by the hourly clean-up. A file a message
 * carried is tied to its conversation and stays until the UBRN expires. Returns how many went.
 */
export async function deleteUntiedAdviceAttachments(db: Executor, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('advice_attachments')
    .where('ubrn', 'is', null)
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
