import { type Context, Hono } from 'hono';
import { CarepathError } from '../../../domain/errors';
import { nhsNumberProblem } from '../../../domain/ids';
import type { DemographicRecord } from '../../../domain/patients/patient-directory';
import { rolesFor } from '../../../domain/permissions';
import { MAX_SHORTLIST } from '../../../domain/referral';
import { REFERRAL_PERMISSIONS } from '../../../domain/referral-permissions';
import type {
  DetailsOptions,
  DraftStart,
  FirstChoice,
  ReferralDraft,
} from '../../../services/referrals/referrals.service';
import type { AppDeps } from '../../deps';
import { csrfField, requireRole } from '../../auth/middleware';
import { StaffLayout } from '../../auth/staff-layout';
import { BackLink } from '../../components/display';
import { ErrorSummary, type FieldErrors } from '../../components/forms';
import { formatDateTime } from '../../components/format';
import { statusOf } from '../../errors';
import { DateStep, ServiceStep, type StepForm, TimeStep } from '../action-booking';
import { CheckAnswersPage } from './check-answers.page';
import { type DetailsAction, DetailsForm, NhsNumberVerdict, type PatientMode } from './details.form';
import { type DetailsForm as PostedDetails, detailsOp, draftValues, readDetailsForm } from './details.input';
import { inPageOrder } from './error-order';
import { ChooseForm, CreatedPage, stepThreeChoices } from './outcome.pages';
import { searchOf, searchStep } from './search-step';
import type { SearchValues } from './shortlist.page';

// A referring clinician refers in their own name; a clinician admin for a named clinician.
const CREATORS = rolesFor(REFERRAL_PERMISSIONS, 'create');

const NOT_BOOKED_REASONS: Record<string, string> = {
  SLOT_UNAVAILABLE: 'The appointment you chose was taken by someone else a moment ago.',
  INVALID_REQUEST_STATE: 'That choice is not possible for this referral now.',
  VALIDATION: 'That choice could not be used.',
};

type Body = Record<string, string | File>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d{1,18}$/;

/** The choice "Check your answers" carries: `book:<slot>`, `triage:<service>`, `ibs:<service>`, `defer:<service>` or `later`. */
function firstChoiceOf(value: string): FirstChoice | undefined {
  if (value === 'later') return { kind: 'later' };
  const match = /^(book|triage|ibs|defer):(\d{1,18})$/.exec(value);
  return match ? { kind: match[1] as Exclude<FirstChoice['kind'], 'later'>, id: match[2]! } : undefined;
}

