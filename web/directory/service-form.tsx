import type { Child } from 'hono/jsx';
import { ErrorSummary, TextInput, type FieldErrors, Button } from '../components/forms';
import { many, one, type FormValues } from './form-values';

export type CodeLists = {
  specialties: { code: string; name: string }[];
  clinicTypes: { specialty_code: string; code: string; name: string }[];
};

const REQUEST_TYPES = [
  ['DBS', 'Directly bookable appointments (slots booked here)'],
  ['IBS', 'Indirectly bookable appointments (the provider arranges the date)'],
  ['TRIAGE', 'Triage (Referral Assessment Service): reviews only, never appointments'],
  ['ADVICE', 'Advice and guidance'],
] as const;

/** The form values as `serviceInputSchema` expects them. */
export function serviceInputOf(values: FormValues) {
  return {
    name: one(values, 'name'),
    requestTypes: many(values, 'requestTypes'),
    specialtyCode: one(values, 'specialtyCode'),
    clinicTypeCode: one(values, 'clinicTypeCode'),
    location: one(values, 'location'),
    outcode: one(values, 'outcode'),
    ageMin: one(values, 'ageMin'),
    ageMax: one(values, 'ageMax'),
    sexTreated: one(values, 'sexTreated'),
    conditionsTreated: one(values, 'conditionsTreated'),
    exclusions: one(values, 'exclusions'),
    letterRequired: one(values, 'letterRequired') === 'yes',
    indicativeWaitDays: one(values, 'indicativeWaitDays'),
    clinicians: one(values, 'clinicians')
      .split('\n')
      .map((name) => name.trim())
      .filter(Boolean),
    instructions: one(values, 'instructions'),
    national: one(values, 'national') === 'yes',
    pollingRangeDays: one(values, 'pollingRangeDays'),
    reservationHours: one(values, 'reservationHours'),
  };
}

function Checkbox(props: { name: string; value: string; label: string; checked: boolean; id: string }) {
  return (
    <div class="nhsuk-checkboxes__item">
      <input
        class="nhsuk-checkboxes__input"
        id={props.id}
        name={props.name}
        type="checkbox"
        value={props.value}
        checked={props.checked}
      />
      <label class="nhsuk-label nhsuk-checkboxes__label" for={props.id}>
        {props.label}
      </label>
    </div>
  );
}

