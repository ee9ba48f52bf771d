import type { Child } from 'hono/jsx';
import type { AdviceService } from '../../domain/advice/conversation';
import type { CodeLists, SearchResult } from '../../services/directory/directory.service';
import { Table } from '../components/display';
import { FileUpload, Select, Textarea } from '../components/fields';
import { Button, ChooseOne, ErrorSummary, type FieldErrors, TextInput } from '../components/forms';
import { PatientFields } from './patient-fields';

/** Step 1: find the one advice service to ask (e-RS A044: one service on an A&G request). */
export function AdviceSearch(props: {
  csrf: Child;
  codes: CodeLists;
  values: Record<string, string>;
  errors: FieldErrors;
  results?: SearchResult[];
}) {
  const { values: v, errors: e, results } = props;
  return (
    <>
      <span class="nhsuk-caption-l">Ask for advice: step 1 of 2</span>
      <h1 class="nhsuk-heading-l">Find an advice service</h1>
      <ErrorSummary errors={e} />
      <form method="post" action="/advice/new/search" novalidate>
        {props.csrf}
        <Select
          placeholder="Any"
          name="specialtyCode"
          label="Specialty"
          selected={v.specialtyCode}
          error={e.specialtyCode}
          options={props.codes.specialties.map((s) => ({ value: s.code, text: s.name }))}
        />
        <TextInput name="clinicalTerm" label="Clinical term" value={v.clinicalTerm} error={e.clinicalTerm} />
        <TextInput
          name="postcode"
          label="Patient's postcode (optional, to sort by distance)"
          value={v.postcode}
          error={e.postcode}
          width={10}
        />
        <input type="hidden" name="includeAllAgesAndSexes" value="on" />
        <Button secondary>Search</Button>
      </form>
      {results &&
        (results.length === 0 ? (
          <p>No advice services match. Try another specialty or term.</p>
        ) : (
          <Table
            caption={`${results.length} advice ${results.length === 1 ? 'service' : 'services'}`}
            headings={['Service', 'Provider', 'Location', '']}
            rows={results.map((r) => [
              r.name,
              r.providerOrgCode,
              r.location ?? '',
              <a href={`/advice/new/${r.serviceId}`}>
                Ask this service<span class="nhsuk-u-visually-hidden">: {r.name}</span>
              </a>,
            ])}
          />
        ))}
    </>
  );
}

/** Step 2: the patient, the question, files, and whether the provider may convert the request. */
export function AdviceRequestForm(props: {
  csrf: Child;
  service: AdviceService;
  clinicians: { id: string; name: string }[];
  values: Record<string, string>;
  errors: FieldErrors;
  attachments: { id: string; name: string }[];
}) {
  const { values: v, errors: e, service } = props;
  return (
    <>
      <span class="nhsuk-caption-l">Ask for advice: step 2 of 2</span>
      <h1 class="nhsuk-heading-l">Your question to {service.name}</h1>
      <ErrorSummary errors={e} />
      <form method="post" action="/advice/new" enctype="multipart/form-data" novalidate>
        {props.csrf}
        <input type="hidden" name="serviceId" value={service.serviceId} />
        <input type="hidden" name="requestKey" value={v.requestKey} />
        {props.attachments.map((a) => (
          <input type="hidden" name="attachmentIds" value={a.id} />
        ))}
        {props.clinicians.length > 0 && (
          <ChooseOne
            name="requester-clinicianUserId"
            legend="Clinician asking for advice"
            choices={props.clinicians.map((c) => ({ value: c.id, text: c.name }))}
            selected={v['requester-clinicianUserId']}
            error={e['requester-clinicianUserId']}
          />
        )}
        <h2 class="nhsuk-heading-m">Patient</h2>
        <PatientFields values={v} errors={e} />
        <h2 class="nhsuk-heading-m">Question</h2>
        <Textarea
          name="question"
          label="Your question"
          hint="Up to 8,000 characters"
          rows={8}
          value={v.question}
          error={e.question}
        />
        {props.attachments.length > 0 && <p>Already attached: {props.attachments.map((a) => a.name).join(', ')}</p>}
        <FileUpload
          name="attachments"
          label="Attach a file (optional)"
          hint="PDF, PNG or JPEG, smaller than 5 MB"
          error={e.attachments}
          accept=".pdf,.png,.jpg,.jpeg"
        />
        <ChooseOne
          name="conversionAllowed"
          legend="May the provider convert this request into a referral?"
          choices={[
            { value: 'yes', text: 'Yes: I will ensure adequate clinical information is supplied' },
            { value: 'no', text: 'No: I want advice only' },
          ]}
          selected={v.conversionAllowed}
          error={e.conversionAllowed}
        />
        <Button>Send request</Button>
      </form>
    </>
  );
}
