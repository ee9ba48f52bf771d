import type { Actor } from '../../domain/actor';
import type { Service } from '../../domain/referral';
import type { ServiceDeps } from '../deps';
import { changeShortlist, changeableReferral } from './change-shortlist';
import { auditReferral } from './referral-audit';
import { type ActionInput, actOnReferralForm, nextToReview } from './referral-actions';
import { referralBookingDates, referralBookingServices, referralBookingTimes } from './booking-options';
import {
  type DetailsInput,
  changeDraftDetails,
  detailsOptions,
  draftChoices,
  draftDates,
  draftSlot,
  draftTimes,
  ownDraft,
  saveDraftShortlist,
  startDraft,
} from './referral-drafts';
import { loadReferral } from './load-referral';
import { referralLetter, referralPage } from './referral-page';
import { type FirstChoice, createdReferral, submitDraft } from './submit-draft';

export { MAX_LETTER_BYTES } from '../../db/documents/documents.repository';
export type { SlotChoice } from './booking-options';
export type { ActionInput } from './referral-actions';
export type { DetailsInput, DetailsOptions, DraftChoices, DraftStart, ReferralDraft } from './referral-drafts';
export type { DraftDetails } from '../../db/referral-drafts/draft.schema';
export type { BookableService, DatePage } from './booking-options';
export type { ReferralLetter, ReferralPageData } from './referral-page';
export type { FirstChoice, Submitted } from './submit-draft';

type RequestOptions = { requestId?: string };

/**
 * The referrals feature's operations for the web and scripts: the only place its domain,
 * database and Temporal meet. Every method acts for an actor and checks their relationship to
 * the referral (audited when refused); the referral workflow's guard has the last word.
 */
export function referralService(deps: ServiceDeps) {
  const { db } = deps;
  return {
    /** The referral, for an actor who may see it: NOT_FOUND otherwise (audited when it exists). */
    load: async (actor: Actor, ubrn: string) => loadReferral(db, actor, ubrn),
    /** The referral page's data; the view is audited. */
    page: async (actor: Actor, ubrn: string) => referralPage(db, actor, ubrn),
    /** The referral letter, for clinical roles; the view is audited. */
    letter: async (actor: Actor, ubrn: string) => referralLetter(db, actor, ubrn),
    /** Takes an action from the referral page; the referral after it comes back. */
    act: async (actor: Actor, ubrn: string, input: ActionInput, options: RequestOptions = {}) =>
      actOnReferralForm(deps, actor, ubrn, input, options),
    /** Booking by service, then date, then time, from the referral page (INVALID_REQUEST_STATE unless BOOK is allowed). */
    /** The booking page's first step, drawn on every view of the page: the view is audited here. */
    bookingServices: async (actor: Actor, ubrn: string) => {
      const found = await referralBookingServices(db, actor, ubrn);
      await auditReferral(db, actor, 'referral.viewed', ubrn, { version: found.referral.version, page: 'book' });
      return found;
    },
    bookingDates: async (actor: Actor, ubrn: string, serviceId: string, page: number) =>
      referralBookingDates(db, actor, ubrn, serviceId, page),
    bookingTimes: async (actor: Actor, ubrn: string, serviceId: string, date: string) =>
      referralBookingTimes(db, actor, ubrn, serviceId, date),
    /** After "Accept, review next": the next referral on the actor's Referrals for Review, if any. */
    nextToReview: async (actor: Actor, ubrn: string) => nextToReview(db, actor, ubrn),

    /** A referral whose shortlist the actor may change now (INVALID_REQUEST_STATE otherwise). */
    changeableReferral: async (actor: Actor, ubrn: string) => changeableReferral(db, actor, ubrn),
    changeShortlist: async (
      actor: Actor,
      ubrn: string,
      change: { shortlist: Service[]; expectedVersion: number },
      options: RequestOptions = {},
    ) => changeShortlist(deps.temporal, actor, ubrn, change, options),

    /** The choices of the create journey's details page (NOT_PERMITTED for roles that do not refer). */
    detailsOptions: async (actor: Actor) => detailsOptions(db, actor),
    startDraft: async (actor: Actor, input: DetailsInput) => startDraft(db, actor, input),
    /** One of the actor's own drafts (NOT_FOUND for anyone else's). */
    draft: async (actor: Actor, draftId: string) => ownDraft(db, actor, draftId),
    saveDraftShortlist: async (actor: Actor, draftId: string, shortlist: Service[]) =>
      saveDraftShortlist(db, actor, draftId, shortlist),
    /** Changes a draft's details from "Check your answers" (checked as step 1 checks them). */
    changeDraftDetails: async (actor: Actor, draftId: string, input: DetailsInput) =>
      changeDraftDetails(db, actor, draftId, input),
    /** Step 3 of the create journey: only what can be done with the draft's shortlist now. */
    draftChoices: async (actor: Actor, draftId: string) => draftChoices(db, actor, draftId),
    /** The booking's date and time steps for a draft, and the slot "Check your answers" names. */
    draftDates: async (actor: Actor, draftId: string, serviceId: string, page: number) =>
      draftDates(db, actor, draftId, serviceId, page),
    draftTimes: async (actor: Actor, draftId: string, serviceId: string, date: string) =>
      draftTimes(db, actor, draftId, serviceId, date),
    draftSlot: async (actor: Actor, draftId: string, slotId: string) => draftSlot(db, actor, draftId, slotId),
    submitDraft: async (actor: Actor, draftId: string, choice: FirstChoice) =>
      submitDraft(deps, actor, draftId, choice),
    /** The success page: the new referral and the patient's access code, for its author, in its organisation. */
    created: async (actor: Actor, ubrn: string) => createdReferral(db, actor, ubrn),
  };
}

export type ReferralService = ReturnType<typeof referralService>;
