import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The closed set of reasons a web request fails; `httpStatus` maps each to HTTP in one place. */
export type WebErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'NOT_PERMITTED'
  | 'NO_RELATIONSHIP'
  | 'NOT_FOUND'
  | 'INVALID_REQUEST_STATE'
  | 'STALE_VERSION'
  | 'CSRF'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE';

export const httpStatus: Record<WebErrorCode, ContentfulStatusCode> = {
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  NOT_PERMITTED: 403,
  NO_RELATIONSHIP: 403,
  NOT_FOUND: 404,
  INVALID_REQUEST_STATE: 409,
  STALE_VERSION: 409,
  CSRF: 403,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** The one error type of the web layer; `message` is shown to the user, so it says what to do. */
export class WebError extends Error {
  override name = 'WebError';
  constructor(
    readonly code: WebErrorCode,
    message: string,
  ) {
    super(message);
  }
}
