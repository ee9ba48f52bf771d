import type { Context } from 'hono';
import { SEX_OPTIONS } from '../../domain/referral';
import { readDate } from '../components/date-input';
import { DateInput } from '../components/fields';
import { ChooseOne, type FieldErrors, TextInput } from '../components/forms';

/**
 * The patient, entered as a referral enters them: the same field names (`patient-<field>`) and
 * rules (the referral's patient schema). Kept in this one file so the referral journey's patient
 * entry (and its demographics look-up, under way) can replace it whole.
 */
export function PatientFields({ values: v, errors: e }: { values: Record<string, string>; errors: FieldErrors }) {
  const text = (name: string, label: string, extra: Partial<Parameters<typeof TextInput>[0]> = {}) => (
    <TextInput
      name={`patient-${name}`}
      label={label}
      value={v[`patient-${name}`]}
      error={e[`patient-${name}`]}
      {...extra}
    />
  );
  return (
    <>
      {text('nhsNumber', 'NHS number', {
        hint: '10 digits, for example 943 476 5919',
        width: 10,
        inputmode: 'numeric',
        autocomplete: 'off',
      })}
      {text('givenName', 'Given name', { autocomplete: 'off' })}
      {text('familyName', 'Family name', { autocomplete: 'off' })}
      <DateInput
        name="patient-dateOfBirth"
        legend="Date of birth"
        hint="For example, 15 3 1984"
        value={{
          day: v['patient-dateOfBirth-day'],
          month: v['patient-dateOfBirth-month'],
          year: v['patient-dateOfBirth-year'],
        }}
        error={e['patient-dateOfBirth']}
      />
      <ChooseOne
        name="patient-sex"
        legend="Sex"
        choices={SEX_OPTIONS}
        selected={v['patient-sex']}
        error={e['patient-sex']}
      />
      {text('postcode', 'Postcode', { width: 10 })}
      {text('registeredPracticeCode', 'Registered GP practice (ODS code)', { width: 10 })}
    </>
  );
}

/** The patient as the service takes them, and the date boxes' own problem. */
export function readPatientFields(body: Record<string, unknown>): {
  patient: Record<string, string | undefined>;
  errors: FieldErrors;
} {
  const s = (name: string) => (typeof body[`patient-${name}`] === 'string' ? (body[`patient-${name}`] as string) : '');
  const dateOfBirth = readDate(body, 'patient-dateOfBirth', 'Date of birth');
  return {
    patient: {
      nhsNumber: s('nhsNumber'),
      givenName: s('givenName'),
      familyName: s('familyName'),
      dateOfBirth: dateOfBirth.iso ?? '',
      sex: s('sex') || undefined,
      postcode: s('postcode'),
      registeredPracticeCode: s('registeredPracticeCode'),
    },
    errors: dateOfBirth.error ? { 'patient-dateOfBirth': dateOfBirth.error } : {},
  };
}

/** The starting values: the patient's practice is the asker's own, as a referral's is. */
export function patientDefaults(c: Context): Record<string, string> {
  return { 'patient-registeredPracticeCode': c.get('actor').orgCode };
}
