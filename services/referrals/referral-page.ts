import type { CommandType } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { availableActions } from '../../domain/guard';
import type { Referral, Service } from '../../domain/referral';
import { type RoleCode, isClinicalRole, isProviderRole } from '../../domain/roles';
import type { ReferralState } from '../../domain/states';
import type { TimelineEvent } from '../../domain/timeline';
import { clinicTypes, specialties } from '../../db/directory/services.repository';
import { getDocument } from '../../db/documents/documents.repository';
import type { Executor } from '../../db/executor';
import { getTimeline } from '../../db/referrals/referrals.repository';
import type { TimelineRow } from '../../db/referrals/referrals.table';
import { type SlotChoice, providerTargets, slotChoicesFor } from './booking-options';
import { referralForRole, timelineForRole } from '../../domain/referral-clinical-text';
import { loadReferral } from './load-referral';
import { auditReferral } from './referral-audit';

/** Everything the referral page draws for one actor: the referral, what they may do now, and its history. */
export type ReferralPageData = {
  referral: Referral;
  actions: CommandType[];
  timeline: TimelineEvent[];
  /** Bookable slots for the booking forms drawn. */
  slots: SlotChoice[];
  /** Services a provider may book or redirect into; none for a referrer. */
  targets: Service[];
  /** "Cardiology / Heart Failure": the DOS names of the specialty and clinic type codes. */
  specialtyLabel: string | undefined;
};

export type ReferralLetter = { mediaType: string; content: Uint8Array };

/** The referral page's data. Every time a person sees a referral, the audit trail says who, as what, and when. */
export async function referralPage(db: Executor, actor: Actor, ubrn: string): Promise<ReferralPageData> {
  const referral = await loadReferral(db, actor, ubrn);
  const actions = availableActions(referral, actor, new Date().toISOString());
  const targets = isProviderRole(actor.role) ? await providerTargets(db, referral, actor) : [];
  const [rows, slots, specialtyLabel] = await Promise.all([
    getTimeline(db, referral.ubrn),
    slotChoicesFor(db, referral, actor, actions, targets),
    specialtyLabelOf(db, referral),
  ]);
  await auditReferral(db, actor, 'referral.viewed', referral.ubrn, { version: referral.version });
  // Clinical reason comments are not for non-clinical roles (domain/referral-clinical-text.ts).
  return {
    referral: referralForRole(referral, actor.role),
    actions,
    timeline: timelineForRole(rows.map(timelineEvent), actor.role),
    slots,
    targets,
    specialtyLabel,
  };
}

/** The referral letter, for clinical roles only; its viewing is audited. */
export async function referralLetter(db: Executor, actor: Actor, ubrn: string): Promise<ReferralLetter> {
  const referral = await loadReferral(db, actor, ubrn);
  if (!isClinicalRole(actor.role)) {
    throw new CarepathError('NOT_PERMITTED', 'Your role does not allow you to see referral letters.');
  }
  const documentId = referral.letter.documentId;
  const document = documentId ? await getDocument(db, documentId) : undefined;
  if (!document) throw new CarepathError('NOT_FOUND', 'This referral has no letter attached yet.');
  await auditReferral(db, actor, 'referral.letter_viewed', referral.ubrn);
  return { mediaType: document.media_type, content: document.content };
}

async function specialtyLabelOf(db: Executor, referral: Referral): Promise<string | undefined> {
  const [specialtyList, clinicTypeList] = await Promise.all([
    specialties(db),
    referral.clinicType ? clinicTypes(db) : [],
  ]);
  const specialty = specialtyList.find((s) => s.code === referral.specialty);
  const clinicType = clinicTypeList.find(
    (t) => t.specialtyCode === referral.specialty && t.code === referral.clinicType,
  );
  return specialty && [specialty.name, clinicType?.name].filter(Boolean).join(' / ');
}

function timelineEvent(r: TimelineRow): TimelineEvent {
  return {
    version: r.version,
    type: r.type,
    at: r.at.toISOString(),
    ...(r.actor_user_id
      ? {
          actor: {
            userId: r.actor_user_id,
            displayName: r.actor_name ?? '',
            role: r.actor_role as RoleCode,
            orgCode: r.actor_org ?? '',
          },
        }
      : {}),
    fromState: r.from_state as ReferralState | null,
    toState: r.to_state as ReferralState,
    ...(r.reason_code
      ? { reason: { code: r.reason_code, ...(r.reason_comment ? { comment: r.reason_comment } : {}) } }
      : {}),
    ...(r.outcome ? { outcome: r.outcome } : {}),
    summary: r.summary,
  };
}
