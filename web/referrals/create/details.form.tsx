import type { Child } from 'hono/jsx';
import { PRIORITIES, PRIORITY_LABELS } from '../../../domain/priorities';
import { DateInput, FileUpload, Select, Textarea } from '../../components/fields';
import { Button, ChooseOne, type FieldErrors, TextInput } from '../../components/forms';
import { formatNhsNumber } from '../../../domain/ids';
import type { DemographicRecord } from '../../../domain/patients/patient-directory';
import { SEX_LABELS, SEX_OPTIONS } from '../../../domain/referral';
import { SummaryList, WarningCallout } from '../../components/display';
import { formatDate } from '../../components/format';
import type { DetailsOptions } from '../../../services/referrals/referrals.service';

/**
 * The NHS number's live check: htmx posts what was typed (never in a URL) and swaps in the
 * verdict. Without JavaScript the same check runs when the form is submitted.
 */
export function NhsNumberVerdict({ problem, typed }: { problem?: string | undefined; typed: string }) {
  return (
    <div id="nhs-number-verdict" aria-live="polite" class="nhsuk-u-margin-top-2">
      {typed.trim() === '' ? null : problem ? (
        <span class="nhsuk-error-message nhsuk-u-margin-bottom-0">{problem}</span>
      ) : (
        <span class="nhsuk-body-s">This is a valid NHS number.</span>
      )}
    </div>
  );
}

/**
 * The patient part of the details page, in one of three modes: find (the NHS number and a
 * Find button), found (the demographics service's record to confirm) or manual (typed by hand
 * for a patient it did not find: the referral is marked unverified).
 */
export type PatientMode =
  { mode: 'find' } | { mode: 'found'; record: DemographicRecord } | { mode: 'manual'; notFound: boolean };

/** Where the details page posts: a new draft, or the draft being changed from "Check your answers". */
export type DetailsAction = '/referrals/new' | `/referrals/drafts/${string}/details`;

