import { randomBytes } from 'node:crypto';
import { WorkflowNotFoundError, isGrpcServiceError } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { ubrnSchema } from '../../domain/ids';
import { isPermitted, requirePermission } from '../../domain/permissions';
import { type RoleActions, actionsByRole } from '../../domain/replay/actions-by-role';
import { type ReplayStep, type ReplaySubject, foldHistory, subjectState } from '../../domain/replay/fold';
import { maskDeep } from '../../domain/replay/masking';
import { REPLAY_PERMISSIONS } from '../../domain/replay/permissions';
import { appendAudit, auditActor } from '../../db/audit/audit.repository';
import { isTrainingSpace } from '../../db/training/training.repository';
import { adviceWorkflowId } from '../../workflows/advice.messages';
import { referralWorkflowId } from '../../workflows/referral.messages';
import type { ServiceDeps } from '../deps';
import { decodeHistory, replayCodec } from './decode-history';
import { type HistoryFile, type HistoryFormat, historyToJson, parseHistoryFile } from './history-file';

/** One step of a history as the page shows it, masked unless the viewer may see the patient. */
export type ReplayStepView = {
  id: string;
  fileName: string;
  workflowType: string;
  format: HistoryFormat;
  /** 0-based position, and how many events the history holds. */
  index: number;
  total: number;
  masked: boolean;
  /** Whether this viewer may switch masking off. */
  mayUnmask: boolean;
  step: Omit<ReplayStep, 'event'> & {
    event: { id: number; type: string; time: string; summary?: string };
  };
  /** The event's attributes, payloads decoded (masked when `masked`). */
  payload: unknown;
  stateLabel?: string;
  actions: RoleActions[];
};

export type OpenedHistory = { id: string; workflowType: string; eventCount: number; format: HistoryFormat };

type Held = { owner: string; fileName: string; file: HistoryFile; expires: number };

const HOLD_MS = 60 * 60_000;
const GRPC_NOT_FOUND = 5;
const MAX_HELD = 50;

/**
 * Replaying workflow histories for operations engineers and trainers: a file (Carepath's export
 * or the Temporal UI's download) or a referral fetched from Temporal by its booking reference is
 * held here, in this web server's memory and still encrypted, for an hour; each step is decoded
 * and folded on request. Personal data is masked unless the viewer's role may see it and they
 * did not ask for it masked; in the training space it is always masked.
 */
