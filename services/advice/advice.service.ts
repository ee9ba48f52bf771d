import type { Actor } from '../../domain/actor';
import type { AdviceCommandInput } from '../../domain/advice/commands';
import type { AttachmentRef } from '../../domain/advice/conversation';
import { ADVICE_PERMISSIONS } from '../../domain/advice/permissions';
import { effectiveResponseTarget, responseTargetFormSchema } from '../../domain/advice/response-target';
import type { AdviceState } from '../../domain/advice/states';
import {
  ADVICE_WORKLISTS,
  type AdviceWorklistKey,
  adviceWorklistsOf,
  isAdviceWorklistKey,
} from '../../domain/advice/worklists';
import { CarepathError } from '../../domain/errors';
import { isPermitted, requirePermission } from '../../domain/permissions';
import { prioritySchema } from '../../domain/priorities';
import { type WorklistSide, WORKLIST_COUNT_CAP } from '../../domain/worklists';
import {
  adviceServiceFor,
  adviceServiceWithTarget,
  adviceServicesOf,
} from '../../db/advice/advice-services.repository';
import {
  type AdviceWorklistRow,
  adviceWorklist,
  countAdviceWorklist,
  setResponseTarget,
} from '../../db/advice/advice.repository';
import { attachmentProblem, getAdviceAttachment, storeAdviceAttachment } from '../../db/advice/attachments.repository';
import { draftBoundToUbrn, referralExists } from '../../db/advice/conversion.repository';
import { appendAudit } from '../../db/audit/audit.repository';
import type { ServiceDeps } from '../deps';
import { directorySearchService } from '../directory/search';
import { actOnConversation, awaitConvertedReferral } from './advice-workflows';
import { type AskForm, type UploadedFile, ask, askOptions } from './ask';
import { type AdvicePageData, auditAdvice, loadConversation } from './conversation-page';
import { conversionDraft } from './convert';

export type { AdvicePageData, AdviceWorklistRow, AskForm, UploadedFile };
export type { AskResult } from './ask';

/** A worklist as its page shows it. */
export type AdviceWorklistPage = {
  side: WorklistSide;
  key: AdviceWorklistKey;
  rows: AdviceWorklistRow[];
  counts: Record<AdviceWorklistKey, number>;
};

const PAGE_SIZE = 100;

function sideOf(actor: Actor): WorklistSide {
  if (isPermitted(ADVICE_PERMISSIONS, 'providerWorklists', actor.role)) return 'provider';
  requirePermission(ADVICE_PERMISSIONS, 'referrerWorklists', actor);
  return 'referrer';
}

