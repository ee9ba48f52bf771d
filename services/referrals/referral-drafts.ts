import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { isPermitted, requirePermission } from '../../domain/permissions';
import type { Service } from '../../domain/referral';
import { REFERRAL_PERMISSIONS, REFERRING_CLINICIAN } from '../../domain/referral-permissions';
import { clinicTypes, specialties } from '../../db/directory/services.repository';
import { getDocument, letterProblem, storeLetter } from '../../db/documents/documents.repository';
import type { Executor } from '../../db/executor';
import { type DraftDetails, referralDetailsSchema } from '../../db/referral-drafts/draft.schema';
import { createDraft, getDraft, saveDetails, saveShortlist } from '../../db/referral-drafts/drafts.repository';
import { usersWithRoleAt } from '../../db/referrals/clinicians.repository';
import { slotTimes } from '../../db/referrals/booking.repository';
import { type BookableService, bookableServices, londonDateOf, slotDates, slotsOn } from './booking-options';
import { patientDirectoryFor } from '../patients/patients.service';
import { refusalFromIssues } from './form-refusal';

/** A referral being written, as its author sees it. */
export type ReferralDraft = {
  id: string;
  details: DraftDetails;
  shortlist: Service[];
  /** Set once submitted: the referral the draft became. */
  submittedUbrn: string | null;
};

/** The choices the details page offers. */
export type DetailsOptions = {
  specialties: { code: string; name: string }[];
  clinicTypes: { specialtyCode: string; code: string; name: string }[];
  /** For a clinician admin: the clinicians they may refer for. Empty for a clinician. */
  clinicians: { id: string; name: string }[];
};

/**
 * The details page as the web read it: the typed fields in the shape of the create schema
 * (still unchecked), the letter as chosen, and the clinician named.
 */
export type DetailsInput = {
  details: {
    priority: string | undefined;
    patient: Record<string, string | undefined>;
    specialty: string;
    clinicType: string | undefined;
    reason: string;
    clinicalInformation: string;
  };
  letter: { status: string | undefined; file?: Uint8Array | undefined; documentId?: string | undefined };
  clinicianUserId?: string | undefined;
  /**
   * Where the patient's details come from: `directory` (confirmed from the demographics service,
   * looked up again here, whatever the form carried), `manual` (typed by hand: unverified), or
   * undefined when the patient was never looked up.
   */
  patientSource?: 'directory' | 'manual' | undefined;
};

/** A refused details page still keeps a valid letter, so the user never has to choose the file again. */
export type DraftStart =
  { ok: true; draftId: string } | { ok: false; refused: CarepathError; letterId: string | undefined };

// The schema's letter is one choice with two inputs: its status, and the file that gives its document.
const SHOWN_AS = { letter: 'letter-status', 'letter-documentId': 'letter-file' };

export async function detailsOptions(db: Executor, actor: Actor): Promise<DetailsOptions> {
  requirePermission(REFERRAL_PERMISSIONS, 'create', actor);
  const [specialtyList, clinicTypeList, clinicians] = await Promise.all([
    specialties(db),
    clinicTypes(db),
    isPermitted(REFERRAL_PERMISSIONS, 'createForAClinician', actor.role)
      ? usersWithRoleAt(db, actor.orgCode, REFERRING_CLINICIAN)
      : [],
  ]);
  return { specialties: specialtyList, clinicTypes: clinicTypeList, clinicians };
}

/** A letter this organisation uploaded before (carried in the form), or the one uploaded now. */
async function keepLetter(db: Executor, actor: Actor, letter: DetailsInput['letter']) {
  const carried = letter.documentId && (await getDocument(db, letter.documentId));
  let documentId = carried && carried.org_code === actor.orgCode ? carried.id : undefined;
  const file = letter.file;
  const problem = file && file.byteLength > 0 ? letterProblem(file) : undefined;
  if (file && file.byteLength > 0 && !problem) {
    documentId = await storeLetter(db, { content: file, orgCode: actor.orgCode, uploadedBy: actor.userId });
  }
  return { documentId, problem };
}

