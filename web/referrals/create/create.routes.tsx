import { type Context, Hono } from 'hono';
import { CarepathError } from '../../../domain/errors';
import { nhsNumberProblem } from '../../../domain/ids';
import { defaultPolicy } from '../../../domain/policy';
import {
  MAX_SHORTLIST,
  createDraft,
  draftOfReferral,
  getDraft,
  markSubmitted,
  saveShortlist,
} from '../../../db/referral-drafts/drafts.repository';
import { getReferralRow } from '../../../db/referrals/referrals.repository';
import { createReferral } from '../../../services/referrals/referral-workflows';
import type { AppDeps } from '../../app';
import { csrfField, requireRole } from '../../auth/middleware';
import { StaffLayout } from '../../auth/staff-layout';
import { BackLink } from '../../components/display';
import { ErrorSummary } from '../../components/forms';
import { worklistNavigation } from '../../worklists/worklist.routes';
import { freeSlots } from '../booking-options';
import { DetailsForm, NhsNumberVerdict } from './details.form';
import { parseDetails } from './details.input';
import { firstAction } from './first-action';
import { ChooseForm, CreatedPage, bookingChoices } from './outcome.pages';
import { auditReferral } from '../referral-audit';
import { referrableService, searchStep } from './search-step';

// A referring clinician refers in their own name; a clinician admin for a named clinician.
const CREATORS = ['B1101', 'B1102'] as const;

const NOT_BOOKED_REASONS: Record<string, string> = {
  SLOT_UNAVAILABLE: 'The appointment you chose was taken by someone else a moment ago.',
  INVALID_REQUEST_STATE: 'That choice is not possible for this referral now.',
  VALIDATION: 'That choice could not be used.',
};

type Body = Record<string, string | File>;

