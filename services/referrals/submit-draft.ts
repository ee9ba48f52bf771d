import { type CommandInput, commandSchema } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import { CarepathError, type ErrorCode } from '../../domain/errors';
import type { Referral } from '../../domain/referral';
import { countBookableSlots } from '../../db/directory/slots.repository';
import type { Executor } from '../../db/executor';
import { findUserById } from '../../db/identity/users.repository';
import { draftOfReferral, markSubmitted } from '../../db/referral-drafts/drafts.repository';
import { slotTimes } from '../../db/referrals/booking.repository';
import type { ServiceDeps } from '../deps';
import { type PatientLetterData, clinicOf } from '../letters/patient-letters.service';
import { auditReferral } from './referral-audit';
import { ownDraft } from './referral-drafts';
import { loadReferral } from './load-referral';
import { actOnReferral, createReferral } from './referral-workflows';

/** Step 3's choice: book a slot, send for triage, ask an IBS provider, defer to a provider (each by id), or later. */
export type FirstChoice = { kind: 'later' } | { kind: 'book' | 'triage' | 'ibs' | 'defer'; id: string };

/** The referral created, and why the first action was not done, when it was not. */
export type Submitted = { ubrn: string; notBooked: ErrorCode | undefined };

/**
 * Creates the draft's referral, then takes the first action chosen. The draft id is the
 * idempotency key: a double click or a resubmitted page gets the same UBRN, and acts once.
 */
export async function submitDraft(
  deps: ServiceDeps,
  actor: Actor,
  draftId: string,
  choice: FirstChoice,
): Promise<Submitted> {
  const { db } = deps;
  const draft = await ownDraft(db, actor, draftId);
  const { clinicianUserId, ...details } = draft.details;
  const clinician = await findUserById(db, clinicianUserId);
  const referrer = {
    orgCode: actor.orgCode,
    clinicianUserId,
    clinicianName: clinician?.display_name ?? actor.displayName,
  };
  const view = await createReferral(
    deps.temporal,
    db,
    { ...details, referrer, shortlist: draft.shortlist },
    actor,
    deps.policy,
    { taskQueue: deps.taskQueue, idempotencyKey: draft.id },
  );
  const { ubrn } = view.referral;
  await markSubmitted(db, draft.id, ubrn);
  const notBooked =
    choice.kind === 'later' ? undefined : await firstAction(deps, view.referral, choice, actor, draft.id);
  return { ubrn, notBooked };
}

/**
 * The choice as the referral's first command. Returns a refusal code when it could not be
 * done: the referral exists either way, and the user can act on it from its page.
 */
async function firstAction(
  deps: ServiceDeps,
  referral: Pick<Referral, 'ubrn' | 'priority'>,
  choice: Exclude<FirstChoice, { kind: 'later' }>,
  actor: Actor,
  draftId: string,
): Promise<ErrorCode | undefined> {
  const version = { expectedVersion: 1 };
  const service = { ...version, serviceId: choice.id };
  let input: CommandInput;
  if (choice.kind === 'book') {
    // The slot decides the service and the times.
    const slot = await slotTimes(deps.db, choice.id);
    if (!slot) return 'SLOT_UNAVAILABLE';
    input = { type: 'BOOK', ...version, ...slot, slotId: choice.id };
  } else if (choice.kind === 'triage') input = { type: 'SEND_FOR_TRIAGE', ...service };
  else if (choice.kind === 'ibs') input = { type: 'REQUEST_IBS', ...service };
  else {
    const slots = await countBookableSlots(deps.db, {
      serviceId: choice.id,
      priority: referral.priority,
      now: new Date(),
    });
    input = { type: 'DEFER_TO_PROVIDER', ...service, reason: 'NO_SLOTS', slotsAvailable: slots > 0 };
  }
  const command = commandSchema.safeParse(input);
  if (!command.success) return 'VALIDATION';
  try {
    await actOnReferral(deps.temporal, referral.ubrn, command.data, actor, { requestId: `${draftId}-first` });
    return undefined;
  } catch (error) {
    if (!(error instanceof CarepathError)) throw error;
    // A second submit of the same page finds the first one's action already done.
    return error.code === 'STALE_VERSION' ? undefined : error.code;
  }
}

/**
 * The success page's referral and the patient's access code: for the draft's author, and only
 * while they act for an organisation involved in the referral (the referral page's check), so
 * switching organisation does not carry the letter along. Audited.
 */
export async function createdReferral(db: Executor, actor: Actor, ubrn: string): Promise<PatientLetterData> {
  const referral = await loadReferral(db, actor, ubrn);
  const draft = await draftOfReferral(db, referral.ubrn, actor.userId);
  if (!draft) throw new CarepathError('NOT_FOUND', 'There is no referral of yours with this booking reference.');
  await auditReferral(db, actor, 'referral.viewed', referral.ubrn, { version: referral.version, page: 'created' });
  return { referral, accessCode: draft.access_code ?? undefined, clinic: await clinicOf(db, referral) };
}