/** The NHS number, checked as it is typed. */
function NhsNumberField({ value, error }: { value: string | undefined; error: string | undefined }) {
  return (
    <div class={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label class="nhsuk-label" for="patient-nhsNumber">
        NHS number
      </label>
      <div class="nhsuk-hint" id="patient-nhsNumber-hint">
        10 digits, for example 943 476 5919
      </div>
      {error && (
        <span class="nhsuk-error-message" id="patient-nhsNumber-error">
          <span class="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      <input
        class={`nhsuk-input nhsuk-input--width-10${error ? ' nhsuk-input--error' : ''}`}
        id="patient-nhsNumber"
        name="patient-nhsNumber"
        type="text"
        inputmode="numeric"
        spellcheck={false}
        autocomplete="off"
        value={value}
        aria-describedby={`patient-nhsNumber-hint${error ? ' patient-nhsNumber-error' : ''}`}
        hx-post="/referrals/new/nhs-number"
        hx-trigger="input changed delay:400ms, blur"
        hx-target="#nhs-number-verdict"
        hx-swap="outerHTML"
      />
      <NhsNumberVerdict typed="" />
    </div>
  );
}

/** The demographics service's record, for the referrer to confirm before going on. */
export function FoundPatient({ record }: { record: DemographicRecord }) {
  return (
    <div class="nhsuk-card" id="patient-found">
      <div class="nhsuk-card__content">
        <h3 class="nhsuk-card__heading nhsuk-heading-s">Patient found: check these are their details</h3>
        <SummaryList
          rows={[
            { key: 'NHS number', value: formatNhsNumber(record.nhsNumber) },
            { key: 'Name', value: `${record.givenName} ${record.familyName}` },
            { key: 'Date of birth', value: formatDate(record.dateOfBirth) },
            { key: 'Sex', value: SEX_LABELS[record.sex] },
            { key: 'Address', value: `${record.address}, ${record.postcode}` },
          ]}
        />
      </div>
    </div>
  );
}

/** The first page of "create a referral": patient, clinical request and letter. */
export function DetailsForm(props: {
  csrf: Child;
  action: DetailsAction;
  patient: PatientMode;
  options: DetailsOptions;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { values: v, errors: e, options, patient } = props;
  const text = (name: string, label: string, extra: Partial<Parameters<typeof TextInput>[0]> = {}) => (
    <TextInput name={name} label={label} value={v[name]} error={e[name]} {...extra} />
  );
  const op = (value: string, label: string) => (
    <button class="nhsuk-button nhsuk-button--secondary" type="submit" name="op" value={value}>
      {label}
    </button>
  );
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" novalidate>
      {props.csrf}
      {v['letter-documentId'] && <input type="hidden" name="letter-documentId" value={v['letter-documentId']} />}
      {v.then && <input type="hidden" name="then" value={v.then} />}
      {options.clinicians.length > 0 && (
        <ChooseOne
          name="referrer-clinicianUserId"
          legend="Referring clinician"
          choices={options.clinicians.map((c) => ({ value: c.id, text: c.name }))}
          selected={v['referrer-clinicianUserId']}
          error={e['referrer-clinicianUserId']}
        />
      )}
      <h2 class="nhsuk-heading-m">Patient</h2>
      {patient.mode === 'found' ? (
        <FoundPatient record={patient.record} />
      ) : (
        <NhsNumberField value={v['patient-nhsNumber']} error={e['patient-nhsNumber']} />
      )}
      {patient.mode === 'find' && (
        <>
          <input type="hidden" name="patient-source" value="" />
          {op('find', 'Find patient')}
        </>
      )}
      {patient.mode === 'found' && (
        <>
          <input type="hidden" name="patient-source" value="directory" />
          <input type="hidden" name="patient-nhsNumber" value={patient.record.nhsNumber} />
          <div class="nhsuk-button-group">
            {op('change', 'Find a different patient')}
            {op('manual', 'These details are wrong: enter them by hand')}
          </div>
        </>
      )}
      {patient.mode === 'manual' && (
        <>
          <input type="hidden" name="patient-source" value="manual" />
          <WarningCallout heading={patient.notFound ? 'Patient not found' : 'Details typed by hand'}>
            <p>
              {patient.notFound
                ? 'No patient with this NHS number was found in the demographics service. Check the number and find the patient again, or enter their details below.'
                : 'You are entering the patient’s details yourself.'}{' '}
              The referral will be marked as unverified.
            </p>
          </WarningCallout>
          {op('find', 'Find the patient again')}
          {text('patient-givenName', 'Given name', { autocomplete: 'off' })}
          {text('patient-familyName', 'Family name', { autocomplete: 'off' })}
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
          <Textarea
            name="patient-address"
            label="Address"
            hint="Without the postcode"
            rows={3}
            value={v['patient-address']}
            error={e['patient-address']}
          />
          {text('patient-postcode', 'Postcode', { width: 10 })}
        </>
      )}
      {patient.mode !== 'find' && (
        <>
          {text('patient-phone', 'Phone number (optional)', { width: 20, type: 'tel' })}
          {text('patient-email', 'Email address (optional)', { type: 'email' })}
          {text('patient-registeredPracticeCode', 'Registered GP practice (ODS code)', { width: 10 })}
        </>
      )}

      <h2 class="nhsuk-heading-m">Referral</h2>
      <ChooseOne
        name="priority"
        legend="Priority"
        choices={PRIORITIES.map((p) => ({ value: p, text: PRIORITY_LABELS[p] }))}
        selected={v.priority}
        error={e.priority}
      />
      <ChooseOne
        name="specialty"
        legend="Specialty"
        choices={options.specialties.map((s) => ({ value: s.code, text: s.name }))}
        selected={v.specialty}
        error={e.specialty}
      />
      <Select
        name="clinicType"
        label="Clinic type (optional)"
        placeholder="Any clinic type"
        groups={options.specialties.map((s) => ({
          label: s.name,
          options: options.clinicTypes
            .filter((t) => t.specialtyCode === s.code)
            .map((t) => ({ value: t.code, text: t.name })),
        }))}
        selected={v.clinicType}
        error={e.clinicType}
      />
      <Textarea name="reason" label="Reason for referral" value={v.reason} error={e.reason} maxlength={2000} />
      <Textarea
        name="clinicalInformation"
        label="Clinical information (optional)"
        rows={8}
        value={v.clinicalInformation}
        error={e.clinicalInformation}
        maxlength={8000}
      />
      <ChooseOne
        name="letter-status"
        legend="Referral letter"
        choices={[
          { value: 'ATTACHED', text: 'Attach it now' },
          { value: 'TO_FOLLOW', text: 'It will follow later' },
        ]}
        selected={v['letter-status']}
        error={e['letter-status']}
      />
      {v['letter-documentId'] ? <p>A letter is already attached. Choose another file only to replace it.</p> : null}
      <FileUpload
        name="letter-file"
        label="Letter file (if attaching now)"
        hint="PDF, PNG or JPEG, up to 5 MB"
        accept="application/pdf,image/png,image/jpeg"
        error={e['letter-file']}
      />
      <Button>{props.action === '/referrals/new' ? 'Continue to find services' : 'Save and continue'}</Button>
    </form>
  );
}