/** Advice and guidance: ask, converse, convert, download, and the worklists. */
export function adviceService(deps: ServiceDeps) {
  const { db } = deps;
  const search = directorySearchService(deps);

  async function counts(actor: Actor, side: WorklistSide): Promise<Record<AdviceWorklistKey, number>> {
    const keys = adviceWorklistsOf(side);
    const values = await Promise.all(
      keys.map((key) => countAdviceWorklist(db, { key, orgCode: actor.orgCode, cap: WORKLIST_COUNT_CAP })),
    );
    return Object.fromEntries(keys.map((key, i) => [key, values[i]])) as Record<AdviceWorklistKey, number>;
  }

  async function storeFiles(actor: Actor, files: UploadedFile[]): Promise<AttachmentRef[]> {
    const refs: AttachmentRef[] = [];
    for (const file of files) {
      const problem = attachmentProblem(file.content);
      if (problem) throw CarepathError.forField('VALIDATION', `${file.name}: ${problem}`, 'attachments');
      refs.push(await storeAdviceAttachment(db, { ...file, orgCode: actor.orgCode, uploadedBy: actor.userId }));
    }
    return refs;
  }

  async function ownResponseTarget(actor: Actor, serviceId: string) {
    requirePermission(ADVICE_PERMISSIONS, 'setResponseTarget', actor);
    const id = Number(serviceId);
    const service = Number.isSafeInteger(id) && id > 0 ? await adviceServiceWithTarget(db, id) : undefined;
    if (!service) throw new CarepathError('NOT_FOUND', 'There is no such advice service');
    if (service.provider_org_code !== actor.orgCode)
      throw new CarepathError('NO_RELATIONSHIP', 'You can only change services of your own organisation');
    return { id: String(service.id), name: service.name, ...effectiveResponseTarget(service.response_working_days) };
  }

  return {
    askOptions: async (actor: Actor) => askOptions(deps, actor),

    /** The DOS search as a referral's, keeping only services that give advice (their own request type). */
    async searchAdviceServices(actor: Actor, raw: Record<string, unknown>) {
      requirePermission(ADVICE_PERMISSIONS, 'ask', actor);
      // Advice has no priority or booking window: the search's rules want one, and routine limits nothing.
      const results = await search.search(actor, { ...raw, priority: 'ROUTINE' });
      return results.filter((r) => r.requestTypes.includes('ADVICE'));
    },

    /** The advice service chosen from the search, if this organisation may ask it. */
    async chosenService(actor: Actor, serviceId: string) {
      requirePermission(ADVICE_PERMISSIONS, 'ask', actor);
      const service = await adviceServiceFor(db, serviceId, actor.orgCode, new Date());
      if (!service) throw new CarepathError('NOT_FOUND', 'That advice service is not available to your organisation.');
      return service;
    },

    ask: async (actor: Actor, form: AskForm) => ask(deps, actor, form),

    /** The conversation page's data, audited; the requester's organisation has now read the latest message. */
    page: async (actor: Actor, ubrn: string): Promise<AdvicePageData> => loadConversation(db, actor, ubrn, 'page'),

    /** The whole conversation for the printable advice summary, audited as a download. */
    summary: async (actor: Actor, ubrn: string, format: 'html' | 'pdf' = 'html'): Promise<AdvicePageData> =>
      loadConversation(db, actor, ubrn, 'summary', { format }),

    /**
     * A command on the conversation; files go with a message. CONVERT_BY_REFERRER returns the
     * create-journey draft the referral continues in.
     */
    async act(
      actor: Actor,
      ubrn: string,
      input: Record<string, unknown>,
      files: UploadedFile[],
      requestId?: string,
    ): Promise<{ version: number; state: AdviceState; draftId?: string }> {
      const attachments = await storeFiles(actor, files);
      const command = { ...input, ...(attachments.length ? { attachments } : {}) } as AdviceCommandInput;
      if (command.type === 'CONVERT_BY_REFERRER') {
        const priority = prioritySchema.safeParse(input.priority);
        if (!priority.success)
          throw CarepathError.forField('VALIDATION', 'Choose a priority for the referral', 'priority');
        const { priority: _p, ...convert } = command as typeof command & { priority?: unknown };
        const { conversation } = await actOnConversation(deps.temporal, ubrn, convert, actor, requestId);
        const draftId = await conversionDraft(db, actor, conversation, priority.data);
        return { version: conversation.version, state: conversation.state, draftId };
      }
      const { conversation } = await actOnConversation(deps.temporal, ubrn, command, actor, requestId);
      if (command.type === 'CONVERT_BY_PROVIDER') await awaitConvertedReferral(deps.temporal, ubrn, actor);
      return { version: conversation.version, state: conversation.state };
    },

    /** Where a converted conversation's referral is: its page once it exists, else the draft it continues in. */
    async conversionTarget(actor: Actor, ubrn: string): Promise<{ referral: boolean; draftId?: string }> {
      requirePermission(ADVICE_PERMISSIONS, 'view', actor);
      if (await referralExists(db, ubrn)) return { referral: true };
      const draftId = await draftBoundToUbrn(db, ubrn);
      return draftId ? { referral: false, draftId } : { referral: false };
    },

    /** A file sent with a message, for the two organisations' clinicians; audited. */
    async attachment(actor: Actor, ubrn: string, id: string) {
      const page = await loadConversation(db, actor, ubrn, 'page');
      const file = page.kind === 'live' ? await getAdviceAttachment(db, ubrn, id) : undefined;
      if (!file) throw new CarepathError('NOT_FOUND', 'There is no such file with this advice request');
      await auditAdvice(db, actor, 'advice.attachment_viewed', ubrn, { attachment: id });
      return { name: file.name, mediaType: file.media_type, content: file.content };
    },

    /** One A&G worklist of the actor's organisation, with the side's counts; the view is audited. */
    async worklist(actor: Actor, key?: string): Promise<AdviceWorklistPage> {
      const side = sideOf(actor);
      const chosen =
        isAdviceWorklistKey(key) && ADVICE_WORKLISTS[key].side === side ? key : adviceWorklistsOf(side)[0]!;
      const rows = await adviceWorklist(db, { key: chosen, orgCode: actor.orgCode, limit: PAGE_SIZE });
      await appendAudit(db, {
        action: 'advice.worklist_viewed',
        actor_user_id: actor.userId,
        actor_role: actor.role,
        actor_org: actor.orgCode,
        detail: { worklist: chosen, rows: rows.length },
      });
      return { side, key: chosen, rows, counts: await counts(actor, side) };
    },

    /** The home page's counts, for the roles that have A&G worklists; undefined for the rest. */
    async homeCounts(
      actor: Actor,
    ): Promise<{ side: WorklistSide; counts: Record<AdviceWorklistKey, number> } | undefined> {
      const provider = isPermitted(ADVICE_PERMISSIONS, 'providerWorklists', actor.role);
      if (!provider && !isPermitted(ADVICE_PERMISSIONS, 'referrerWorklists', actor.role)) return undefined;
      const side = provider ? 'provider' : 'referrer';
      return { side, counts: await counts(actor, side) };
    },

    /** The provider's advice services and their response-time targets (the default where none is set). */
    async responseTargets(actor: Actor) {
      requirePermission(ADVICE_PERMISSIONS, 'setResponseTarget', actor);
      const services = await adviceServicesOf(db, actor.orgCode);
      return services.map((s) => ({
        id: String(s.id),
        name: s.name,
        ...effectiveResponseTarget(s.response_working_days),
      }));
    },

    /** One of the provider's own advice services with its target: NOT_FOUND, or NO_RELATIONSHIP for another's. */
    responseTarget: ownResponseTarget,

    /**
     * Sets an advice service's response-time target (a whole number of working days, 1-20),
     * only for the provider's own services; audited with the target before and after, in the
     * same transaction. Conversations asked from then on are due by the new target.
     */
    async setResponseTarget(actor: Actor, serviceId: string, form: Record<string, unknown>) {
      const before = await ownResponseTarget(actor, serviceId);
      const parsed = responseTargetFormSchema.safeParse(form);
      if (!parsed.success) {
        throw CarepathError.forField('VALIDATION', parsed.error.issues[0]!.message, 'workingDays');
      }
      const { workingDays } = parsed.data;
      await db.transaction().execute(async (trx) => {
        await setResponseTarget(trx, { serviceId: before.id, workingDays, updatedBy: actor.userId });
        await appendAudit(trx, {
          action: 'advice.response_target_changed',
          actor_user_id: actor.userId,
          actor_role: actor.role,
          actor_org: actor.orgCode,
          subject_type: 'service',
          subject_id: before.id,
          detail: { workingDays: { before: before.isDefault ? null : before.workingDays, after: workingDays } },
        });
      });
      return { id: before.id, name: before.name, workingDays, isDefault: false };
    },
  };
}

export type AdviceService = ReturnType<typeof adviceService>;
