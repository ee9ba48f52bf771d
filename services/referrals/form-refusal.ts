import { CarepathError } from '../../domain/errors';

type Issue = { path: readonly PropertyKey[]; message: string };

/**
 * VALIDATION from zod issues, each under the form input it belongs to: the schema path joined
 * with '-' (['patient', 'nhsNumber'] -> 'patient-nhsNumber'), unless `shownAs` names another.
 */
export function refusalFromIssues(issues: readonly Issue[], shownAs: Readonly<Record<string, string>> = {}) {
  const named = issues.map((issue) => {
    const id = issue.path.map(String).join('-');
    return { ...issue, path: [shownAs[id] ?? (id || 'form')] };
  });
  return CarepathError.fromIssues(issues[0]?.message ?? 'Check the details you entered', named);
}
