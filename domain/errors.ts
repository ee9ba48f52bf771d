/**
 * Carepath's one error scheme, shared by every layer: the domain's guards, the repositories and
 * services, the workflows' refusals and the web. The web maps each code to HTTP in one table
 * (`web/errors.ts`); nothing else decides a status.
 */
export const ERROR_CODES = [
  /** The input is wrong: `field` (or `fields`) names what, the message says how to put it right. */
  'VALIDATION',
  /** The request itself cannot be read (a broken multipart body): no field to name. */
  'BAD_REQUEST',
  /** The request body is over the route's limit, refused before it is read. */
  'TOO_LARGE',
  /** No signed-in session. */
  'UNAUTHENTICATED',
  /** The actor's role does not allow this action. */
  'NOT_PERMITTED',
  /** The role allows it, but not on this record: it belongs to another organisation. */
  'NO_RELATIONSHIP',
  'NOT_FOUND',
  /** The record is in a state where this cannot happen (e-RS's code for referrals, used for every record). */
  'INVALID_REQUEST_STATE',
  /** Someone else changed the record after the user opened it. */
  'STALE_VERSION',
  /** The slot chosen went to another referral first. */
  'SLOT_UNAVAILABLE',
  /** The form's anti-forgery token is missing or wrong. */
  'CSRF',
  'RATE_LIMITED',
  /** Temporal or the database cannot be reached: not the user's fault, and nothing was changed. */
  'UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What the user reads when a page shows only the code: a title, and what to do next. */
export const ERROR_WORDING: Readonly<Record<ErrorCode, { title: string; advice: string }>> = {
  VALIDATION: { title: 'There is a problem', advice: 'Check the details you entered, then try again.' },
  BAD_REQUEST: {
    title: 'The form could not be read',
    advice: 'Go back, refresh the page and send the form again.',
  },
  TOO_LARGE: {
    title: 'What you sent is too large',
    advice: 'Go back and send less: a letter must be smaller than 5 MB.',
  },
  UNAUTHENTICATED: { title: 'Sign in to continue', advice: 'Your session has ended. Sign in again.' },
  NOT_PERMITTED: {
    title: 'You cannot do this in your current role',
    advice: 'Change your organisation or role, or ask someone who holds the right role.',
  },
  NO_RELATIONSHIP: {
    title: 'This is not one of your organisation’s records',
    advice: 'You can only see records your organisation is involved in.',
  },
  NOT_FOUND: { title: 'Page not found', advice: 'Check the address, or go back to the home page.' },
  INVALID_REQUEST_STATE: {
    title: 'This cannot be done now',
    advice: 'The record has moved on. Check its latest details.',
  },
  STALE_VERSION: {
    title: 'This record has changed',
    advice: 'Someone else changed it after you opened it. Check its latest details, then try again.',
  },
  SLOT_UNAVAILABLE: {
    title: 'That appointment has just been taken',
    advice: 'Choose another appointment, or defer to the provider.',
  },
  CSRF: { title: 'This page had expired', advice: 'Go back, refresh the page and try again.' },
  RATE_LIMITED: { title: 'Too many attempts', advice: 'Wait a few minutes, then try again.' },
  UNAVAILABLE: {
    title: 'Carepath cannot reach a service it needs',
    advice: 'Try again in a minute. Anything already saved is safe.',
  },
};

/** The one error type: a code from the closed list, a message fit to show the user, and the fields at fault. */
export class CarepathError extends Error {
  override name = 'CarepathError';
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_WORDING[code].advice,
    /** Field-level messages for VALIDATION, keyed by input field name. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** The single field at fault, when there is exactly one (a guard names one field). */
  get field(): string | undefined {
    const keys = Object.keys(this.fields);
    return keys.length === 1 ? keys[0] : undefined;
  }

  /** A refusal that names one field. */
  static forField(code: ErrorCode, message: string, field: string | undefined): CarepathError {
    return new CarepathError(code, message, field === undefined ? {} : { [field]: message });
  }

  /** A VALIDATION refusal from zod issues: the first message of each top-level field. */
  static fromIssues(
    message: string,
    issues: readonly { path: readonly PropertyKey[]; message: string }[],
  ): CarepathError {
    const fields: Record<string, string> = {};
    for (const issue of issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
    return new CarepathError('VALIDATION', message, fields);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
