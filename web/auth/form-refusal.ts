import { CarepathError } from '../../domain/errors';

/**
 * The refusal a form shows beside its fields. Anything else (an outage, a refusal with no
 * field, a bug) is thrown on, to the app's error page.
 */
export function formRefusal(error: unknown): CarepathError {
  if (error instanceof CarepathError && Object.keys(error.fields).length > 0) return error;
  throw error;
}
