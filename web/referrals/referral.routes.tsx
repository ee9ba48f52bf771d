import { type Context, Hono } from 'hono';
import { statusOf } from '../errors';
import { CarepathError } from '../../domain/errors';
import { COMMAND_TYPES, type CommandType } from '../../domain/actions';
import { availableActions, canView } from '../../domain/guard';
import { ubrnSchema } from '../../domain/ids';
import type { Referral } from '../../domain/referral';
import { isClinicalRole, isProviderRole } from '../../domain/roles';
import { auditReferral } from './referral-audit';
import { getDocument } from '../../db/documents/documents.repository';
import { getReferralRow, getTimeline } from '../../db/referrals/referrals.repository';
import { WORKLISTS, type WorklistKey, nextOnWorklist, worklistPage } from '../../db/worklists/worklists.repository';
import { actOnReferral } from '../../services/referrals/referral-workflows';
import type { AppDeps } from '../app';
import { rolesOfSide } from '../auth/homes';
import { requireRole } from '../auth/middleware';
import type { OpenForm } from './action-forms';
import { parseActionForm } from './action-input';
import { providerTargets, slotChoicesFor } from './booking-options';
import { type PageNotice, ReferralPage, timelineEvents } from './referral.page';
import { shortlistRoutes } from './shortlist.routes';

const STAFF = [...rolesOfSide('referrer'), ...rolesOfSide('provider')];

const worklistKey = (value: unknown): WorklistKey | undefined =>
  typeof value === 'string' && Object.hasOwn(WORKLISTS, value) ? (value as WorklistKey) : undefined;

/**
 * Loads a referral for this actor from its read row: 404 for no such UBRN, 403 without a
 * legitimate relationship (and that refusal is audited too).
 */
export async function loadReferral(deps: AppDeps, c: Context): Promise<Referral> {
  const ubrn = ubrnSchema.safeParse(c.req.param('ubrn'));
  const row = ubrn.success ? await getReferralRow(deps.db, ubrn.data) : undefined;
  if (!row) throw new CarepathError('NOT_FOUND', 'There is no referral with this booking reference.');
  const actor = c.get('actor');
  if (!canView(row.snapshot, actor)) {
    await auditReferral(deps.db, actor, 'referral.view_refused', row.ubrn);
    throw new CarepathError('NO_RELATIONSHIP', 'This referral is not one your organisation is involved in.');
  }
  return row.snapshot;
}