export function createReferralRoutes(deps: AppDeps) {
  const app = new Hono();
  const { db } = deps;

  const page = (c: Context, title: string, body: unknown, back?: string) => (
    <StaffLayout
      c={c}
      title={title}
      navigation={worklistNavigation('referrer', '/referrals/new')}
      beforeContent={back ? <BackLink href={back} /> : undefined}
    >
      {body as never}
    </StaffLayout>
  );

  async function detailsOptions(c: Context) {
    const actor = c.get('actor');
    const [specialties, clinicTypes, clinicians] = await Promise.all([
      db.selectFrom('specialties').select(['code', 'name']).orderBy('name').execute(),
      db.selectFrom('clinic_types').select(['specialty_code', 'code', 'name']).orderBy('name').execute(),
      actor.role === 'B1102'
        ? db
            .selectFrom('role_assignments as ra')
            .innerJoin('users as u', 'u.id', 'ra.user_id')
            .select(['u.id', 'u.display_name as name'])
            .where('ra.org_code', '=', actor.orgCode)
            .where('ra.role', '=', 'B1101')
            .orderBy('u.display_name')
            .execute()
        : [],
    ]);
    return { specialties, clinicTypes, clinicians };
  }

  async function loadDraft(c: Context) {
    const draft = await getDraft(db, c.req.param('draftId') ?? '', c.get('actor').userId);
    if (!draft) throw new CarepathError('NOT_FOUND', 'This referral draft does not exist or is not yours.');
    return draft;
  }

  app.get('/referrals/new', requireRole(...CREATORS), async (c) => {
    const values = { 'patient-registeredPracticeCode': c.get('actor').orgCode };
    const form = <DetailsForm csrf={csrfField(c)} options={await detailsOptions(c)} values={values} errors={{}} />;
    return c.html(page(c, 'Create a referral', <CreateHeading step={1}>{form}</CreateHeading>));
  });

  app.post('/referrals/new/nhs-number', requireRole(...CREATORS), async (c) => {
    const typed = String((await c.req.parseBody())['patient-nhsNumber'] ?? '');
    return c.html(<NhsNumberVerdict typed={typed} problem={nhsNumberProblem(typed)} />);
  });

  app.post('/referrals/new', requireRole(...CREATORS), async (c) => {
    const actor = c.get('actor');
    const options = await detailsOptions(c);
    const body = (await c.req.parseBody()) as Body;
    const result = await parseDetails(
      db,
      actor,
      body,
      options.clinicians.map((u) => u.id),
    );
    if (!result.ok) {
      const form = <DetailsForm csrf={csrfField(c)} options={options} values={result.values} errors={result.errors} />;
      return c.html(
        page(
          c,
          'Error: Create a referral',
          <CreateHeading step={1}>
            <ErrorSummary errors={result.errors} />
            {form}
          </CreateHeading>,
        ),
        422,
      );
    }
    const id = await createDraft(db, {
      ownerUserId: actor.userId,
      orgCode: actor.orgCode,
      details: { ...result.details, clinicianUserId: result.clinicianUserId },
    });
    return c.redirect(
      `/referrals/drafts/${id}/services?specialtyCode=${encodeURIComponent(result.details.specialty)}`,
      303,
    );
  });

  app.get('/referrals/drafts/:draftId/services', requireRole(...CREATORS), async (c) => {
    const draft = await loadDraft(c);
    if (draft.submitted_ubrn) return c.redirect(`/referrals/${draft.submitted_ubrn}/created`, 303);
    const step = await searchStep(db, c, draft);
    return c.html(page(c, 'Find services', <CreateHeading step={2}>{step}</CreateHeading>, '/referrals/new'));
  });

  app.post('/referrals/drafts/:draftId/shortlist', requireRole(...CREATORS), async (c) => {
    const draft = await loadDraft(c);
    const body = (await c.req.parseBody()) as Body;
    const serviceId = String(body.serviceId ?? '');
    // Only a query string goes back into the redirect, so it can only lead back to this page.
    const search = typeof body.search === 'string' && /^\?[\w=&%+.~-]*$/.test(body.search) ? body.search : '';
    let shortlist = draft.shortlist.filter((s) => s.serviceId !== serviceId);
    if (body.op === 'add') {
      const service = await referrableService(db, c.get('actor').orgCode, serviceId);
      if (!service) throw new CarepathError('NOT_FOUND', 'That service is not available to your organisation.');
      if (shortlist.length >= MAX_SHORTLIST)
        throw new CarepathError('VALIDATION', 'A shortlist holds at most 20 services.');
      shortlist = [...shortlist, service];
    }
    await saveShortlist(db, draft.id, draft.owner_user_id, shortlist);
    return c.redirect(`/referrals/drafts/${draft.id}/services${search}`, 303);
  });

  async function chooseForm(c: Context, draft: Awaited<ReturnType<typeof loadDraft>>, errors = {}, selected?: string) {
    const slots = await freeSlots(
      db,
      draft.shortlist.filter((s) => s.requestType === 'DBS'),
      draft.details.priority,
      false,
    );
    const choices = bookingChoices(draft.shortlist, slots);
    return (
      <CreateHeading step={3}>
        <ErrorSummary errors={errors} />
        <ChooseForm draftId={draft.id} csrf={csrfField(c)} choices={choices} selected={selected} errors={errors} />
      </CreateHeading>
    );
  }

  app.get('/referrals/drafts/:draftId/book', requireRole(...CREATORS), async (c) => {
    const draft = await loadDraft(c);
    if (draft.submitted_ubrn) return c.redirect(`/referrals/${draft.submitted_ubrn}/created`, 303);
    if (draft.shortlist.length === 0) return c.redirect(`/referrals/drafts/${draft.id}/services`, 303);
    return c.html(page(c, 'Book or send', await chooseForm(c, draft), `/referrals/drafts/${draft.id}/services`));
  });

  app.post('/referrals/drafts/:draftId/submit', requireRole(...CREATORS), async (c) => {
    const actor = c.get('actor');
    const draft = await loadDraft(c);
    const choice = String(((await c.req.parseBody()) as Body).choice ?? '');
    if (!/^(later|(book|triage|ibs|defer):\d{1,18})$/.test(choice)) {
      const errors = { choice: 'Choose what to do with the referral' };
      return c.html(page(c, 'Error: Book or send', await chooseForm(c, draft, errors)), 422);
    }
    // The draft id is the idempotency key: a double click or a resubmitted page gets the same UBRN.
    const { details } = draft;
    const clinician = await db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', details.clinicianUserId)
      .executeTakeFirst();
    const { clinicianUserId, ...input } = details;
    const view = await createReferral(
      deps.temporal,
      db,
      {
        ...input,
        referrer: {
          orgCode: actor.orgCode,
          clinicianUserId,
          clinicianName: clinician?.display_name ?? actor.displayName,
        },
        shortlist: draft.shortlist,
      },
      actor,
      defaultPolicy,
      { taskQueue: deps.taskQueue, idempotencyKey: draft.id },
    ).catch((error: unknown) => {
      if (error instanceof CarepathError) throw new CarepathError('VALIDATION', error.message);
      throw error;
    });
    const ubrn = view.referral.ubrn;
    await markSubmitted(db, draft.id, ubrn);
    const problem = choice === 'later' ? undefined : await firstAction(deps, view.referral, choice, actor, draft.id);
    return c.redirect(`/referrals/${ubrn}/created${problem ? `?notBooked=${problem}` : ''}`, 303);
  });

  app.get('/referrals/:ubrn/created', requireRole(...CREATORS), async (c) => {
    const actor = c.get('actor');
    const row = await getReferralRow(db, c.req.param('ubrn') ?? '');
    const draft = row && (await draftOfReferral(db, row.ubrn, actor.userId));
    if (!row || !draft)
      throw new CarepathError('NOT_FOUND', 'There is no referral of yours with this booking reference.');
    await auditReferral(db, actor, 'referral.viewed', row.ubrn, { version: row.version, page: 'created' });
    const problem = NOT_BOOKED_REASONS[c.req.query('notBooked') ?? ''];
    const body = <CreatedPage referral={row.snapshot} accessCode={draft.access_code ?? undefined} problem={problem} />;
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
