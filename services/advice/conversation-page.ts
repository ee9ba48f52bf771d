import type { Actor } from '../../domain/actor';
import type { AdviceCommandType } from '../../domain/advice/commands';
import type { Conversation } from '../../domain/advice/conversation';
import { availableAdviceActions, canViewConversation } from '../../domain/advice/guard';
import { ADVICE_PERMISSIONS } from '../../domain/advice/permissions';
import type { AdviceState } from '../../domain/advice/states';
import { CarepathError } from '../../domain/errors';
import { requirePermission } from '../../domain/permissions';
import { isReferrerRole } from '../../domain/roles';
import { getAdviceEntries, getAdviceRow, markReadByReferrer } from '../../db/advice/advice.repository';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Executor } from '../../db/executor';

/** Who saw (or was refused) which conversation, as what, and when. No personal data in `detail`. */
export function auditAdvice(
  db: Executor,
  actor: Actor,
  action: 'advice.viewed' | 'advice.view_refused' | 'advice.summary_downloaded' | 'advice.attachment_viewed',
  ubrn: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  return appendAudit(db, {
    action,
    actor_user_id: actor.userId,
    actor_role: actor.role,
    actor_org: actor.orgCode,
    subject_type: 'advice',
    subject_id: ubrn,
    ...(detail ? { detail } : {}),
  });
}

/** One line of the history: what happened, by whom, when (the message itself is in the conversation). */
export type AdviceHistoryLine = { version: number; at: Date; summary: string; actorName: string | null };

/** The conversation page: the conversation, or only its stub once expired, and what this actor may do. */
export type AdvicePageData =
  | { kind: 'live'; conversation: Conversation; actions: AdviceCommandType[]; history: AdviceHistoryLine[] }
  | {
      kind: 'expired';
      ubrn: string;
      state: AdviceState;
      serviceName: string;
      contentDeletedAt: Date | null;
      history: AdviceHistoryLine[];
    };

const notFound = () => new CarepathError('NOT_FOUND', 'There is no advice request with this booking reference');

/**
 * Loads the conversation for the actor from the read tables: NOT_FOUND, NO_RELATIONSHIP (audited
 * as refused), or the page's data (audited as viewed). `purpose` names the page for the audit.
 */
export async function loadConversation(
  db: Executor,
  actor: Actor,
  ubrn: string,
  purpose: 'page' | 'summary',
  auditDetail: Record<string, unknown> = {},
): Promise<AdvicePageData> {
  requirePermission(ADVICE_PERMISSIONS, purpose === 'page' ? 'view' : 'downloadSummary', actor);
  const row = await getAdviceRow(db, ubrn);
  if (!row) throw notFound();
  const orgs = isReferrerRole(actor.role) ? row.referrer_org_code : row.provider_org_code;
  if (orgs !== actor.orgCode || (row.snapshot && !canViewConversation(row.snapshot, actor))) {
    await auditAdvice(db, actor, 'advice.view_refused', ubrn, { page: purpose });
    throw new CarepathError('NO_RELATIONSHIP', 'This advice request is not one of your organisation’s');
  }
  const history = (await getAdviceEntries(db, ubrn)).map((e) => ({
    version: e.version,
    at: e.at,
    summary: e.summary,
    actorName: e.actor_name,
  }));
  await auditAdvice(db, actor, purpose === 'page' ? 'advice.viewed' : 'advice.summary_downloaded', ubrn, {
    version: row.version,
    ...auditDetail,
  });
  if (!row.snapshot) {
    return {
      kind: 'expired',
      ubrn,
      state: row.state as AdviceState,
      serviceName: row.service_name,
      contentDeletedAt: row.content_deleted_at,
      history,
    };
  }
  // The requester's organisation has now seen the provider's latest message.
  if (isReferrerRole(actor.role)) await markReadByReferrer(db, ubrn, row.version);
  const conversation = row.snapshot;
  return { kind: 'live', conversation, actions: availableAdviceActions(conversation, actor), history };
}
