import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor';
import { type AttachmentRef, askInputSchema, DEFAULT_RESPONSE_WORKING_DAYS } from '../../domain/advice/conversation';
import { checkAsk } from '../../domain/advice/guard';
import { ADVICE_PERMISSIONS } from '../../domain/advice/permissions';
import { CarepathError } from '../../domain/errors';
import { isPermitted, requirePermission } from '../../domain/permissions';
import { REFERRING_CLINICIAN } from '../../domain/referral-permissions';
import { adviceServiceFor } from '../../db/advice/advice-services.repository';
import { responseTargetOf } from '../../db/advice/advice.repository';
import { attachmentProblem, storeAdviceAttachment, untiedAttachment } from '../../db/advice/attachments.repository';
import { findUserById } from '../../db/identity/users.repository';
import { usersWithRoleAt } from '../../db/referrals/clinicians.repository';
import { ubrnForAsk } from '../../db/advice/conversion.repository';
import type { ServiceDeps } from '../deps';
import { startConversation } from './advice-workflows';

/** A file as the form sent it. */
export type UploadedFile = { name: string; content: Uint8Array };

/** The ask form as posted: field names are the ask schema's paths joined with '-'. */
export type AskForm = {
  serviceId: string;
  clinicianUserId?: string | undefined;
  patient: Record<string, string | undefined>;
  question: string;
  /** 'yes' or 'no': the "I will ensure adequate clinical information is supplied" question. */
  conversionAllowed?: string | undefined;
  files: UploadedFile[];
  /** Files stored by an earlier, refused submit of this form, carried so they need not be chosen again. */
  attachmentIds: string[];
  /** One per rendered form: a resubmit gets the same UBRN and conversation. */
  requestKey: string;
};

export type AskResult =
  { ok: true; ubrn: string } | { ok: false; refused: CarepathError; attachments: AttachmentRef[] };

// Any UBRN-shaped value: the real one is allocated only once the form is known to be good.
const PLACEHOLDER_UBRN = '000000000000';

/** The clinicians a clinician admin may ask in the name of (none for a clinician, who asks as themself). */
export async function askOptions(deps: Pick<ServiceDeps, 'db'>, actor: Actor) {
  requirePermission(ADVICE_PERMISSIONS, 'ask', actor);
  const clinicians = isPermitted(ADVICE_PERMISSIONS, 'askForAClinician', actor.role)
    ? await usersWithRoleAt(deps.db, actor.orgCode, REFERRING_CLINICIAN)
    : [];
  return { clinicians };
}

/** Files carried from an earlier submit (this organisation's, not yet sent), then those uploaded now. */
async function keepFiles(deps: Pick<ServiceDeps, 'db'>, actor: Actor, form: AskForm) {
  const attachments: AttachmentRef[] = [];
  for (const id of form.attachmentIds) {
    const row = await untiedAttachment(deps.db, id, actor.orgCode);
    if (row) attachments.push({ id: row.id, name: row.name, mediaType: row.media_type, sizeBytes: row.size_bytes });
  }
  let problem: string | undefined;
  for (const file of form.files) {
    const wrong = attachmentProblem(file.content);
    if (wrong) {
      problem ??= `${file.name}: ${wrong}`;
      continue;
    }
    attachments.push(
      await storeAdviceAttachment(deps.db, { ...file, orgCode: actor.orgCode, uploadedBy: actor.userId }),
    );
  }
  return { attachments, problem };
}

/**
 * Asks for advice: checks the form (every field at fault named at once), allocates the UBRN from
 * the referrals' sequence, starts the conversation's workflow and returns once it is projected.
 */
export async function ask(deps: ServiceDeps, actor: Actor, form: AskForm): Promise<AskResult> {
  requirePermission(ADVICE_PERMISSIONS, 'ask', actor);
  const fields: Record<string, string> = {};
  const service = await adviceServiceFor(deps.db, form.serviceId, actor.orgCode, new Date());
  if (!service) fields.serviceId = 'Choose an advice service from the Directory of Services search';
  const forAnother = isPermitted(ADVICE_PERMISSIONS, 'askForAClinician', actor.role);
  const clinicianUserId = forAnother ? (form.clinicianUserId ?? '') : actor.userId;
  const clinician = clinicianUserId ? await findUserById(deps.db, clinicianUserId) : undefined;
  if (forAnother && !clinician) fields['requester-clinicianUserId'] = 'Choose the clinician asking for advice';
  const { attachments, problem } = await keepFiles(deps, actor, form);
  if (problem) fields.attachments = problem;

  const conversionAllowed =
    form.conversionAllowed === 'yes' ? true : form.conversionAllowed === 'no' ? false : undefined;
  const raw = {
    ubrn: PLACEHOLDER_UBRN,
    patient: form.patient,
    requester: { orgCode: actor.orgCode, clinicianUserId, clinicianName: clinician?.display_name ?? actor.displayName },
    service: service ?? { serviceId: '0', name: '-', providerOrgCode: 'XXX', specialty: '-' },
    question: form.question,
    attachments,
    conversionAllowed,
    responseWorkingDays: service
      ? ((await responseTargetOf(deps.db, service.serviceId)) ?? DEFAULT_RESPONSE_WORKING_DAYS)
      : DEFAULT_RESPONSE_WORKING_DAYS,
  };
  const parsed = askInputSchema.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) fields[issue.path.join('-')] ??= issue.message;
  if (Object.keys(fields).length > 0 || !parsed.success) {
    return {
      ok: false,
      refused: new CarepathError('VALIDATION', 'Check the details you entered', fields),
      attachments,
    };
  }
  // Role, organisation and name: the guard's own words if it refuses.
  const allowed = checkAsk(parsed.data, actor);
  if (!allowed.ok) throw CarepathError.forField(allowed.code, allowed.message, allowed.field);

  // Without a key (a hand-made post) every submit is its own request.
  const ubrn = await ubrnForAsk(deps.db, form.requestKey || randomUUID());
  const view = await startConversation(deps.temporal, { ...parsed.data, ubrn }, actor, deps);
  return { ok: true, ubrn: view.conversation.ubrn };
}
