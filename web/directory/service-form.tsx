import type { Child } from 'hono/jsx';
import type { ServiceDefinition } from '../../domain/directory/service.schema';
import type { CodeLists } from '../../services/directory/directory.service';
import { ErrorSummary, TextInput, type FieldErrors, Button } from '../components/forms';
import { many, one, type FormValues } from './form-values';
import { Checkbox, Select, Textarea, type Option } from '../components/fields';
import { Group } from './form-fields';

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
    address: one(values, 'address'),
    telephone: one(values, 'telephone'),
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

/** A stored service as the form shows it: the inverse of `serviceInputOf`. */
export function serviceFormValues(service: ServiceDefinition): FormValues {
  return {
    name: service.name,
    requestTypes: service.requestTypes,
    specialtyCode: service.specialtyCode,
    clinicTypeCode: service.clinicTypeCode ?? '',
    location: service.location,
    address: service.address ?? '',
    telephone: service.telephone ?? '',
    outcode: service.outcode,
    ageMin: String(service.ageMin),
    ageMax: String(service.ageMax),
    sexTreated: service.sexTreated,
    conditionsTreated: service.conditionsTreated,
    exclusions: service.exclusions,
    letterRequired: service.letterRequired ? 'yes' : '',
    indicativeWaitDays: String(service.indicativeWaitDays),
    clinicians: service.clinicians.join('\n'),
    instructions: service.instructions,
    national: service.national ? 'yes' : '',
    pollingRangeDays: String(service.pollingRangeDays),
    reservationHours: String(service.reservationHours),
  };
}

/**
 * The clinic types of the chosen specialty; every specialty's, named by specialty, while none
 * is chosen. htmx swaps this in when the specialty changes; without JavaScript the list is
 * complete and the server refuses a clinic type of another specialty.
 */
export function ClinicTypeSelect(props: {
  codes: CodeLists;
  specialtyCode: string;
  value: string;
  error?: string;
  empty?: string;
}) {
  const { codes, specialtyCode } = props;
  const chosen = codes.specialties.find((s) => s.code === specialtyCode);
  const options: Option[] = chosen
    ? codes.clinicTypes.filter((t) => t.specialtyCode === chosen.code).map((t) => ({ value: t.code, text: t.name }))
    : codes.clinicTypes.map((t) => ({
        value: t.code,
        text: `${codes.specialties.find((s) => s.code === t.specialtyCode)?.name}: ${t.name}`,
      }));
  return (
    <Select
      name="clinicTypeCode"
      label="Clinic type (optional)"
      hint={chosen ? `Clinic types of ${chosen.name}` : 'Choose the specialty first to see only its clinic types'}
      selected={props.value}
      error={props.error}
      options={options}
      placeholder={props.empty ?? 'Choose'}
    />
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
        placeholder="Choose"
        name="specialtyCode"
        label="Specialty"
        selected={one(values, 'specialtyCode')}
        error={errors.specialtyCode}
        options={codes.specialties.map((s) => ({ value: s.code, text: s.name }))}
        attrs={{
          'hx-get': '/directory/clinic-types',
          'hx-trigger': 'change',
          'hx-target': '#clinicTypeCode-group',
          'hx-swap': 'outerHTML',
        }}
      />
      <ClinicTypeSelect
        codes={codes}
        specialtyCode={one(values, 'specialtyCode')}
        value={one(values, 'clinicTypeCode')}
        error={errors.clinicTypeCode}
      />
      {text('location', 'Location')}
      {text('address', 'Clinic address', {
        hint: 'Printed on the patient’s letter, for example 1 Great George Street, Leeds LS1 3EX',
      })}
      {text('telephone', 'Clinic telephone', { hint: 'Printed on the patient’s letter', width: 20 })}
      {text('outcode', 'Postcode district of the location', {
        hint: 'The first part of the postcode, for example LS1',
        width: 10,
      })}
      {text('ageMin', 'Lowest age treated (years)', { width: 10, inputmode: 'numeric' })}
      {text('ageMax', 'Highest age treated (years)', { width: 10, inputmode: 'numeric' })}
      <Select
        placeholder="Choose"
        name="sexTreated"
        label="Sex treated"
        selected={one(values, 'sexTreated')}
        error={errors.sexTreated}
        options={[
          { value: 'ANY', text: 'Any' },
          { value: 'FEMALE', text: 'Female only' },
          { value: 'MALE', text: 'Male only' },
        ]}
      />
      <Textarea
        rows={3}
        name="conditionsTreated"
        label="Conditions treated"
        value={one(values, 'conditionsTreated')}
        error={errors.conditionsTreated}
      />
      <Textarea
        rows={3}
        name="exclusions"
        label="Exclusions"
        value={one(values, 'exclusions')}
        error={errors.exclusions}
      />
      <Textarea
        rows={3}
        name="clinicians"
        label="Named clinicians"
        hint="One name a line"
        value={one(values, 'clinicians')}
        error={errors.clinicians}
      />
      <Textarea
        rows={3}
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
