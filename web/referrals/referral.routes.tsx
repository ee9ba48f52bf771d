import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { COMMAND_TYPES, type CommandType } from '../../domain/actions';
import { CarepathError, type ErrorCode } from '../../domain/errors';
import { isWorklistKey } from '../../domain/worklists';
import type { ReferralPageData } from '../../services/referrals/referrals.service';
import type { AppDeps } from '../deps';
import { rolesOfSide } from '../auth/homes';
import { requireRole } from '../auth/middleware';
import { statusOf } from '../errors';
import type { OpenForm } from './action-form-props';
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

/** What the page shows after a refusal: the form open again with its errors, or what happened. */
function afterRefusal(form: Extract<ActionForm, { ok: true }>, error: CarepathError, versionNow: number): Extra {
  if (KEEPS_THE_FORM.includes(error.code)) {
    return { open: { key: form.formKey, errors: formErrors(form.formKey, error), values: form.values } };
  }
  // Refused because someone else acted first (whatever the guard's first objection was):
  // the user is told the referral changed, and sees what it is now.
  const changed = form.input.expectedVersion !== versionNow;
  const stale = error.code === 'STALE_VERSION' || (changed && error.code === 'INVALID_REQUEST_STATE');
  return { notice: { kind: stale ? 'changed' : 'refused', message: error.message } };
}

/** Hono caches the parsed body, so reading it twice (CSRF check, then here) is free. */
async function formBody(c: Context) {
  if (c.req.method !== 'POST') return undefined;
  return (await c.req.parseBody()) as Record<string, string | File>;
}

/** The referral page, its action forms and its letter. */
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
    try {
      await referrals.act(actor, ubrn, form.input, requestIdOf(body));
    } catch (error) {
      // No referral to show, or none this actor may see: the error page says so.
      if (!(error instanceof CarepathError) || SHOWN_ON_ERROR_PAGE.includes(error.code)) throw error;
      // Show the referral as it is now, whatever went wrong: never what the user saw before. With
      // Temporal unreachable the read tables still answer; with the database down too, this
      // throws UNAVAILABLE again and the outage page says so.
      const now = await referrals.page(actor, ubrn);
      return show(c, now, afterRefusal(form, error, now.referral.version), statusOf(error));
    }
    const from = isWorklistKey(body.from) ? body.from : undefined;
    if (type === 'ACCEPT' && body.next === 'review') {
      const next = await referrals.nextToReview(actor, ubrn);
      return c.redirect(next ? `/referrals/${next}?from=review&done=ACCEPT` : '/worklists/review', 303);
    }
    return c.redirect(`/referrals/${ubrn}?done=${type}${from ? `&from=${from}` : ''}`, 303);
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
