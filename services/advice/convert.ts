import type { Actor } from '../../domain/actor';
import { CONVERTED_REASON, referralServiceOf } from '../../domain/advice/conversion';
import type { Conversation } from '../../domain/advice/conversation';
import type { Priority } from '../../domain/priorities';
import { bindUbrnToDraft, draftBoundToUbrn } from '../../db/advice/conversion.repository';
import type { Executor } from '../../db/executor';
import { createDraft, saveShortlist } from '../../db/referral-drafts/drafts.repository';

/**
 * The create-journey draft a referrer's conversion continues in: the conversation's patient,
 * clinician, specialty and question, the advice service shortlisted when it takes referrals,
 * and the conversation's UBRN bound to it. Made once; asking again returns the same draft.
 */
export async function conversionDraft(
  db: Executor,
  actor: Actor,
  conversation: Conversation,
  priority: Priority,
): Promise<string> {
  const existing = await draftBoundToUbrn(db, conversation.ubrn);
  if (existing) return existing;
  const question = conversation.messages.find((m) => m.kind === 'QUESTION');
  const draftId = await createDraft(db, {
    ownerUserId: actor.userId,
    orgCode: actor.orgCode,
    details: {
      priority,
      patient: conversation.patient,
      specialty: conversation.service.specialty,
      reason: CONVERTED_REASON,
      clinicalInformation: question?.text ?? '',
      letter: { status: 'TO_FOLLOW' },
      clinicianUserId: conversation.requester.clinicianUserId,
    },
  });
  const service = referralServiceOf(conversation);
  if (service) await saveShortlist(db, draftId, actor.userId, [service]);
  await bindUbrnToDraft(db, draftId, conversation.ubrn);
  return (await draftBoundToUbrn(db, conversation.ubrn)) ?? draftId;
}
