import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CarepathError, type ErrorCode } from '../domain/errors';

/**
 * THE mapping from error codes to HTTP: the app's `onError` renders every uncaught
 * `CarepathError` with it, and a handler that re-shows a form with an error takes its status
 * from here, never a number of its own.
 */
const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION: 422,
  BAD_REQUEST: 400,
  TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  NOT_PERMITTED: 403,
  NO_RELATIONSHIP: 403,
  NOT_FOUND: 404,
  INVALID_REQUEST_STATE: 409,
  STALE_VERSION: 409,
  // The user chose well; someone else was faster: like a validation error, they choose again.
  SLOT_UNAVAILABLE: 422,
  CSRF: 403,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export function statusOf(error: CarepathError | ErrorCode): ContentfulStatusCode {
  return HTTP_STATUS[typeof error === 'string' ? error : error.code];
}

/**
 * The refusal a form shows beside its fields. Anything else (an outage, a refusal with no
 * field, a bug) is thrown on, to the app's error page.
 */
export function formRefusal(error: unknown): CarepathError {
  if (error instanceof CarepathError && Object.keys(error.fields).length > 0) return error;
  throw error;
}
