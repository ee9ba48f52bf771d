import { PRIORITIES, PRIORITY_LABELS } from '../../domain/priorities';
import { TextInput, type FieldErrors } from '../components/forms';
import { Checkbox, Select } from '../components/fields';
import type { CodeLists } from '../../services/directory/directory.service';
import { ClinicTypeSelect } from './service-form';
import { SEX_OPTIONS } from '../../domain/referral';

type Query = Record<string, string>;

/** The search form's fields; `oob` when an htmx response replaces them with their errors. */
export function SearchFields(props: { query: Query; errors: FieldErrors; codes: CodeLists; oob?: boolean }) {
  const { query, errors, codes } = props;
  return (
    <div id="search-fields" hx-swap-oob={props.oob ? 'true' : undefined}>
      <Select
        placeholder="Any"
        name="priority"
        label="Priority"
        selected={query.priority}
        error={errors.priority}
        options={PRIORITIES.map((p) => ({ value: p, text: PRIORITY_LABELS[p] }))}
      />
      <Select
        placeholder="Any"
        name="specialtyCode"
        label="Specialty"
        selected={query.specialtyCode}
        error={errors.specialtyCode}
        options={codes.specialties.map((s) => ({ value: s.code, text: s.name }))}
        attrs={{
          'hx-get': '/directory/clinic-types?for=search',
          'hx-trigger': 'change',
          'hx-target': '#clinicTypeCode-group',
          'hx-swap': 'outerHTML',
        }}
      />
      <ClinicTypeSelect
        codes={codes}
        specialtyCode={query.specialtyCode ?? ''}
        value={query.clinicTypeCode ?? ''}
        error={errors.clinicTypeCode}
        empty="Any"
      />
      <TextInput name="clinicalTerm" label="Clinical term" value={query.clinicalTerm} error={errors.clinicalTerm} />
      <TextInput name="clinician" label="Named clinician" value={query.clinician} error={errors.clinician} />
      <TextInput
        name="patientAge"
        label="Patient's age (years)"
        value={query.patientAge}
        error={errors.patientAge}
        width={10}
        inputmode="numeric"
      />
      <Select
        placeholder="Any"
        name="patientSex"
        label="Patient's sex"
        selected={query.patientSex}
        error={errors.patientSex}
        options={SEX_OPTIONS}
      />
      <div class="nhsuk-checkboxes nhsuk-form-group">
        <Checkbox
          id="includeAllAgesAndSexes"
          name="includeAllAgesAndSexes"
          value="on"
          checked={query.includeAllAgesAndSexes === 'on'}
          label="Show services for all ages and sexes"
        />
      </div>
      <TextInput name="postcode" label="Patient's postcode" value={query.postcode} error={errors.postcode} width={10} />
      <TextInput
        name="maxDistanceKm"
        label="Within (km)"
        value={query.maxDistanceKm}
        error={errors.maxDistanceKm}
        width={10}
        inputmode="numeric"
      />
      <TextInput
        name="maxWaitDays"
        label="Wait no longer than (days)"
        value={query.maxWaitDays}
        error={errors.maxWaitDays}
        width={10}
        inputmode="numeric"
        hint="Not available for two week wait"
      />
      <Select
        placeholder="Any"
        name="sortBy"
        label="Sort by"
        selected={query.sortBy}
        error={errors.sortBy}
        options={[
          { value: 'distance', text: 'Distance' },
          { value: 'wait', text: 'Wait' },
        ]}
      />
    </div>
  );
}
