import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { COMMAND_TYPES, type CommandType } from '../../domain/actions';
import { CarepathError, type ErrorCode } from '../../domain/errors';
import { displayUbrn } from '../../domain/ids';
import { REJECT_REASONS } from '../../domain/reasons';
import { isWorklistKey } from '../../domain/worklists';
import type { ReferralPageData } from '../../services/referrals/referrals.service';
import type { AppDeps } from '../deps';
import { rolesOfSide } from '../auth/homes';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink, SummaryList } from '../components/display';
import type { FieldErrors } from '../components/forms';
import { staffSide } from '../components/staff-navigation';
import { statusOf } from '../errors';
import { shownFields } from './action-fields';
import { DateStep, ServiceStep, type StepForm, TimeStep } from './action-booking';
import type { ActionFormsProps, OpenForm } from './action-form-props';
import { type ActionForm, formErrors, readActionForm, requestIdOf } from './action-input';
import { type PageNotice, ReferralPage } from './referral.page';
import { shortlistRoutes } from './shortlist.routes';

const STAFF = [...rolesOfSide('referrer'), ...rolesOfSide('provider')];

type Extra = { notice?: PageNotice; open?: OpenForm };

const SHOWN_ON_ERROR_PAGE: readonly ErrorCode[] = ['NOT_FOUND', 'NO_RELATIONSHIP'];

// Refusals that leave the form open with what was typed: the user corrects it or tries again.
const KEEPS_THE_FORM: readonly ErrorCode[] = ['VALIDATION', 'SLOT_UNAVAILABLE', 'UNAVAILABLE'];

const isCommandType = (value: unknown): value is CommandType =>
  typeof value === 'string' && (COMMAND_TYPES as readonly string[]).includes(value);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d{1,18}$/;

/** The page's data as the action forms read it, to know which inputs a form shows. */
function formProps(c: Context, data: ReferralPageData): ActionFormsProps {
  const { referral, actions, slots, targets } = data;
  return { referral, actions, slots, targets, csrf: '', isProvider: staffSide(c) === 'provider' };
}

/** What the page shows after a refusal: the form open again with its errors, or what happened. */
function afterRefusal(
  c: Context,
  form: Extract<ActionForm, { ok: true }>,
  error: CarepathError,
  now: ReferralPageData,
): Extra {
  if (KEEPS_THE_FORM.includes(error.code)) {
    const shown = shownFields(form.formKey, formProps(c, now));
    return { open: { key: form.formKey, errors: formErrors(form.formKey, error, shown), values: form.values } };
  }
  // Refused because someone else acted first (whatever the guard's first objection was):
  // the user is told the referral changed, and sees what it is now.
  const changed = form.input.expectedVersion !== now.referral.version;
  const stale = error.code === 'STALE_VERSION' || (changed && error.code === 'INVALID_REQUEST_STATE');
  return { notice: { kind: stale ? 'changed' : 'refused', message: error.message } };
}

/** Hono caches the parsed body, so reading it twice (CSRF check, then here) is free. */
async function formBody(c: Context) {
  if (c.req.method !== 'POST') return undefined;
  return (await c.req.parseBody()) as Record<string, string | File>;
}

/**
 * Rejecting asks first (a page, not a script dialog): the reason and comment are checked
 * against the reason list's own flags, then shown back with "Yes, reject". Empty when the
 * form is fine; its problems otherwise.
 */
function rejectProblems(formKey: string, values: Record<string, string>): FieldErrors {
  const reason = values[`${formKey}-reason`] ?? '';
  const info = (REJECT_REASONS as Readonly<Record<string, { label: string; needsComment: boolean }>>)[reason];
  if (!info) return { [`${formKey}-reason`]: 'Choose a reason for rejecting' };
  if (info.needsComment && (values[`${formKey}-comment`] ?? '').trim() === '') {
    return { [`${formKey}-comment`]: `Enter a comment: "${info.label}" needs one` };
  }
  return {};
}

