import type { Kysely } from 'kysely';
import type { Config } from '../../config/env';
import { deleteUntiedAdviceAttachments } from '../../db/advice/attachments.repository';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Database } from '../../db/database';
import { deleteUnreferencedDocuments } from '../../db/documents/documents.repository';
import { deleteExpiredSessions } from '../../db/identity/sessions.repository';
import { deleteAbandonedDrafts } from '../../db/referral-drafts/drafts.repository';

/** How long each kind of leftover is kept; the clean-up schedule carries it to every run. */
export type CleanUpPolicy = {
  /** After a session expires: a user coming back within it is still told why they were signed out. */
  sessionGraceMs: number;
  /** A draft never submitted and untouched this long (and its author signed out) is abandoned. */
  draftRetentionMs: number;
  /** A letter nothing refers to is kept this long after upload. */
  documentGraceMs: number;
};

/** What one run removed: counts only, never ids or content. */
export type CleanedUp = { sessions: number; drafts: number; documents: number; adviceFiles: number };

const HOUR = 3_600_000;

/** The policy from the configuration; every worker puts it on the schedule at start. */
export function cleanUpPolicy(config: Pick<Config, 'DRAFT_RETENTION_DAYS' | 'SESSION_ABSOLUTE_HOURS'>): CleanUpPolicy {
  return {
    sessionGraceMs: 24 * HOUR,
    draftRetentionMs: config.DRAFT_RETENTION_DAYS * 24 * HOUR,
    // An unreferenced letter can still be carried by a refused form, but only within the session
    // that uploaded it, and no session outlives SESSION_ABSOLUTE_HOURS.
    documentGraceMs: Math.max(24 * HOUR, config.SESSION_ABSOLUTE_HOURS * HOUR),
  };
}

/**
 * Removes what nobody will use again: expired sessions, abandoned drafts, then letters nothing
 * refers to (drafts first, so that an abandoned draft's letter goes in the same run). One
 * transaction; running it again, or twice at once, removes nothing twice.
 */
export async function cleanUpStaleRows(db: Kysely<Database>, policy: CleanUpPolicy, now: Date): Promise<CleanedUp> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  return db.transaction().execute(async (tx) => {
    const removed = {
      sessions: await deleteExpiredSessions(tx, before(policy.sessionGraceMs)),
      drafts: await deleteAbandonedDrafts(tx, { untouchedBefore: before(policy.draftRetentionMs), now }),
      documents: await deleteUnreferencedDocuments(tx, before(policy.documentGraceMs)),
      // Advice files no message carried (a refused ask or reply): kept as long as letters are.
      adviceFiles: await deleteUntiedAdviceAttachments(tx, before(policy.documentGraceMs)),
    };
    // Drafts and letters hold patient data, so removing them is audited; sessions end all day long.
    if (removed.drafts + removed.documents + removed.adviceFiles > 0)
      await appendAudit(tx, { action: 'system.cleaned_up', detail: removed });
    return removed;
  });
}

/** The clean-up workflow's activity, bound to the database. */
export function createCleanUpActivities(db: Kysely<Database>) {
  return {
    cleanUpStaleRows: (policy: CleanUpPolicy) => cleanUpStaleRows(db, policy, new Date()),
  };
}

export type CleanUpActivities = ReturnType<typeof createCleanUpActivities>;
