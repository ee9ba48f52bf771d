import type { Child } from 'hono/jsx';
import type { CommandType } from '../../domain/actions';
import type { Referral, Service } from '../../domain/referral';
import type { SlotChoice } from '../../services/referrals/referrals.service';
import type { FieldErrors } from '../components/forms';

// The props both the forms and their fields read: apart from either, so neither imports the other.

/** The one form the user last submitted, drawn open with their errors and what they typed. */
export type OpenForm = { key: string; errors: FieldErrors; values: Record<string, string> };

export type ActionFormsProps = {
  referral: Referral;
  actions: readonly CommandType[];
  csrf: Child;
  /** Bookable slots for BOOK, CHANGE_APPOINTMENT and "refer or book now". */
  slots: readonly SlotChoice[];
  /** Services a provider may book or redirect into (its own, of this specialty, and the shortlist). */
  targets: readonly Service[];
  isProvider: boolean;
  open?: OpenForm | undefined;
  /** The worklist the user came from: after acting they go back to it. */
  from?: string | undefined;
};
