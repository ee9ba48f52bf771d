import type { Context } from 'hono';
import { isPermitted } from '../../domain/permissions';
import { DIRECTORY_PERMISSIONS, type DirectoryAction } from '../../domain/directory/permissions';
import { PRIORITIES, PRIORITY_LABELS } from '../../domain/priorities';
import type { ServiceDetails } from '../../services/directory/directory.service';
import { csrfField } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink, SummaryList, Table } from '../components/display';
import { Button, ErrorSummary, TextInput, type FieldErrors } from '../components/forms';
import { one, type FormValues } from './form-values';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A service with its clinics, booking windows and slot counts, and the forms to change them. */
export function ServicePage(props: {
  c: Context;
  details: ServiceDetails;
  values: FormValues;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const { c, values, errors, notice } = props;
  const { service, clinics, bookingWindows, slotCounts } = props.details;
  const can = (action: DirectoryAction) => isPermitted(DIRECTORY_PERMISSIONS, action, c.get('actor').role);
  return (
    <StaffLayout c={c} title={service.name} beforeContent={<BackLink href="/directory/services" />}>
      <h1 class="nhsuk-heading-l">{service.name}</h1>
      {notice && (
        <div class="nhsuk-inset-text" role="status">
          {notice}
        </div>
      )}
      <ErrorSummary errors={errors} />
      <SummaryList
        rows={[
          {
            key: 'Status',
            value: `${service.status.toLowerCase()}${service.version ? `, version ${service.version}` : ''}`,
          },
          { key: 'Request types', value: service.requestTypes.join(', ') },
          {
            key: 'Specialty',
            value: `${service.specialtyCode}${service.clinicTypeCode ? ` / ${service.clinicTypeCode}` : ''}`,
          },
          { key: 'Slots', value: slotCounts.map((s) => `${s.count} ${s.status}`).join(', ') || 'none' },
        ]}
      />
      <div class="nhsuk-button-group">
        <a class="nhsuk-button nhsuk-button--secondary" href={`/directory/services/${service.id}/edit`}>
          Edit
        </a>
        {service.status === 'DRAFT' && (
          <form method="post" action={`/directory/services/${service.id}/publish`}>
            {csrfField(c)}
            <Button>Publish</Button>
          </form>
        )}
        {service.status !== 'RETIRED' && (
          <form method="post" action={`/directory/services/${service.id}/retire`}>
            {csrfField(c)}
            <Button secondary>Retire</Button>
          </form>
        )}
      </div>
      {service.requestTypes.includes('DBS') && (
        <>
          <h2 class="nhsuk-heading-m">Weekly clinics</h2>
          <Table
            caption="Clinics that generate slots"
            headings={['Day', 'Start', 'Slots', 'Clinician']}
            rows={clinics.map((t) => [
              WEEKDAYS[t.weekday - 1]!,
              t.startTime,
              `${t.slotCount} × ${t.slotMinutes} min`,
              t.clinician,
            ])}
          />
          {can('generateSlots') && (
            <form method="post" action={`/directory/services/${service.id}/clinics`} novalidate>
              {csrfField(c)}
              <TextInput
                name="weekday"
                label="Day (1 Monday to 7 Sunday)"
                width={10}
                inputmode="numeric"
                value={one(values, 'weekday')}
                error={errors.weekday}
              />
              <TextInput
                name="startTime"
                label="Start time (UK time, 24-hour)"
                width={10}
                value={one(values, 'startTime')}
                error={errors.startTime}
                hint="For example 09:30"
              />
              <TextInput
                name="slotMinutes"
                label="Slot length (minutes)"
                width={10}
                inputmode="numeric"
                value={one(values, 'slotMinutes')}
                error={errors.slotMinutes}
              />
              <TextInput
                name="slotCount"
                label="Number of slots"
                width={10}
                inputmode="numeric"
                value={one(values, 'slotCount')}
                error={errors.slotCount}
              />
              <TextInput name="clinician" label="Clinician" value={one(values, 'clinician')} error={errors.clinician} />
              <Button>Add clinic and publish its slots</Button>
            </form>
          )}
          <h2 class="nhsuk-heading-m">Booking windows</h2>
          <form method="post" action={`/directory/services/${service.id}/windows`} novalidate>
            {csrfField(c)}
            {PRIORITIES.map((p) => {
              const w = bookingWindows.find((x) => x.priority === p);
              return (
                <TextInput
                  name={p}
                  label={`${PRIORITY_LABELS[p]}: last day bookable (days from today)`}
                  width={10}
                  inputmode="numeric"
                  value={one(values, p) || (w ? String(w.toDays) : '')}
                  error={errors[p]}
                  hint="Leave empty for the default"
                />
              );
            })}
            <Button secondary>Save booking windows</Button>
          </form>
          {can('cancelClinic') && (
            <>
              <h2 class="nhsuk-heading-m">Cancel a clinic</h2>
              <p>
                <a href={`/directory/clinics/cancel?serviceId=${service.id}`}>Cancel a day's clinic of this service</a>
              </p>
            </>
          )}
        </>
      )}
    </StaffLayout>
  );
}
