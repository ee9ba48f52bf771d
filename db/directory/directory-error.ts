/** The closed set of reasons a Directory of Services operation is refused. */
export type DirectoryErrorCode = 'NOT_FOUND' | 'NOT_PERMITTED' | 'INVALID_STATE' | 'CONFLICT' | 'VALIDATION';

/** The one error type of the directory layer; `message` is fit to show the user. */
export class DirectoryError extends Error {
  override name = 'DirectoryError';
  constructor(
    readonly code: DirectoryErrorCode,
    message: string,
    /** Field-level messages for VALIDATION, keyed by input field name. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}
