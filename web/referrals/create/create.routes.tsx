import { type Context, Hono } from 'hono';
import { CarepathError } from '../../../domain/errors';
import { nhsNumberProblem } from '../../../domain/ids';
import { rolesFor } from '../../../domain/permissions';
import { MAX_SHORTLIST } from '../../../domain/referral';
import { REFERRAL_PERMISSIONS } from '../../../domain/referral-permissions';
import type { FirstChoice, ReferralDraft, SlotChoice } from '../../../services/referrals/referrals.service';
import type { AppDeps } from '../../deps';
import { csrfField, requireRole } from '../../auth/middleware';
import { StaffLayout } from '../../auth/staff-layout';
import { BackLink } from '../../components/display';
import { ErrorSummary, type FieldErrors } from '../../components/forms';
import { staffNavigation } from '../../components/staff-navigation';
import { statusOf } from '../../errors';
import { DetailsForm, NhsNumberVerdict } from './details.form';
import { readDetailsForm } from './details.input';
import { ChooseForm, CreatedPage, bookingChoices } from './outcome.pages';
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

/** Step 3's radio value: `book:<slot>`, `triage:<service>`, `ibs:<service>`, `defer:<service>` or `later`. */
function firstChoiceOf(value: string): FirstChoice | undefined {
  if (value === 'later') return { kind: 'later' };
  const match = /^(book|triage|ibs|defer):(\d{1,18})$/.exec(value);
  return match ? { kind: match[1] as Exclude<FirstChoice['kind'], 'later'>, id: match[2]! } : undefined;
}

/** "Create a referral": details, then services (search and shortlist), then book or send. */
export function createReferralRoutes(deps: Pick<AppDeps, 'services'>) {
  const { referrals, directory } = deps.services;
  const app = new Hono();

  const page = (c: Context, title: string, body: unknown, back?: string) => (
    <StaffLayout
      c={c}
      title={title}
      navigation={staffNavigation('referrer', '/referrals/new')}
      beforeContent={back ? <BackLink href={back} /> : undefined}
    >
      {body as never}
    </StaffLayout>
  );

  app.get('/referrals/new', requireRole(...CREATORS), async (c) => {
    const actor = c.get('actor');
    const values = { 'patient-registeredPracticeCode': actor.orgCode };
    const options = await referrals.detailsOptions(actor);
    const form = <DetailsForm csrf={csrfField(c)} options={options} values={values} errors={{}} />;
    return c.html(page(c, 'Create a referral', <CreateHeading step={1}>{form}</CreateHeading>));
  });

  app.post('/referrals/new/nhs-number', requireRole(...CREATORS), async (c) => {
    const typed = String((await c.req.parseBody())['patient-nhsNumber'] ?? '');
    return c.html(<NhsNumberVerdict typed={typed} problem={nhsNumberProblem(typed)} />);
  });

  app.post('/referrals/new', requireRole(...CREATORS), async (c) => {
    const actor = c.get('actor');
    const form = await readDetailsForm((await c.req.parseBody()) as Body);
    const started = await referrals.startDraft(actor, form.input);
    if (started.ok) return c.redirect(`/referrals/drafts/${started.draftId}/services`, 303);
    // The date boxes' own message says more than the schema's about the date they make.
    const errors: FieldErrors = { ...form.errors };
    for (const [field, message] of Object.entries(started.refused.fields)) errors[field] ??= message;
    const values = { ...form.values, ...(started.letterId ? { 'letter-documentId': started.letterId } : {}) };
    const options = await referrals.detailsOptions(actor);
    const body = (
      <CreateHeading step={1}>
        <ErrorSummary errors={errors} />
        <DetailsForm csrf={csrfField(c)} options={options} values={values} errors={errors} />
      </CreateHeading>
    );
    return c.html(page(c, 'Error: Create a referral', body), statusOf(started.refused));
  });

  /** Step 2's page: the shortlist, and the results of the search shown (the draft's specialty at first). */
  async function servicesStep(c: Context, draft: ReferralDraft, search?: SearchValues) {
    const step = await searchStep(directory, c, draft, search);
    const body = <CreateHeading step={2}>{step.content}</CreateHeading>;
    return c.html(page(c, 'Find services', body, '/referrals/new'), step.status);
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

  /** Step 3's page: what to do with the new referral, with the errors of the last try and the choice kept. */
  function chooseStep(
    c: Context,
    step: { draft: ReferralDraft; slots: SlotChoice[] },
    errors: FieldErrors = {},
    selected?: string,
  ) {
    const choices = bookingChoices(step.draft.shortlist, step.slots);
    return (
      <CreateHeading step={3}>
        <ErrorSummary errors={errors} />
        <ChooseForm draftId={step.draft.id} csrf={csrfField(c)} choices={choices} selected={selected} errors={errors} />
      </CreateHeading>
    );
  }

  app.get('/referrals/drafts/:draftId/book', requireRole(...CREATORS), async (c) => {
    const step = await referrals.bookingStep(c.get('actor'), c.req.param('draftId'));
    const { draft } = step;
    if (draft.submittedUbrn) return c.redirect(`/referrals/${draft.submittedUbrn}/created`, 303);
    if (draft.shortlist.length === 0) return c.redirect(`/referrals/drafts/${draft.id}/services`, 303);
    return c.html(page(c, 'Book or send', chooseStep(c, step), `/referrals/drafts/${draft.id}/services`));
  });

  app.post('/referrals/drafts/:draftId/submit', requireRole(...CREATORS), async (c) => {
    const actor = c.get('actor');
    const draftId = c.req.param('draftId');
    const typed = String(((await c.req.parseBody()) as Body).choice ?? '');
    const choice = firstChoiceOf(typed);
    const chooseAgain = async (error: CarepathError) => {
      const step = await referrals.bookingStep(actor, draftId);
      const body = chooseStep(c, step, { choice: error.message }, typed);
      return c.html(page(c, 'Error: Book or send', body), statusOf(error));
    };
    if (!choice) return chooseAgain(new CarepathError('VALIDATION', 'Choose what to do with the referral'));
    try {
      const { ubrn, notBooked } = await referrals.submitDraft(actor, draftId, choice);
      return c.redirect(`/referrals/${ubrn}/created${notBooked ? `?notBooked=${notBooked}` : ''}`, 303);
    } catch (error) {
      // Only a problem with what was entered shows the form again; a refusal (such as a
      // role that may not refer) or an outage is the error page's to explain.
      if (!(error instanceof CarepathError) || error.code !== 'VALIDATION') throw error;
      return chooseAgain(error);
    }
  });

  app.get('/referrals/:ubrn/created', requireRole(...CREATORS), async (c) => {
    const { referral, accessCode } = await referrals.created(c.get('actor'), c.req.param('ubrn'));
    const problem = NOT_BOOKED_REASONS[c.req.query('notBooked') ?? ''];
    const body = <CreatedPage referral={referral} accessCode={accessCode} problem={problem} />;
    return c.html(page(c, 'Referral created', body));
  });

  return app;
}

function CreateHeading({ step, children }: { step: 1 | 2 | 3; children: unknown }) {
  const titles = { 1: 'Patient and referral details', 2: 'Find services and shortlist them', 3: 'Book, send or defer' };
  return (
    <>
      <span class="nhsuk-caption-l">Create a referral: step {step} of 3</span>
      <h1 class="nhsuk-heading-l">{titles[step]}</h1>
      {children as never}
    </>
  );
}