/**
 * The patient as the draft will hold them. From the demographics service when the referrer
 * confirmed the patient found (looked up again now, so nothing posted back can change it);
 * typed by hand otherwise, marked unverified.
 */
async function patientOf(
  db: Executor,
  input: DetailsInput,
  errors: Record<string, string>,
): Promise<Record<string, unknown>> {
  const typed = input.details.patient;
  if (input.patientSource === 'manual') return { ...typed, verified: false };
  if (input.patientSource === undefined) {
    errors['patient-nhsNumber'] = 'Find the patient by their NHS number, then check the details found';
    return typed;
  }
  const found = await patientDirectoryFor({ db }).findByNhsNumber((typed.nhsNumber ?? '').replace(/\s/g, ''));
  if (!found) {
    errors['patient-nhsNumber'] = 'No patient with this NHS number was found: find the patient again';
    return typed;
  }
  const { registeredPracticeCode, ...record } = found;
  return {
    ...record,
    phone: typed.phone,
    email: typed.email,
    registeredPracticeCode: typed.registeredPracticeCode || registeredPracticeCode,
    verified: true,
  };
}

/** Checks every field of the details page at once: the details a draft holds, or every problem. */
async function checkDetails(
  db: Executor,
  actor: Actor,
  input: DetailsInput,
): Promise<{ ok: true; details: DraftDetails } | { ok: false; refused: CarepathError; letterId: string | undefined }> {
  const options = await detailsOptions(db, actor);
  const errors: Record<string, string> = {};
  const patient = await patientOf(db, input, errors);
  const { documentId, problem } = await keepLetter(db, actor, input.letter);
  const status = input.letter.status;
  if (problem) errors['letter-file'] = problem;
  else if (status === 'ATTACHED' && !documentId) {
    errors['letter-file'] = 'Select the referral letter, or choose that it will follow later';
  }
  const letter =
    status === 'ATTACHED' ? { status, documentId: documentId ?? '' } : status === 'TO_FOLLOW' ? { status } : undefined;
  // Said in words before zod's generic "expected object" for the missing choice can claim the field.
  if (letter === undefined) errors['letter-status'] = 'Choose whether the letter is attached now or follows';
  const parsed = referralDetailsSchema.safeParse({ ...input.details, patient, letter });
  if (!parsed.success) {
    for (const [field, message] of Object.entries(refusalFromIssues(parsed.error.issues, SHOWN_AS).fields)) {
      errors[field] ??= message;
    }
  } else if (parsed.data.patient.dateOfBirth > new Date().toISOString().slice(0, 10)) {
    errors['patient-dateOfBirth'] = 'Date of birth must be in the past';
  }
  const { specialty, clinicType } = input.details;
  if (specialty && !options.specialties.some((s) => s.code === specialty)) {
    errors.specialty = 'Choose a specialty from the list';
  }
  if (clinicType && !options.clinicTypes.some((t) => t.specialtyCode === specialty && t.code === clinicType)) {
    errors.clinicType = 'Choose a clinic type of the chosen specialty';
  }
  // With no clinician to choose from, a clinician admin refers in their own name, as a clinician does.
  const allowed = options.clinicians.map((c) => c.id);
  const clinicianUserId = allowed.length > 0 ? (input.clinicianUserId ?? '') : actor.userId;
  if (allowed.length > 0 && !allowed.includes(clinicianUserId)) {
    errors['referrer-clinicianUserId'] = 'Choose the clinician you are referring for';
  }
  if (!parsed.success || Object.keys(errors).length > 0) {
    return { ok: false, refused: new CarepathError('VALIDATION', undefined, errors), letterId: documentId };
  }
  return { ok: true, details: { ...parsed.data, clinicianUserId } };
}

/**
 * Step 1 of "create a referral": checks every field at once and starts a draft. A valid
 * letter is stored at once, even when something else is wrong.
 */
export async function startDraft(db: Executor, actor: Actor, input: DetailsInput): Promise<DraftStart> {
  const checked = await checkDetails(db, actor, input);
  if (!checked.ok) return checked;
  const draftId = await createDraft(db, {
    ownerUserId: actor.userId,
    orgCode: actor.orgCode,
    details: checked.details,
  });
  return { ok: true, draftId };
}

