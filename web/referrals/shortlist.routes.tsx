import { type Context, Hono } from 'hono';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { displayUbrn } from '../../domain/ids';
import { MAX_SHORTLIST, type Referral, type Service } from '../../domain/referral';
import { rolesAllowedTo } from '../../domain/referral-permissions';
import type { AppDeps } from '../deps';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink } from '../components/display';
import type { FieldErrors } from '../components/forms';
import { statusOf } from '../errors';
import { requestIdOf } from './action-input';
import { contextSearch, searchOf, shortlistSearch } from './create/search-step';
import type { SearchValues, ShortlistLinks } from './create/shortlist.page';

/** Referring clinicians only: choosing services is clinical (the guard's rule for CHANGE_SHORTLIST). */
const CLINICIANS = rolesAllowedTo('CHANGE_SHORTLIST');

type Body = Record<string, string | File>;

const SERVICE_ID = /^[\w-]{1,64}$/;

/**
 * The working shortlist travels in the page's forms as `services` (service ids, comma-separated),
 * starting from the referral's own shortlist. Nothing is stored until the referrer submits
 * CHANGE_SHORTLIST.
 */
function workingIds(value: unknown, referral: Referral): string[] {
  if (typeof value !== 'string') return referral.shortlist.map((s) => s.serviceId);
  const ids = value.split(',').filter((id) => SERVICE_ID.test(id));
  return [...new Set(ids)].slice(0, MAX_SHORTLIST);
}

/** "Change shortlist" from the referral page: the create journey's DOS search and shortlist, then CHANGE_SHORTLIST. */
export function shortlistRoutes(deps: Pick<AppDeps, 'services'>) {
  const { referrals, directory } = deps.services;
  const app = new Hono();

  /** Services already on the referral as they are; any other must be one this organisation may refer to. */
  async function resolve(actor: Actor, referral: Referral, ids: string[]): Promise<Service[]> {
    const services = await Promise.all(
      ids.map(
        async (id) =>
          referral.shortlist.find((s) => s.serviceId === id) ?? (await directory.referrableService(actor, id)),
      ),
    );
    return services.filter((s): s is Service => s !== undefined);
  }

  /** The page with the working shortlist, and the results of `search` (the referral's specialty at first). */
  async function render(
    c: Context,
    referral: Referral,
    shortlist: Service[],
    search: SearchValues = contextSearch(referral),
    errors: FieldErrors = {},
  ) {
    const base = `/referrals/${referral.ubrn}/shortlist`;
    const services = shortlist.map((s) => s.serviceId).join(',');
    const links: ShortlistLinks = {
      change: base,
      hidden: { services },
      next: (
        <form method="post" action={`${base}/confirm`} novalidate>
          {csrfField(c)}
          <input type="hidden" name="services" value={services} />
          <input type="hidden" name="expectedVersion" value={String(referral.version)} />
          <input type="hidden" name="requestId" value={crypto.randomUUID()} />
          <button class="nhsuk-button" type="submit">
            Save this shortlist
          </button>
        </form>
      ),
    };
    const step = await shortlistSearch(directory, c, {
      priority: referral.priority,
      patient: referral.patient,
      shortlist,
      links,
      errors,
      search,
    });
    const title = 'Change shortlist';
    return c.html(
      <StaffLayout
        c={c}
        title={Object.keys(errors).length > 0 ? `Error: ${title}` : title}
        beforeContent={<BackLink href={`/referrals/${referral.ubrn}`}>Back to the referral</BackLink>}
      >
        <span class="nhsuk-caption-l">Booking reference {displayUbrn(referral.ubrn)}</span>
        <h1 class="nhsuk-heading-l">{title}</h1>
        {referral.advice && (
          <div class="nhsuk-inset-text">
            <span class="nhsuk-u-visually-hidden">Information: </span>
            <p>Triage advice: {referral.advice}</p>
          </div>
        )}
        <p>Add or remove services, then save the shortlist. You can then book from it.</p>
        <div id="shortlist">{step.content}</div>
      </StaffLayout>,
      Object.keys(errors).length > 0 ? statusOf('VALIDATION') : step.status,
    );
  }

  app.get('/referrals/:ubrn/shortlist', requireRole(...CLINICIANS), async (c) => {
    const referral = await referrals.changeableReferral(c.get('actor'), c.req.param('ubrn'));
    return render(c, referral, referral.shortlist);
  });

  // Search, Add and Remove all post here and get the page back: the search never goes in a URL.
  app.post('/referrals/:ubrn/shortlist', requireRole(...CLINICIANS), async (c) => {
    const actor = c.get('actor');
    const referral = await referrals.changeableReferral(actor, c.req.param('ubrn'));
    const body = (await c.req.parseBody()) as Body;
    let ids = workingIds(body.services, referral);
    if (body.op === 'add' || body.op === 'remove') {
      const serviceId = String(body.serviceId ?? '');
      ids = ids.filter((id) => id !== serviceId);
      if (body.op === 'add') {
        const known = referral.shortlist.some((s) => s.serviceId === serviceId);
        if (!known && !(SERVICE_ID.test(serviceId) && (await directory.referrableService(actor, serviceId))))
          throw new CarepathError('NOT_FOUND', 'That service is not available to your organisation.');
        if (ids.length >= MAX_SHORTLIST)
          throw new CarepathError('VALIDATION', `A shortlist holds at most ${MAX_SHORTLIST} services.`);
        ids = [...ids, serviceId];
      }
    }
    return render(c, referral, await resolve(actor, referral, ids), searchOf(body));
  });

  app.post('/referrals/:ubrn/shortlist/confirm', requireRole(...CLINICIANS), async (c) => {
    const actor = c.get('actor');
    const referral = await referrals.changeableReferral(actor, c.req.param('ubrn'));
    const body = (await c.req.parseBody()) as Body;
    const shortlist = await resolve(actor, referral, workingIds(body.services, referral));
    const change = { shortlist, expectedVersion: Number(body.expectedVersion) };
    try {
      await referrals.changeShortlist(actor, referral.ubrn, change, requestIdOf(body));
    } catch (error) {
      if (!(error instanceof CarepathError) || error.code === 'UNAVAILABLE') throw error;
      if (error.code === 'VALIDATION') return render(c, referral, shortlist, {}, { shortlist: error.message });
      // Someone else acted first, or the referral moved on: show it as it is now.
      return c.redirect(`/referrals/${referral.ubrn}`, 303);
    }
    return c.redirect(`/referrals/${referral.ubrn}?done=CHANGE_SHORTLIST`, 303);
  });

  return app;
}