export function referralRoutes(deps: AppDeps) {
  const app = new Hono();

  async function render(c: Context, referral: Referral, extra: { notice?: PageNotice; open?: OpenForm } = {}) {
    const actor = c.get('actor');
    const actions = availableActions(referral, actor);
    const targets = isProviderRole(actor.role) ? await providerTargets(deps.db, referral, actor) : [];
    const [rows, slots, specialtyLabel] = await Promise.all([
      getTimeline(deps.db, referral.ubrn),
      slotChoicesFor(deps.db, referral, actor, actions, targets),
      specialtyName(deps, referral),
    ]);
    // Every time a person sees a referral, the audit trail says who, as what, and when.
    await auditReferral(deps.db, actor, 'referral.viewed', referral.ubrn, { version: referral.version });
    const from = worklistKey(c.req.query('from')) ?? worklistKey((await formBody(c))?.from);
    return (
      <ReferralPage
        c={c}
        referral={referral}
        timeline={timelineEvents(rows)}
        actions={actions}
        slots={slots}
        targets={targets}
        from={from}
        specialtyLabel={specialtyLabel}
        notice={extra.notice}
        open={extra.open}
      />
    );
  }

  app.get('/referrals/:ubrn', requireRole(...STAFF), async (c) => {
    const referral = await loadReferral(deps, c);
    const done = c.req.query('done');
    const notice: PageNotice | undefined =
      done && (COMMAND_TYPES as readonly string[]).includes(done)
        ? { kind: 'done', type: done as CommandType }
        : undefined;
    return c.html(await render(c, referral, notice ? { notice } : {}));
  });

  app.post('/referrals/:ubrn/actions/:type', requireRole(...STAFF), async (c) => {
    const type = c.req.param('type');
    if (!(COMMAND_TYPES as readonly string[]).includes(type))
      throw new CarepathError('NOT_FOUND', 'There is no such action.');
    const referral = await loadReferral(deps, c);
    const actor = c.get('actor');
    const body = (await formBody(c)) ?? {};
    const parsed = await parseActionForm(deps.db, referral, actor, type as CommandType, body);
    if (!parsed.ok) {
      return c.html(
        await render(c, referral, { open: { key: parsed.formKey, errors: parsed.errors, values: parsed.values } }),
        422,
      );
    }
    const requestId =
      typeof body.requestId === 'string' && /^[\w-]{8,64}$/.test(body.requestId) ? body.requestId : undefined;
    try {
      await actOnReferral(deps.temporal, referral.ubrn, parsed.command, actor, requestId ? { requestId } : {});
    } catch (error) {
      if (!(error instanceof CarepathError)) throw error;
      // Show the referral as it is now, whatever went wrong: never what the user saw before.
      const fresh = await loadReferral(deps, c);
      // Refused because someone else acted first (whatever the guard's first objection was):
      // the user is told the referral changed, and sees what it is now.
      const changed = parsed.command.expectedVersion !== fresh.version;
      if (error.code === 'STALE_VERSION' || (changed && error.code === 'INVALID_REQUEST_STATE')) {
        return c.html(await render(c, fresh, { notice: { kind: 'changed', message: error.message } }), 409);
      }
      if (error.code === 'VALIDATION' || error.code === 'SLOT_UNAVAILABLE') {
        const field = `${parsed.formKey}-${error.field ?? (error.code === 'SLOT_UNAVAILABLE' ? 'slotId' : 'form')}`;
        const message =
          error.code === 'SLOT_UNAVAILABLE'
            ? 'That appointment has just been taken. Choose another, or defer to the provider.'
            : error.message;
        const values = Object.fromEntries(
          Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        return c.html(
          await render(c, fresh, { open: { key: parsed.formKey, errors: { [field]: message }, values } }),
          422,
        );
      }
      const status = error.code === 'NOT_FOUND' ? 404 : statusOf(error);
      return c.html(await render(c, fresh, { notice: { kind: 'refused', message: error.message } }), status);
    }
    const from = worklistKey(body.from);
    if (type === 'ACCEPT' && body.next === 'review') {
      const next = await nextToReview(deps, actor, referral.ubrn);
      if (next) return c.redirect(`/referrals/${next}?from=review&done=ACCEPT`, 303);
      return c.redirect('/worklists/review', 303);
    }
    return c.redirect(`/referrals/${referral.ubrn}?done=${type}${from ? `&from=${from}` : ''}`, 303);
  });

  app.get('/referrals/:ubrn/letter', requireRole(...STAFF), async (c) => {
    const referral = await loadReferral(deps, c);
    const actor = c.get('actor');
    const documentId = referral.letter.documentId;
    if (!isClinicalRole(actor.role))
      throw new CarepathError('NOT_PERMITTED', 'Your role does not allow you to see referral letters.');
    const document = documentId ? await getDocument(deps.db, documentId) : undefined;
    if (!document) throw new CarepathError('NOT_FOUND', 'This referral has no letter attached yet.');
    await auditReferral(deps.db, actor, 'referral.letter_viewed', referral.ubrn);
    c.header('Content-Type', document.media_type);
    c.header('Content-Disposition', `inline; filename="referral-letter-${referral.ubrn}"`);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'private, no-store');
    return c.body(document.content as Uint8Array<ArrayBuffer>);
  });

  app.route('/', shortlistRoutes(deps));
  return app;
}

/** The DOS names for the referral's specialty and clinic type codes, as one label. */
async function specialtyName(deps: AppDeps, referral: Referral): Promise<string | undefined> {
  const row = await deps.db
    .selectFrom('specialties as s')
    .leftJoin('clinic_types as t', (join) =>
      join.onRef('t.specialty_code', '=', 's.code').on('t.code', '=', referral.clinicType ?? ''),
    )
    .select(['s.name as specialty', 't.name as clinicType'])
    .where('s.code', '=', referral.specialty)
    .executeTakeFirst();
  return row ? [row.specialty, row.clinicType].filter(Boolean).join(' / ') : undefined;
}

/** Hono caches the parsed body, so reading it twice (CSRF check, then here) is free. */
async function formBody(c: Context) {
  if (c.req.method !== 'POST') return undefined;
  return (await c.req.parseBody()) as Record<string, string | File>;
}

/** "Accept, review next": the referral after this one on Referrals for Review, else the first. */
async function nextToReview(deps: AppDeps, actor: { orgCode: string; userId: string }, ubrn: string) {
  const owner = { orgCode: actor.orgCode, userId: actor.userId };
  const after = await nextOnWorklist(deps.db, 'review', owner, ubrn);
  if (after) return after;
  const { rows } = await worklistPage(deps.db, 'review', owner, {}, 2);
  return rows.find((r) => r.ubrn !== ubrn)?.ubrn;
}