/** The details of a draft changed from "Check your answers": checked as step 1 checks them. */
export async function changeDraftDetails(
  db: Executor,
  actor: Actor,
  draftId: string,
  input: DetailsInput,
): Promise<DraftStart> {
  const draft = await ownDraft(db, actor, draftId);
  if (draft.submittedUbrn) throw new CarepathError('INVALID_REQUEST_STATE', 'This referral has already been created.');
  const checked = await checkDetails(db, actor, input);
  if (!checked.ok) return checked;
  await saveDetails(db, draft.id, actor.userId, checked.details);
  return { ok: true, draftId: draft.id };
}

/** A draft of this actor's own; NOT_FOUND for anyone else's. */
export async function ownDraft(db: Executor, actor: Actor, draftId: string): Promise<ReferralDraft> {
  const row = await getDraft(db, draftId, actor.userId);
  if (!row) throw new CarepathError('NOT_FOUND', 'This referral draft does not exist or is not yours.');
  return { id: row.id, details: row.details, shortlist: row.shortlist, submittedUbrn: row.submitted_ubrn };
}

export async function saveDraftShortlist(db: Executor, actor: Actor, draftId: string, shortlist: Service[]) {
  await saveShortlist(db, (await ownDraft(db, actor, draftId)).id, actor.userId, shortlist);
}

/** Step 3's choices: only what can be done with the draft's shortlist now. */
export type DraftChoices = {
  draft: ReferralDraft;
  /** Directly bookable services with a free slot now, earliest first. */
  bookable: BookableService[];
  triage: Service[];
  ibs: Service[];
  /** Directly bookable services with no free slot: the only ones a referral may be deferred to. */
  deferrable: Service[];
};

export async function draftChoices(db: Executor, actor: Actor, draftId: string): Promise<DraftChoices> {
  const draft = await ownDraft(db, actor, draftId);
  const of = (type: Service['requestType']) => draft.shortlist.filter((s) => s.requestType === type);
  const bookable = await bookableServices(db, of('DBS'), draft.details.priority, false);
  const deferrable = of('DBS').filter((s) => !bookable.some((b) => b.service.serviceId === s.serviceId));
  return { draft, bookable, triage: of('TRIAGE'), ibs: of('IBS'), deferrable };
}

/** A directly bookable service of the draft's shortlist; VALIDATION on `service` for any other. */
function shortlistedDbs(draft: ReferralDraft, serviceId: string): Service {
  const service = draft.shortlist.find((s) => s.serviceId === serviceId && s.requestType === 'DBS');
  if (!service) throw CarepathError.forField('VALIDATION', 'Choose a service from the list', 'service');
  return service;
}

/** The booking's date step for the draft: days with free slots at one of its services. */
export async function draftDates(db: Executor, actor: Actor, draftId: string, serviceId: string, page: number) {
  const draft = await ownDraft(db, actor, draftId);
  const service = shortlistedDbs(draft, serviceId);
  return { service, dates: await slotDates(db, service, draft.details.priority, false, page) };
}

/** The booking's time step for the draft: the free slots at one of its services on one day. */
export async function draftTimes(db: Executor, actor: Actor, draftId: string, serviceId: string, date: string) {
  const draft = await ownDraft(db, actor, draftId);
  const service = shortlistedDbs(draft, serviceId);
  return { service, slots: await slotsOn(db, service, draft.details.priority, false, date) };
}

/** A free slot of the draft's shortlist, as "Check your answers" describes it; undefined when gone. */
export async function draftSlot(db: Executor, actor: Actor, draftId: string, slotId: string) {
  const draft = await ownDraft(db, actor, draftId);
  const slot = await slotTimes(db, slotId);
  if (!slot) return undefined;
  const service = draft.shortlist.find((s) => s.serviceId === slot.serviceId && s.requestType === 'DBS');
  if (!service) return undefined;
  const choices = await slotsOn(db, service, draft.details.priority, false, londonDateOf(slot.start));
  return choices.find((c) => c.slotId === slotId);
}