export function replayService({ db, temporal }: Pick<ServiceDeps, 'db' | 'temporal'>) {
  const codecs = temporal.options.loadedDataConverter.payloadCodecs;
  const carepath: PayloadCodec = {
    encode: async (payloads) => payloads,
    async decode(payloads) {
      for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
      return payloads;
    },
  };
  const codec = replayCodec(carepath);
  const held = new Map<string, Held>();

  // In a training space every case is shown masked, whoever looks.
  const mayUnmask = async (actor: Actor) =>
    isPermitted(REPLAY_PERMISSIONS, 'seePersonalData', actor.role) && !(await isTrainingSpace(db));

  function hold(actor: Actor, fileName: string, file: HistoryFile): string {
    const now = Date.now();
    for (const [id, entry] of held) if (entry.expires < now) held.delete(id);
    if (held.size >= MAX_HELD) held.delete(held.keys().next().value!);
    const id = randomBytes(12).toString('base64url');
    held.set(id, { owner: actor.userId, fileName, file, expires: now + HOLD_MS });
    return id;
  }

  function heldFor(actor: Actor, id: string): Held {
    const entry = held.get(id);
    // Someone else's history reads as gone, not as forbidden: its id says nothing.
    if (!entry || entry.owner !== actor.userId || entry.expires < Date.now()) {
      throw new CarepathError('NOT_FOUND', 'This history is no longer open: upload it or fetch it again.');
    }
    return entry;
  }

  async function fetchHistory(actor: Actor, ubrnInput: string, kind: 'referral' | 'advice') {
    const parsed = ubrnSchema.safeParse(ubrnInput.replace(/\s/g, ''));
    if (!parsed.success) throw CarepathError.forField('VALIDATION', parsed.error.issues[0]!.message, 'ubrn');
    const ubrn = parsed.data;
    const workflowId = kind === 'advice' ? adviceWorkflowId(ubrn) : referralWorkflowId(ubrn);
    let json: string;
    try {
      json = historyToJson(await temporal.workflow.getHandle(workflowId).fetchHistory());
    } catch (error) {
      // fetchHistory answers an unknown workflow with gRPC's NOT_FOUND (5), not WorkflowNotFoundError.
      if (error instanceof WorkflowNotFoundError || (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND)) {
        throw CarepathError.forField('NOT_FOUND', `No ${kind} workflow has booking reference ${ubrn}`, 'ubrn');
      }
      throw error;
    }
    await appendAudit(db, {
      action: 'replay.history_exported',
      ...auditActor(actor),
      subject_type: kind,
      subject_id: ubrn,
      detail: {},
    });
    return { ubrn, workflowId, json };
  }

  return {
    /** Whether this role may see patients' details here (the page offers masking either way). */
    async mayUnmask(actor: Actor): Promise<boolean> {
      requirePermission(REPLAY_PERMISSIONS, 'replayHistory', actor);
      return await mayUnmask(actor);
    },

    /**
     * A referral's (or conversation's) history from Temporal, as the JSON the Temporal UI's
     * "Encoded" download and `temporal workflow show --output json` write. Audited; payloads
     * stay sealed, as Temporal holds them.
     */
    async exportHistory(
      actor: Actor,
      ubrn: string,
      kind: 'referral' | 'advice' = 'referral',
    ): Promise<{ fileName: string; json: string }> {
      requirePermission(REPLAY_PERMISSIONS, 'exportHistory', actor);
      const { workflowId, json } = await fetchHistory(actor, ubrn, kind);
      return { fileName: `${workflowId}.json`, json };
    },

    /** Opens an uploaded history file for stepping through; refuses one that cannot be read, saying why. */
    async openFile(actor: Actor, fileName: string, text: string): Promise<OpenedHistory> {
      requirePermission(REPLAY_PERMISSIONS, 'replayHistory', actor);
      const file = parseHistoryFile(text);
      await decodeHistory(file, codec);
      const id = hold(actor, fileName.slice(0, 200) || 'history.json', file);
      await appendAudit(db, {
        action: 'replay.history_opened',
        ...auditActor(actor),
        subject_type: 'history_file',
        subject_id: null,
        detail: { workflowType: file.workflowType, events: file.eventCount, format: file.format, source: 'upload' },
      });
      return { id, workflowType: file.workflowType, eventCount: file.eventCount, format: file.format };
    },

    /** Opens the history of the referral with this booking reference, fetched from Temporal. */
    async openFromTemporal(actor: Actor, ubrn: string): Promise<OpenedHistory> {
      requirePermission(REPLAY_PERMISSIONS, 'replayHistory', actor);
      requirePermission(REPLAY_PERMISSIONS, 'exportHistory', actor);
      const fetched = await fetchHistory(actor, ubrn, 'referral');
      const file = parseHistoryFile(fetched.json);
      const id = hold(actor, `${fetched.workflowId}.json`, file);
      return { id, workflowType: file.workflowType, eventCount: file.eventCount, format: file.format };
    },

    /**
     * The history after its `index`-th event (0-based, clamped). Masked when asked, when the role
     * may not see patients' details, and always in the training space; an unmasked view is audited.
     */
    async step(actor: Actor, id: string, index: number, askMasked: boolean): Promise<ReplayStepView> {
      requirePermission(REPLAY_PERMISSIONS, 'replayHistory', actor);
      const entry = heldFor(actor, id);
      const { steps, workflowType } = foldHistory(await decodeHistory(entry.file, codec));
      const at = Math.min(Math.max(0, Math.trunc(index) || 0), steps.length - 1);
      const { event, ...rest } = steps[at]!;
      const unmaskable = await mayUnmask(actor);
      const masked = askMasked || !unmaskable;
      const show = <T>(value: T): T => (masked ? (maskDeep(value) as T) : value);
      const subject = rest.subject;
      // Any unmasked step may show the patient (the start event's input does, before any projection).
      if (!masked) {
        await appendAudit(db, {
          action: 'replay.step_viewed',
          ...auditActor(actor),
          subject_type: subject?.kind ?? workflowType,
          subject_id: subject ? ubrnOf(subject) : null,
          detail: { event: event.id },
        });
      }
      return {
        id,
        // A downloaded file is named after its workflow, and so its booking reference.
        fileName: masked ? 'an uploaded history' : entry.fileName,
        workflowType,
        format: entry.file.format,
        index: at,
        total: steps.length,
        masked,
        mayUnmask: unmaskable,
        step: {
          ...rest,
          ...(subject ? { subject: show(subject) } : {}),
          ...(rest.pendingAction ? { pendingAction: rest.pendingAction } : {}),
          event: {
            id: event.id,
            type: event.type,
            time: event.time,
            ...(event.summary ? { summary: event.summary } : {}),
          },
        },
        payload: show(event.attributes),
        ...(subject ? { stateLabel: subjectState(subject) } : {}),
        actions: subject ? actionsByRole(subject, event.time) : [],
      };
    },
  };
}

function ubrnOf(subject: ReplaySubject): string {
  return subject.kind === 'referral' ? subject.referral.ubrn : subject.conversation.ubrn;
}

export type ReplayService = ReturnType<typeof replayService>;