/** The referral page, its action forms, booking by service, date and time, and its letter. */
export function referralRoutes(deps: Pick<AppDeps, 'services'>) {
  const { referrals } = deps.services;
  const app = new Hono();

  async function show(c: Context, data: ReferralPageData, extra: Extra = {}, status?: ContentfulStatusCode) {
    const from = [c.req.query('from'), (await formBody(c))?.from].find(isWorklistKey);
    return c.html(<ReferralPage c={c} data={data} from={from} {...extra} />, status);
  }

  app.get('/referrals/:ubrn', requireRole(...STAFF), async (c) => {
    const done = c.req.query('done');
    const data = await referrals.page(c.get('actor'), c.req.param('ubrn'));
    return show(c, data, isCommandType(done) ? { notice: { kind: 'done', type: done } } : {});
  });

  app.post('/referrals/:ubrn/actions/:type', requireRole(...STAFF), async (c) => {
    const type = c.req.param('type');
    if (!isCommandType(type)) throw new CarepathError('NOT_FOUND', 'There is no such action.');
    const actor = c.get('actor');
    const ubrn = c.req.param('ubrn');
    const body = (await formBody(c)) ?? {};
    const form = await readActionForm(type, body);
    if (!form.ok) {
      const open = { key: form.formKey, errors: form.errors, values: form.values };
      return show(c, await referrals.page(actor, ubrn), { open }, statusOf('VALIDATION'));
    }
    if (type === 'REJECT' && body.confirmed !== 'yes') {
      const data = await referrals.page(actor, ubrn);
      const errors = rejectProblems(form.formKey, form.values);
      if (Object.keys(errors).length > 0) {
        return show(c, data, { open: { key: form.formKey, errors, values: form.values } }, statusOf('VALIDATION'));
      }
      return c.html(<ConfirmReject c={c} data={data} formKey={form.formKey} values={form.values} />);
    }
    try {
      await referrals.act(actor, ubrn, form.input, requestIdOf(body));
    } catch (error) {
      // No referral to show, or none this actor may see: the error page says so.
      if (!(error instanceof CarepathError) || SHOWN_ON_ERROR_PAGE.includes(error.code)) throw error;
      // Show the referral as it is now, whatever went wrong: never what the user saw before. With
      // Temporal unreachable the read tables still answer; with the database down too, this
      // throws UNAVAILABLE again and the outage page says so.
      const now = await referrals.page(actor, ubrn);
      return show(c, now, afterRefusal(c, form, error, now), statusOf(error));
    }
    const from = isWorklistKey(body.from) ? body.from : undefined;
    if (type === 'ACCEPT' && body.next === 'review') {
      const next = await referrals.nextToReview(actor, ubrn);
      return c.redirect(next ? `/referrals/${next}?from=review&done=ACCEPT` : '/worklists/review', 303);
    }
    return c.redirect(`/referrals/${ubrn}?done=${type}${from ? `&from=${from}` : ''}`, 303);
  });

  /**
   * Booking from the referral page: service, then date (earliest first, "more dates"), then
   * time. The first two steps ask by GET (ids and dates only); the time is posted and booked.
   */
  async function bookingPage(c: Context, errors: FieldErrors = {}, selected?: string) {
    const actor = c.get('actor');
    const ubrn = c.req.param('ubrn')!;
    const body = (await formBody(c)) ?? {};
    const q = (name: string) => String(c.req.query(name) ?? body[name] ?? '');
    const from = [q('from')].find(isWorklistKey);
    const base = `/referrals/${ubrn}/book`;
    const keep = (extra: Record<string, string>) => ({ ...(from ? { from } : {}), ...extra });
    const getForm = (hidden: Record<string, string>): StepForm => ({
      method: 'get',
      action: base,
      hidden: keep(hidden),
      submit: 'Continue',
    });
    const { referral, bookable } = await referrals.bookingServices(actor, ubrn);
    const back = `/referrals/${ubrn}${from ? `?from=${from}` : ''}`;
    const render = (title: string, content: unknown, backTo: string) =>
      c.html(
        <StaffLayout
          c={c}
          title={Object.keys(errors).length > 0 ? `Error: ${title}` : title}
          beforeContent={<BackLink href={backTo} />}
        >
          {/* The booking reference only: the patient's name is on the referral page, whose view is audited. */}
          <span class="nhsuk-caption-l">Book an appointment: booking reference {displayUbrn(referral.ubrn)}</span>
          <h1 class="nhsuk-heading-l">{title}</h1>
          {content as never}
        </StaffLayout>,
        Object.keys(errors).length > 0 ? statusOf('VALIDATION') : undefined,
      );
    if (bookable.length === 0) return c.redirect(`${back}#nothing-to-book`, 303);
    const serviceId = bookable.length === 1 ? bookable[0]!.service.serviceId : q('service');
    if (!ID.test(serviceId) || !bookable.some((b) => b.service.serviceId === serviceId)) {
      const stepErrors: FieldErrors = q('step') === 'service' ? { service: 'Choose a service' } : errors;
      errors = stepErrors;
      const content = <ServiceStep form={getForm({ step: 'service' })} bookable={bookable} errors={stepErrors} />;
      return render('Choose a service', content, back);
    }
    const servicesPage = bookable.length === 1 ? back : `${base}${from ? `?from=${from}` : ''}`;
    const date = q('date');
    if (!DATE.test(date)) {
      const stepErrors: FieldErrors = q('step') === 'date' ? { date: 'Choose a date' } : errors;
      errors = stepErrors;
      const page = Number(q('page') || '1');
      const { service, dates } = await referrals.bookingDates(
        actor,
        ubrn,
        serviceId,
        Number.isInteger(page) && page >= 1 && page <= 100 ? page : 1,
      );
      const content = (
        <DateStep
          form={getForm({ step: 'date', service: serviceId })}
          service={service}
          dates={dates}
          errors={stepErrors}
          pageHref={(n) => `${base}?${new URLSearchParams(keep({ service: serviceId, page: String(n) }))}`}
        />
      );
      return render('Choose a date', content, servicesPage);
    }
    const { service, slots } = await referrals.bookingTimes(actor, ubrn, serviceId, date);
    const postForm: StepForm = {
      method: 'post',
      action: base,
      csrf: csrfField(c),
      hidden: keep({
        service: serviceId,
        date,
        expectedVersion: String(referral.version),
        requestId: crypto.randomUUID(),
      }),
      submit: 'Book appointment',
    };
    const content = (
      <TimeStep form={postForm} service={service} date={date} slots={slots} errors={errors} selected={selected} />
    );
    return render('Choose a time', content, `${base}?${new URLSearchParams(keep({ service: serviceId }))}`);
  }

  app.get('/referrals/:ubrn/book', requireRole(...STAFF), (c) => bookingPage(c));

  app.post('/referrals/:ubrn/book', requireRole(...STAFF), async (c) => {
    const actor = c.get('actor');
    const ubrn = c.req.param('ubrn');
    const body = (await formBody(c)) ?? {};
    const slot = typeof body.slot === 'string' ? body.slot : '';
    if (!ID.test(slot)) return bookingPage(c, { slot: 'Choose a time' });
    const input = { type: 'BOOK' as const, expectedVersion: Number(body.expectedVersion), slotId: slot };
    try {
      await referrals.act(actor, ubrn, input, requestIdOf(body));
    } catch (error) {
      if (!(error instanceof CarepathError) || !KEEPS_THE_FORM.includes(error.code)) throw error;
      const message =
        error.code === 'SLOT_UNAVAILABLE'
          ? 'That appointment has just been taken. Choose another time.'
          : (Object.values(error.fields)[0] ?? error.message);
      return bookingPage(c, { slot: message }, error.code === 'SLOT_UNAVAILABLE' ? undefined : slot);
    }
    const from = isWorklistKey(body.from) ? `&from=${body.from}` : '';
    return c.redirect(`/referrals/${ubrn}?done=BOOK${from}`, 303);
  });

  app.get('/referrals/:ubrn/letter', requireRole(...STAFF), async (c) => {
    const ubrn = c.req.param('ubrn');
    const letter = await referrals.letter(c.get('actor'), ubrn);
    c.header('Content-Type', letter.mediaType);
    c.header('Content-Disposition', `inline; filename="referral-letter-${ubrn}"`);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(letter.content as Uint8Array<ArrayBuffer>);
  });

  app.route('/', shortlistRoutes(deps));
  return app;
}

