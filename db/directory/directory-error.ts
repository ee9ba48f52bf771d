/** The closed set of reasons a Directory of Services operation is refused. */
export type DirectoryErrorCode = 'NOT_FOUND' | 'NOT_PERMITTED' | 'INVALID_STATE' | 'VALIDATION';

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

/** A VALIDATION refusal from zod issues: the first message of each top-level field. */
export function validationError(
  message: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): DirectoryError {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
  return new DirectoryError('VALIDATION', message, fields);
}
