import { type DemographicRecord, demographicRecordSchema } from '../../domain/patients/patient-directory';

/** The columns a patients CSV has, in this order, named in its first line. */
export const PATIENT_CSV_COLUMNS = [
  'nhs_number',
  'given_name',
  'family_name',
  'date_of_birth',
  'sex',
  'address',
  'postcode',
  'registered_practice_code',
] as const;

const FIELD_OF: Record<string, (typeof PATIENT_CSV_COLUMNS)[number]> = {
  nhsNumber: 'nhs_number',
  givenName: 'given_name',
  familyName: 'family_name',
  dateOfBirth: 'date_of_birth',
  sex: 'sex',
  address: 'address',
  postcode: 'postcode',
  registeredPracticeCode: 'registered_practice_code',
};

export type CsvProblem = { line: number; message: string };

/** One CSV line's fields (RFC 4180 quoting: "a, b" and "" for a quote); undefined for an unclosed quote. */
function fieldsOf(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') (fields.push(field), (field = ''));
    else field += ch;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

/**
 * A patients CSV as demographic records, or every problem found, each naming its line and
 * the column at fault. Blank lines are skipped; a repeated NHS number is a problem.
 */
export function parsePatientsCsv(text: string): { records: DemographicRecord[]; problems: CsvProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: CsvProblem[] = [];
  const records: DemographicRecord[] = [];
  const header = fieldsOf(lines[0] ?? '')?.map((h) => h.trim().toLowerCase());
  if (!header || PATIENT_CSV_COLUMNS.some((c, i) => header[i] !== c)) {
    return {
      records,
      problems: [{ line: 1, message: `The first line must name the columns: ${PATIENT_CSV_COLUMNS.join(',')}` }],
    };
  }
  const seen = new Map<string, number>();
  lines.slice(1).forEach((text, index) => {
    const line = index + 2;
    if (text.trim() === '') return;
    const fields = fieldsOf(text);
    if (!fields) return problems.push({ line, message: 'A quoted field is not closed' });
    if (fields.length !== PATIENT_CSV_COLUMNS.length) {
      return problems.push({ line, message: `Expected ${PATIENT_CSV_COLUMNS.length} fields, found ${fields.length}` });
    }
    const value = (i: number) => fields[i]!.trim();
    const parsed = demographicRecordSchema.safeParse({
      nhsNumber: value(0),
      givenName: value(1),
      familyName: value(2),
      dateOfBirth: value(3),
      sex: value(4).toLowerCase(),
      address: value(5),
      postcode: value(6),
      ...(value(7) ? { registeredPracticeCode: value(7) } : {}),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = FIELD_OF[String(issue.path[0])] ?? String(issue.path[0]);
        problems.push({ line, message: `${column}: ${issue.message}` });
      }
      return;
    }
    const earlier = seen.get(parsed.data.nhsNumber);
    if (earlier) return problems.push({ line, message: `nhs_number: the same NHS number is on line ${earlier}` });
    seen.set(parsed.data.nhsNumber, line);
    records.push(parsed.data);
  });
  return { records, problems };
}