/** "Are you sure?" for a rejection: what will be sent back, "Yes, reject" and a way back. */
function ConfirmReject(props: { c: Context; data: ReferralPageData; formKey: string; values: Record<string, string> }) {
  const { c, data, formKey, values } = props;
  const { referral } = data;
  const reason = (REJECT_REASONS as Readonly<Record<string, { label: string }>>)[values[`${formKey}-reason`] ?? ''];
  const comment = (values[`${formKey}-comment`] ?? '').trim();
  const keep = ['expectedVersion', 'requestId', 'from', 'form', `${formKey}-reason`, `${formKey}-comment`];
  return (
    <StaffLayout
      c={c}
      title="Reject this referral?"
      beforeContent={<BackLink href={`/referrals/${referral.ubrn}`}>Back to the referral</BackLink>}
    >
      <span class="nhsuk-caption-l">
        {referral.patient.familyName.toUpperCase()}, {referral.patient.givenName}, {displayUbrn(referral.ubrn)}
      </span>
      <h1 class="nhsuk-heading-l">Reject this referral?</h1>
      <p>The referral goes back to the referrer with this reason. It cannot be accepted afterwards.</p>
      <SummaryList
        rows={[
          { key: 'Reason', value: reason?.label ?? '' },
          { key: 'Comment for the referrer', value: comment || 'None' },
        ]}
      />
      <form method="post" action={`/referrals/${referral.ubrn}/actions/REJECT`} novalidate>
        {csrfField(c)}
        {keep
          .filter((name) => values[name] !== undefined)
          .map((name) => (
            <input type="hidden" name={name} value={values[name]} />
          ))}
        <input type="hidden" name="confirmed" value="yes" />
        <div class="nhsuk-button-group">
          <button class="nhsuk-button nhsuk-button--warning" type="submit">
            Yes, reject the referral
          </button>
          <a href={`/referrals/${referral.ubrn}`}>No, go back to the referral</a>
        </div>
      </form>
    </StaffLayout>
  );
}