const pageNumber = (value: string | undefined) => {
  const n = Number(value ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 1;
};

/** A record from the demographics service as the details page's patient fields. */
function foundValues(record: DemographicRecord): Record<string, string> {
  const [year, month, day] = record.dateOfBirth.split('-') as [string, string, string];
  return {
    'patient-givenName': record.givenName,
    'patient-familyName': record.familyName,
    'patient-dateOfBirth-day': String(Number(day)),
    'patient-dateOfBirth-month': String(Number(month)),
    'patient-dateOfBirth-year': year,
    'patient-sex': record.sex,
    'patient-address': record.address,
    'patient-postcode': record.postcode,
  };
}

function specialtyLabel(options: DetailsOptions, specialty: string, clinicType: string | undefined) {
  const name = options.specialties.find((s) => s.code === specialty)?.name ?? specialty;
  const type = options.clinicTypes.find((t) => t.specialtyCode === specialty && t.code === clinicType)?.name;
  return type ? `${name} / ${type}` : name;
}

/**
 * "Create a referral": details (the patient found in the demographics service), then services
 * (search and shortlist), then what to do (book by service, date and time; send; defer; later),
 * then "Check your answers", which creates it.
 */
export function createReferralRoutes(deps: Pick<AppDeps, 'services'>) {
  const { referrals, directory, patients } = deps.services;
  const app = new Hono();

  const page = (c: Context, title: string, body: unknown, back?: string) => (
    <StaffLayout c={c} title={title} beforeContent={back ? <BackLink href={back} /> : undefined}>
      {body as never}
    </StaffLayout>
  );

  /** The details page: the patient in the mode given, what was typed kept, errors in page order. */
  async function detailsPage(
    c: Context,
    action: DetailsAction,
    patient: PatientMode,
    values: Record<string, string>,
    errors: FieldErrors = {},
    status?: ReturnType<typeof statusOf>,
  ) {
    const options = await referrals.detailsOptions(c.get('actor'));
    const ordered = inPageOrder(errors);
    const body = (
      <CreateHeading step={1}>
        <ErrorSummary errors={ordered} />
        <DetailsForm
          csrf={csrfField(c)}
          action={action}
          patient={patient}
          options={options}
          values={values}
          errors={ordered}
        />
      </CreateHeading>
    );
    const title = Object.keys(errors).length > 0 ? 'Error: Create a referral' : 'Create a referral';
    return c.html(page(c, title, body), status);
  }

  /**
   * The details page's patient buttons (find, change, by hand) draw the page again; Continue
   * checks everything and saves. The patient found is looked up again when the page is saved.
   */
  async function postDetails(
    c: Context,
    action: DetailsAction,
    save: (form: PostedDetails) => Promise<DraftStart>,
    next: (draftId: string) => string,
  ) {
    const actor = c.get('actor');
    const body = (await c.req.parseBody()) as Body;
    const form = await readDetailsForm(body);
    const nhsNumber = String(body['patient-nhsNumber'] ?? '');
    const op = detailsOp(body);
    if (op === 'change') return detailsPage(c, action, { mode: 'find' }, form.values);
    if (op === 'manual') {
      // "These details are wrong": start from what the service said, for the user to correct.
      const record = form.input.patientSource === 'directory' ? await patients.lookUp(actor, nhsNumber) : undefined;
      const values = record ? { ...foundValues(record), ...form.values, 'patient-source': 'manual' } : form.values;
      return detailsPage(c, action, { mode: 'manual', notFound: false }, values);
    }
    if (op === 'find') {
      const problem = nhsNumberProblem(nhsNumber);
      if (problem) {
        const errors = { 'patient-nhsNumber': problem };
        return detailsPage(c, action, { mode: 'find' }, form.values, errors, statusOf('VALIDATION'));
      }
      const record = await patients.lookUp(actor, nhsNumber);
      // The practice the demographics service names, else the one typed, else the referrer's own.
      const practice = record?.registeredPracticeCode || form.values['patient-registeredPracticeCode'] || actor.orgCode;
      return detailsPage(c, action, record ? { mode: 'found', record } : { mode: 'manual', notFound: true }, {
        ...form.values,
        'patient-registeredPracticeCode': practice,
      });
    }
    const saved = await save(form);
    if (saved.ok) return c.redirect(next(saved.draftId), 303);
    // The date boxes' own message says more than the schema's about the date they make.
    const errors: FieldErrors = { ...form.errors };
    for (const [field, message] of Object.entries(saved.refused.fields)) errors[field] ??= message;
    const values = { ...form.values, ...(saved.letterId ? { 'letter-documentId': saved.letterId } : {}) };
    const source = form.input.patientSource;
    let patient: PatientMode = { mode: 'find' };
    if (source === 'manual') patient = { mode: 'manual', notFound: false };
    if (source === 'directory') {
      const record = await patients.lookUp(actor, nhsNumber);
      patient = record ? { mode: 'found', record } : { mode: 'find' };
    }
    return detailsPage(c, action, patient, values, errors, statusOf(saved.refused));
  }

  app.get('/referrals/new', requireRole(...CREATORS), async (c) => {
    return detailsPage(
      c,
      '/referrals/new',
      { mode: 'find' },
      { 'patient-registeredPracticeCode': c.get('actor').orgCode },
    );
  });

  app.post('/referrals/new/nhs-number', requireRole(...CREATORS), async (c) => {
    const typed = String((await c.req.parseBody())['patient-nhsNumber'] ?? '');
    return c.html(<NhsNumberVerdict typed={typed} problem={nhsNumberProblem(typed)} />);
  });

  app.post('/referrals/new', requireRole(...CREATORS), async (c) =>
    postDetails(
      c,
      '/referrals/new',
      (form) => referrals.startDraft(c.get('actor'), form.input),
      (draftId) => `/referrals/drafts/${draftId}/services`,
    ),
  );

  // Changing the details from "Check your answers": the same page, filled from the draft.
  app.get('/referrals/drafts/:draftId/details', requireRole(...CREATORS), async (c) => {
    const actor = c.get('actor');
    const draft = await referrals.draft(actor, c.req.param('draftId'));
    if (draft.submittedUbrn) return c.redirect(`/referrals/${draft.submittedUbrn}/created`, 303);
    const values = { ...draftValues(draft.details), then: c.req.query('choice') ?? '' };
    const p = draft.details.patient;
    const record = p.verified ? await patients.lookUp(actor, p.nhsNumber) : undefined;
    const patient: PatientMode = record ? { mode: 'found', record } : { mode: 'manual', notFound: false };
    return detailsPage(c, `/referrals/drafts/${draft.id}/details`, patient, values);
  });

  app.post('/referrals/drafts/:draftId/details', requireRole(...CREATORS), async (c) => {
    const draftId = c.req.param('draftId');
    const then = String(((await c.req.parseBody()) as Body).then ?? '');
    return postDetails(
      c,
      `/referrals/drafts/${draftId}/details`,
      (form) => referrals.changeDraftDetails(c.get('actor'), draftId, form.input),
      (id) =>
        firstChoiceOf(then)
          ? `/referrals/drafts/${id}/check?choice=${encodeURIComponent(then)}`
          : `/referrals/drafts/${id}/services`,
    );
  });

  /** Step 2's page: the shortlist, and the results of the search shown (the draft's specialty at first). */
  async function servicesStep(c: Context, draft: ReferralDraft, search?: SearchValues) {
    const step = await searchStep(directory, c, draft, search);
    const body = <CreateHeading step={2}>{step.content}</CreateHeading>;
    return c.html(page(c, 'Find services', body, `/referrals/drafts/${draft.id}/details`), step.status);
  }

  app.get('/referrals/drafts/:draftId/services', requireRole(...CREATORS), async (c) => {
    const draft = await referrals.draft(c.get('actor'), c.req.param('draftId'));
    if (draft.submittedUbrn) return c.redirect(`/referrals/${draft.submittedUbrn}/created`, 303);
    return servicesStep(c, draft);
  });

  // Search, Add and Remove all post here and get the page back: the search never goes in a URL.
  app.post('/referrals/drafts/:draftId/shortlist', requireRole(...CREATORS), async (c) => {
    const actor = c.get('actor');
    let draft = await referrals.draft(actor, c.req.param('draftId'));
    const body = (await c.req.parseBody()) as Body;
    if (body.op === 'add' || body.op === 'remove') {
      const serviceId = String(body.serviceId ?? '');
      let shortlist = draft.shortlist.filter((s) => s.serviceId !== serviceId);
      if (body.op === 'add') {
        const service = await directory.referrableService(actor, serviceId);
        if (!service) throw new CarepathError('NOT_FOUND', 'That service is not available to your organisation.');
        if (shortlist.length >= MAX_SHORTLIST)
          throw new CarepathError('VALIDATION', `A shortlist holds at most ${MAX_SHORTLIST} services.`);
        shortlist = [...shortlist, service];
      }
      await referrals.saveDraftShortlist(actor, draft.id, shortlist);
      draft = { ...draft, shortlist };
    }
    return servicesStep(c, draft, searchOf(body));
  });

  /** Step 3: what to do with the new referral, offering only what can be done now. */
  async function chooseStep(c: Context, draftId: string, errors: FieldErrors = {}, selected?: string) {
    const choices = await referrals.draftChoices(c.get('actor'), draftId);
    const { draft } = choices;
    if (draft.submittedUbrn) return c.redirect(`/referrals/${draft.submittedUbrn}/created`, 303);
    if (draft.shortlist.length === 0) return c.redirect(`/referrals/drafts/${draft.id}/services`, 303);
    const body = (
      <CreateHeading step={3}>
        <ErrorSummary errors={errors} />
        {choices.bookable.length === 0 && draft.shortlist.some((s) => s.requestType === 'DBS') && (
          <div class="nhsuk-inset-text">
            <span class="nhsuk-u-visually-hidden">Information: </span>
            <p>
              No appointments can be booked at the shortlisted services now. Defer to the provider, send or ask a
              provider below, or <a href={`/referrals/drafts/${draft.id}/services`}>change the shortlist</a>.
            </p>
          </div>
        )}
        <ChooseForm
          draftId={draft.id}
          csrf={csrfField(c)}
          choices={stepThreeChoices(choices)}
          selected={selected}
          errors={errors}
        />
      </CreateHeading>
    );
    const title = Object.keys(errors).length > 0 ? 'Error: Book or send' : 'Book or send';
    return c.html(
      page(c, title, body, `/referrals/drafts/${draft.id}/services`),
      Object.keys(errors).length > 0 ? statusOf('VALIDATION') : undefined,
    );
  }

  app.get('/referrals/drafts/:draftId/book', requireRole(...CREATORS), (c) => chooseStep(c, c.req.param('draftId')));

  app.post('/referrals/drafts/:draftId/choose', requireRole(...CREATORS), async (c) => {
    const draftId = c.req.param('draftId');
    const typed = String(((await c.req.parseBody()) as Body).choice ?? '');
    if (typed === 'book') return c.redirect(`/referrals/drafts/${draftId}/appointment`, 303);
    const choice = firstChoiceOf(typed);
    if (!choice || choice.kind === 'book') {
      return chooseStep(c, draftId, { choice: 'Choose what to do with the referral' }, typed);
    }
    return c.redirect(`/referrals/drafts/${draftId}/check?choice=${encodeURIComponent(typed)}`, 303);
  });

  // Booking by service, then date, then time. Each step asks by GET (ids and dates only), so
  // Back and "more dates" work as links; the last answer goes to "Check your answers".
  app.get('/referrals/drafts/:draftId/appointment', requireRole(...CREATORS), async (c) => {
    const actor = c.get('actor');
    const draftId = c.req.param('draftId');
    const q = (name: string) => c.req.query(name) ?? '';
    const base = `/referrals/drafts/${draftId}/appointment`;
    const form = (hidden: Record<string, string>, submit = 'Continue'): StepForm => ({
      method: 'get',
      action: base,
      hidden,
      submit,
    });
    const show = (title: string, content: unknown, back: string, errors: FieldErrors) =>
      c.html(
        page(
          c,
          Object.keys(errors).length > 0 ? `Error: ${title}` : title,
          <CreateHeading step={3} title={title}>
            {content}
          </CreateHeading>,
          back,
        ),
        Object.keys(errors).length > 0 ? statusOf('VALIDATION') : undefined,
      );
    const { bookable, draft } = await referrals.draftChoices(actor, draftId);
    if (draft.submittedUbrn) return c.redirect(`/referrals/${draft.submittedUbrn}/created`, 303);
    if (bookable.length === 0) return c.redirect(`/referrals/drafts/${draftId}/book`, 303);
    // One service: nothing to choose, so the date step comes first.
    const serviceId = bookable.length === 1 ? bookable[0]!.service.serviceId : q('service');
    if (!ID.test(serviceId) || !bookable.some((b) => b.service.serviceId === serviceId)) {
      const errors: FieldErrors = q('step') === 'service' ? { service: 'Choose a service' } : {};
      const content = <ServiceStep form={form({ step: 'service' })} bookable={bookable} errors={errors} />;
      return show('Choose a service', content, `/referrals/drafts/${draftId}/book`, errors);
    }
    const backToServices = bookable.length === 1 ? `/referrals/drafts/${draftId}/book` : base;
    const date = q('date');
    if (!DATE.test(date)) {
      const errors: FieldErrors = q('step') === 'date' ? { date: 'Choose a date' } : {};
      const pageNo = pageNumber(q('page'));
      const { service, dates } = await referrals.draftDates(actor, draftId, serviceId, pageNo);
      const content = (
        <DateStep
          form={form({ step: 'date', service: serviceId })}
          service={service}
          dates={dates}
          errors={errors}
          pageHref={(n) => `${base}?service=${serviceId}&page=${n}`}
        />
      );
      return show('Choose a date', content, backToServices, errors);
    }
    const slot = q('slot');
    const { service, slots } = await referrals.draftTimes(actor, draftId, serviceId, date);
    if (ID.test(slot) && slots.some((s) => s.slotId === slot)) {
      return c.redirect(`/referrals/drafts/${draftId}/check?choice=book:${slot}`, 303);
    }
    const errors: FieldErrors = q('step') === 'time' ? { slot: 'Choose a time' } : {};
    const content = (
      <TimeStep
        form={form({ step: 'time', service: serviceId, date })}
        service={service}
        date={date}
        slots={slots}
        errors={errors}
      />
    );
    return show('Choose a time', content, `${base}?service=${serviceId}`, errors);
  });

  /** Step 4: every answer, with links to change it; its one button creates the referral. */
  async function checkAnswers(c: Context, draftId: string, typed: string, errors: FieldErrors = {}) {
    const actor = c.get('actor');
    const choice = firstChoiceOf(typed);
    const choices = await referrals.draftChoices(actor, draftId);
    const { draft } = choices;
    if (draft.submittedUbrn) return c.redirect(`/referrals/${draft.submittedUbrn}/created`, 303);
    if (!choice) return c.redirect(`/referrals/drafts/${draftId}/book`, 303);
    const named = (id: string) => draft.shortlist.find((s) => s.serviceId === id)?.name;
    let choiceText: string | undefined;
    if (choice.kind === 'later') choiceText = 'Save the referral and book later';
    else if (choice.kind === 'book') {
      const slot = await referrals.draftSlot(actor, draftId, choice.id);
      if (slot) choiceText = `Book ${formatDateTime(slot.start)} at ${slot.serviceName} (${slot.clinician})`;
      else errors = { ...errors, choice: 'That appointment is no longer free: choose another' };
    } else {
      const name = named(choice.id);
      const lists = { triage: choices.triage, ibs: choices.ibs, defer: choices.deferrable };
      const offered = lists[choice.kind].some((s) => s.serviceId === choice.id);
      if (name && offered) {
        choiceText = {
          triage: `Send for triage to ${name}`,
          ibs: `Ask ${name} to arrange the appointment`,
          defer: `Defer to ${name}`,
        }[choice.kind];
      } else errors = { ...errors, choice: 'That choice is not possible now: choose again' };
    }
    const options = await referrals.detailsOptions(actor);
    const label = specialtyLabel(options, draft.details.specialty, draft.details.clinicType);
    const open = await patients.openReferrals(actor, draft.details.patient.nhsNumber, draft.details.specialty);
    const body = (
      <CreateHeading step={4}>
        <CheckAnswersPage
          draft={draft}
          choice={typed}
          choiceText={choiceText ?? <a href={`/referrals/drafts/${draftId}/book`}>Choose what to do</a>}
          specialtyLabel={label}
          open={open}
          csrf={csrfField(c)}
          errors={errors}
        />
      </CreateHeading>
    );
    const failed = Object.keys(errors).length > 0;
    return c.html(
      page(c, failed ? 'Error: Check your answers' : 'Check your answers', body, `/referrals/drafts/${draftId}/book`),
      failed ? statusOf('VALIDATION') : undefined,
    );
  }

  app.get('/referrals/drafts/:draftId/check', requireRole(...CREATORS), (c) =>
    checkAnswers(c, c.req.param('draftId'), c.req.query('choice') ?? ''),
  );

  app.post('/referrals/drafts/:draftId/submit', requireRole(...CREATORS), async (c) => {
    const actor = c.get('actor');
    const draftId = c.req.param('draftId');
    const typed = String(((await c.req.parseBody()) as Body).choice ?? '');
    const choice = firstChoiceOf(typed);
    if (!choice) return chooseStep(c, draftId, { choice: 'Choose what to do with the referral' }, typed);
    try {
      const { ubrn, notBooked } = await referrals.submitDraft(actor, draftId, choice);
      return c.redirect(`/referrals/${ubrn}/created${notBooked ? `?notBooked=${notBooked}` : ''}`, 303);
    } catch (error) {
      // Only a problem with what was entered shows the answers again; a refusal (such as a
      // role that may not refer) or an outage is the error page's to explain.
      if (!(error instanceof CarepathError) || error.code !== 'VALIDATION') throw error;
      const field = Object.keys(error.fields)[0] === 'shortlist' ? 'shortlist' : 'choice';
      return checkAnswers(c, draftId, typed, { [field]: error.message });
    }
  });

  app.get('/referrals/:ubrn/created', requireRole(...CREATORS), async (c) => {
    const { referral, accessCode, clinic } = await referrals.created(c.get('actor'), c.req.param('ubrn'));
    const problem = NOT_BOOKED_REASONS[c.req.query('notBooked') ?? ''];
    const body = <CreatedPage referral={referral} accessCode={accessCode} clinic={clinic} problem={problem} />;
    return c.html(page(c, 'Referral created', body));
  });

  return app;
}

const STEP_TITLES = {
  1: 'Patient and referral details',
  2: 'Find services and shortlist them',
  3: 'Book, send or defer',
  4: 'Check your answers before creating the referral',
};

function CreateHeading({ step, title, children }: { step: 1 | 2 | 3 | 4; title?: string; children: unknown }) {
  return (
    <>
      <span class="nhsuk-caption-l">Create a referral: step {step} of 4</span>
      <h1 class="nhsuk-heading-l">{title ?? STEP_TITLES[step]}</h1>
      {children as never}
    </>
  );
}