function Group(props: { id: string; legend: string; error?: string; children: Child }) {
  return (
    <div class={`nhsuk-form-group${props.error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset class="nhsuk-fieldset">
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        {props.error && (
          <span class="nhsuk-error-message" id={`${props.id}-error`}>
            <span class="nhsuk-u-visually-hidden">Error:</span> {props.error}
          </span>
        )}
        {props.children}
      </fieldset>
    </div>
  );
}

function Select(props: { name: string; label: string; value: string; error?: string; options: [string, string][] }) {
  return (
    <div class={`nhsuk-form-group${props.error ? ' nhsuk-form-group--error' : ''}`}>
      <label class="nhsuk-label" for={props.name}>
        {props.label}
      </label>
      {props.error && (
        <span class="nhsuk-error-message" id={`${props.name}-error`}>
          <span class="nhsuk-u-visually-hidden">Error:</span> {props.error}
        </span>
      )}
      <select class={`nhsuk-select${props.error ? ' nhsuk-select--error' : ''}`} id={props.name} name={props.name}>
        <option value="">Choose</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={value === props.value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function Area(props: { name: string; label: string; value: string; error?: string; hint?: string }) {
  return (
    <div class={`nhsuk-form-group${props.error ? ' nhsuk-form-group--error' : ''}`}>
      <label class="nhsuk-label" for={props.name}>
        {props.label}
      </label>
      {props.hint && <div class="nhsuk-hint">{props.hint}</div>}
      {props.error && (
        <span class="nhsuk-error-message" id={`${props.name}-error`}>
          <span class="nhsuk-u-visually-hidden">Error:</span> {props.error}
        </span>
      )}
      <textarea
        class={`nhsuk-textarea${props.error ? ' nhsuk-textarea--error' : ''}`}
        id={props.name}
        name={props.name}
        rows={3}
      >
        {props.value}
      </textarea>
    </div>
  );
}

/** Create or edit a service; `values` are what the definer typed (or the stored service). */
export function ServiceForm(props: {
  action: string;
  csrf: Child;
  values: FormValues;
  errors: FieldErrors;
  codes: CodeLists;
  submit: string;
}) {
  const { values, errors, codes } = props;
  const text = (
    name: string,
    label: string,
    extra: { hint?: string; width?: 10 | 20 | 30; inputmode?: 'numeric' } = {},
  ) => <TextInput name={name} label={label} value={one(values, name)} error={errors[name]} {...extra} />;
  const types = many(values, 'requestTypes');
  return (
    <form method="post" action={props.action} novalidate>
      {props.csrf}
      <ErrorSummary errors={errors} />
      {text('name', 'Service name', { hint: 'Unique in the Directory of Services' })}
      <Group id="requestTypes" legend="Request types" error={errors.requestTypes}>
        <div class="nhsuk-checkboxes">
          {REQUEST_TYPES.map(([value, label], i) => (
            <Checkbox
              name="requestTypes"
              value={value}
              label={label}
              checked={types.includes(value)}
              id={i === 0 ? 'requestTypes' : `requestTypes-${i + 1}`}
            />
          ))}
        </div>
      </Group>
      <Select
        name="specialtyCode"
        label="Specialty"
        value={one(values, 'specialtyCode')}
        error={errors.specialtyCode}
        options={codes.specialties.map((s) => [s.code, s.name])}
      />
      <Select
        name="clinicTypeCode"
        label="Clinic type (optional)"
        value={one(values, 'clinicTypeCode')}
        error={errors.clinicTypeCode}
        options={codes.clinicTypes.map((t) => [
          t.code,
          `${codes.specialties.find((s) => s.code === t.specialty_code)?.name}: ${t.name}`,
        ])}
      />
      {text('location', 'Location')}
      {text('outcode', 'Postcode district of the location', {
        hint: 'The first part of the postcode, for example LS1',
        width: 10,
      })}
      {text('ageMin', 'Lowest age treated (years)', { width: 10, inputmode: 'numeric' })}
      {text('ageMax', 'Highest age treated (years)', { width: 10, inputmode: 'numeric' })}
      <Select
        name="sexTreated"
        label="Sex treated"
        value={one(values, 'sexTreated')}
        error={errors.sexTreated}
        options={[
          ['ANY', 'Any'],
          ['FEMALE', 'Female only'],
          ['MALE', 'Male only'],
        ]}
      />
      <Area
        name="conditionsTreated"
        label="Conditions treated"
        value={one(values, 'conditionsTreated')}
        error={errors.conditionsTreated}
      />
      <Area name="exclusions" label="Exclusions" value={one(values, 'exclusions')} error={errors.exclusions} />
      <Area
        name="clinicians"
        label="Named clinicians"
        hint="One name a line"
        value={one(values, 'clinicians')}
        error={errors.clinicians}
      />
      <Area
        name="instructions"
        label="Instructions for referrers"
        value={one(values, 'instructions')}
        error={errors.instructions}
      />
      {text('indicativeWaitDays', 'Indicative wait (days)', { width: 10, inputmode: 'numeric' })}
      {text('pollingRangeDays', 'Polling range (days ahead slots are published)', { width: 10, inputmode: 'numeric' })}
      {text('reservationHours', 'Reservation period (hours new slots are seen only by the provider)', {
        width: 10,
        inputmode: 'numeric',
      })}
      <Group id="options" legend="Options">
        <div class="nhsuk-checkboxes">
          <Checkbox
            name="letterRequired"
            value="yes"
            label="A referral letter is required"
            checked={one(values, 'letterRequired') === 'yes'}
            id="letterRequired"
          />
          <Checkbox
            name="national"
            value="yes"
            label="National service (visible to every referrer without commissioning)"
            checked={one(values, 'national') === 'yes'}
            id="national"
          />
        </div>
      </Group>
      <Button>{props.submit}</Button>
    </form>
  );
}
