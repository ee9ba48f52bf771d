import { type Context, Hono } from 'hono';
import { CarepathError } from '../../domain/errors';
import { commandSchema } from '../../domain/actions';
import { availableActions } from '../../domain/guard';
import { displayUbrn } from '../../domain/ids';
import type { Referral, Service } from '../../domain/referral';
import { actOnReferral } from '../../services/referrals/referral-workflows';
import type { AppDeps } from '../app';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink } from '../components/display';
import type { FieldErrors } from '../components/forms';
import { worklistNavigation } from '../worklists/worklist.routes';
import { referrableService, shortlistSearch } from './create/search-step';
import type { ShortlistLinks } from './create/shortlist.page';
import { MAX_SHORTLIST } from '../../db/referral-drafts/drafts.repository';
import { loadReferral } from './referral.routes';

/** Referring clinicians only: choosing services is clinical (the guard says the same). */
const CLINICIANS = ['B1101', 'B1102'] as const;

type Body = Record<string, string | File>;

const SERVICE_ID = /^[\w-]{1,64}$/;

/**
 * The working shortlist travels in the page's forms as `services` (service ids, comma-separated:
 * no personal data), starting from the referral's own shortlist. Nothing is stored until the
 * referrer submits CHANGE_SHORTLIST.
 */
function workingIds(value: unknown, referral: Referral): string[] {
  if (typeof value !== 'string') return referral.shortlist.map((s) => s.serviceId);
  const ids = value.split(',').filter((id) => SERVICE_ID.test(id));
  return [...new Set(ids)].slice(0, MAX_SHORTLIST);
}

/** Services already on the referral as they are; any other must be one this organisation may refer to. */
async function resolve(deps: AppDeps, c: Context, referral: Referral, ids: string[]): Promise<Service[]> {
  const orgCode = c.get('actor').orgCode;
  const services = await Promise.all(
    ids.map(
      async (id) =>
        referral.shortlist.find((s) => s.serviceId === id) ?? (await referrableService(deps.db, orgCode, id)),
    ),
  );
  return services.filter((s): s is Service => s !== undefined);
}

async function loadChangeable(deps: AppDeps, c: Context): Promise<Referral> {
  const referral = await loadReferral(deps, c);
  if (!availableActions(referral, c.get('actor')).includes('CHANGE_SHORTLIST')) {
    throw new CarepathError('INVALID_REQUEST_STATE', "This referral's shortlist can't be changed now.");
  }
  return referral;
}

/** "Change shortlist" from the referral page: the create journey's DOS search and shortlist, then CHANGE_SHORTLIST. */
export function shortlistRoutes(deps: AppDeps) {
  const app = new Hono();

  async function render(c: Context, referral: Referral, shortlist: Service[], errors: FieldErrors = {}) {
    const base = `/referrals/${referral.ubrn}/shortlist`;
    const services = shortlist.map((s) => s.serviceId).join(',');
    const links: ShortlistLinks = {
      change: base,
      page: base,
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
    const body = await shortlistSearch(deps.db, c, {
      priority: referral.priority,
      patient: referral.patient,
      shortlist,
      links,
      errors,
    });
    const title = 'Change shortlist';
    return (
      <StaffLayout
        c={c}
        title={Object.keys(errors).length > 0 ? `Error: ${title}` : title}
        navigation={worklistNavigation('referrer')}
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
        <div id="shortlist">{body}</div>
      </StaffLayout>
    );
  }

  app.get('/referrals/:ubrn/shortlist', requireRole(...CLINICIANS), async (c) => {
    const referral = await loadChangeable(deps, c);
    const shortlist = await resolve(deps, c, referral, workingIds(c.req.query('services'), referral));
    return c.html(await render(c, referral, shortlist));
  });

  app.post('/referrals/:ubrn/shortlist', requireRole(...CLINICIANS), async (c) => {
    const referral = await loadChangeable(deps, c);
    const body = (await c.req.parseBody()) as Body;
    const serviceId = String(body.serviceId ?? '');
    let ids = workingIds(body.services, referral).filter((id) => id !== serviceId);
    if (body.op === 'add') {
      const known = referral.shortlist.some((s) => s.serviceId === serviceId);
      if (
        !known &&
        !(SERVICE_ID.test(serviceId) && (await referrableService(deps.db, c.get('actor').orgCode, serviceId)))
      )
        throw new CarepathError('NOT_FOUND', 'That service is not available to your organisation.');
      if (ids.length >= MAX_SHORTLIST) throw new CarepathError('VALIDATION', 'A shortlist holds at most 20 services.');
      ids = [...ids, serviceId];
    }
    // Only a query string goes back into the redirect, so it can only lead back to this page.
    const search = typeof body.search === 'string' && /^\?[\w=&%+.~-]*$/.test(body.search) ? body.search : '';
    const query = `${search || '?'}${search ? '&' : ''}services=${encodeURIComponent(ids.join(','))}`;
    return c.redirect(`/referrals/${referral.ubrn}/shortlist${query}`, 303);
  });

  app.post('/referrals/:ubrn/shortlist/confirm', requireRole(...CLINICIANS), async (c) => {
    const referral = await loadChangeable(deps, c);
    const actor = c.get('actor');
    const body = (await c.req.parseBody()) as Body;
    const shortlist = await resolve(deps, c, referral, workingIds(body.services, referral));
    const parsed = commandSchema.safeParse({
      type: 'CHANGE_SHORTLIST',
      expectedVersion: Number(body.expectedVersion),
      shortlist,
    });
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'Choose between 1 and 20 services';
      return c.html(await render(c, referral, shortlist, { shortlist: message }), 422);
    }
    const requestId =
      typeof body.requestId === 'string' && /^[\w-]{8,64}$/.test(body.requestId) ? body.requestId : undefined;
    try {
      await actOnReferral(deps.temporal, referral.ubrn, parsed.data, actor, requestId ? { requestId } : {});
    } catch (error) {
      if (!(error instanceof CarepathError)) throw error;
      if (error.code === 'VALIDATION') {
        return c.html(await render(c, referral, shortlist, { shortlist: error.message }), 422);
      }
      // Someone else acted first, or the referral moved on: show it as it is now.
      return c.redirect(`/referrals/${referral.ubrn}`, 303);
    }
    return c.redirect(`/referrals/${referral.ubrn}?done=CHANGE_SHORTLIST`, 303);
  });

  return app;
}
