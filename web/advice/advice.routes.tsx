import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ADVICE_COMMAND_TYPES, type AdviceCommandType } from '../../domain/advice/commands';
import { ADVICE_PERMISSIONS } from '../../domain/advice/permissions';
import { CarepathError } from '../../domain/errors';
import { rolesFor } from '../../domain/permissions';
import type { AdvicePageData, UploadedFile } from '../../services/advice/advice.service';
import type { AppDeps } from '../deps';
import { csrfField, requireRole } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink } from '../components/display';
import type { FieldErrors } from '../components/forms';
import { statusOf } from '../errors';
import { AdviceRequestForm, AdviceSearch } from './ask.pages';
import { type AdviceNotice, ConversationPage, type OpenAdviceForm } from './conversation.page';
import { patientDefaults, readPatientFields } from './patient-fields';
import { adviceSummaryPdf } from './summary-pdf';
import { AdviceSummaryDocument, PRINT_CSS } from './summary.page';
import { ResponseTargetForm, ResponseTargetsList } from './response-targets.page';
import { AdviceWorklistPageView } from './worklist.page';

const ASKERS = rolesFor(ADVICE_PERMISSIONS, 'ask');
const VIEWERS = rolesFor(ADVICE_PERMISSIONS, 'view');
const WORKLISTERS = rolesFor(ADVICE_PERMISSIONS, 'referrerWorklists', 'providerWorklists');
const TARGET_SETTERS = rolesFor(ADVICE_PERMISSIONS, 'setResponseTarget');

type Body = Record<string, string | File | (string | File)[]>;

const DONE: Record<AdviceCommandType | 'ASK', string> = {
  ASK: 'Your request was sent to the advice service.',
  RESPOND: 'Your advice was sent to the referrer.',
  REQUEST_INFO: 'Your request for more information was sent to the referrer.',
  REPLY: 'Your reply was sent to the provider.',
  CONVERT_BY_PROVIDER: 'The request was converted to a referral: it is on your Appointments for Booking.',
  CONVERT_BY_REFERRER: 'The request was converted to a referral.',
  CLOSE: 'The conversation was closed.',
  CANCEL: 'The request was cancelled.',
};

const isCommandType = (value: unknown): value is AdviceCommandType =>
  typeof value === 'string' && (ADVICE_COMMAND_TYPES as readonly string[]).includes(value);

const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
const all = (body: Body, name: string) => {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

/** Files chosen in a form (an empty file input sends an empty file). */
async function filesOf(body: Body, name: string): Promise<UploadedFile[]> {
  const files = all(body, name).filter((f): f is File => f instanceof File && f.size > 0);
  return Promise.all(files.map(async (f) => ({ name: f.name, content: new Uint8Array(await f.arrayBuffer()) })));
}

/** What the form typed, for showing it again: strings only, never files. */
function typed(body: Body): Record<string, string> {
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Advice and guidance: ask, the conversation, its summary and files, and the A&G worklists. */
export function adviceRoutes(deps: Pick<AppDeps, 'services'>) {
  const { advice, directory } = deps.services;
  const app = new Hono();

  const page = (c: Context, title: string, body: unknown, back?: string) => (
    <StaffLayout c={c} title={title} beforeContent={back ? <BackLink href={back} /> : undefined}>
      {body as never}
    </StaffLayout>
  );

  // --- Ask: search for the one advice service, then the question.
  app.get('/advice/new', requireRole(...ASKERS), async (c) => {
    const codes = await directory.codeLists();
    return c.html(
      page(c, 'Ask for advice', <AdviceSearch csrf={csrfField(c)} codes={codes} values={{}} errors={{}} />),
    );
  });

  // The search is POSTed: what is searched for about a patient never goes in a URL.
  app.post('/advice/new/search', requireRole(...ASKERS), async (c) => {
    const body = (await c.req.parseBody()) as Body;
    const values = typed(body);
    const codes = await directory.codeLists();
    try {
      const results = await advice.searchAdviceServices(c.get('actor'), values);
      const view = <AdviceSearch csrf={csrfField(c)} codes={codes} values={values} errors={{}} results={results} />;
      return c.html(page(c, 'Ask for advice', view));
    } catch (error) {
      if (!(error instanceof CarepathError) || error.code !== 'VALIDATION') throw error;
      const view = <AdviceSearch csrf={csrfField(c)} codes={codes} values={values} errors={{ ...error.fields }} />;
      return c.html(page(c, 'Error: Ask for advice', view), statusOf(error));
    }
  });

  async function requestForm(
    c: Context,
    serviceId: string,
    values: Record<string, string>,
    errors: FieldErrors,
    attachments: { id: string; name: string }[] = [],
    status?: ContentfulStatusCode,
  ) {
    const actor = c.get('actor');
    const [service, options] = await Promise.all([advice.chosenService(actor, serviceId), advice.askOptions(actor)]);
    const form = (
      <AdviceRequestForm
        csrf={csrfField(c)}
        service={service}
        clinicians={options.clinicians}
        values={values}
        errors={errors}
        attachments={attachments}
      />
    );
    const title = Object.keys(errors).length ? 'Error: Ask for advice' : 'Ask for advice';
    return c.html(page(c, title, form, '/advice/new'), status);
  }

  app.get('/advice/new/:serviceId', requireRole(...ASKERS), (c) =>
    requestForm(c, c.req.param('serviceId'), { ...patientDefaults(c), requestKey: crypto.randomUUID() }, {}),
  );

  app.post('/advice/new', requireRole(...ASKERS), async (c) => {
    const body = (await c.req.parseBody({ all: true })) as Body;
    const { patient, errors: dateErrors } = readPatientFields(body);
    const result = await advice.ask(c.get('actor'), {
      serviceId: text(body, 'serviceId'),
      clinicianUserId: text(body, 'requester-clinicianUserId') || undefined,
      patient,
      question: text(body, 'question'),
      conversionAllowed: text(body, 'conversionAllowed') || undefined,
      files: await filesOf(body, 'attachments'),
      attachmentIds: all(body, 'attachmentIds').filter((v): v is string => typeof v === 'string'),
      requestKey: text(body, 'requestKey'),
    });
    if (result.ok) return c.redirect(`/advice/${result.ubrn}?done=ASK`, 303);
    // In page order: the date boxes' own message says more than the schema's.
    const errors: FieldErrors = { ...dateErrors };
    for (const [field, message] of Object.entries(result.refused.fields)) errors[field] ??= message;
    if (errors.serviceId) throw new CarepathError('NOT_FOUND', errors.serviceId);
    return requestForm(c, text(body, 'serviceId'), typed(body), errors, result.attachments, statusOf(result.refused));
  });

  // --- Worklists.
  app.get('/advice', requireRole(...WORKLISTERS), (c) => c.redirect('/advice/worklists', 303));
  app.get('/advice/worklists', requireRole(...WORKLISTERS), async (c) =>
    c.html(<AdviceWorklistPageView c={c} page={await advice.worklist(c.get('actor'))} />),
  );
  app.get('/advice/worklists/:key', requireRole(...WORKLISTERS), async (c) =>
    c.html(<AdviceWorklistPageView c={c} page={await advice.worklist(c.get('actor'), c.req.param('key'))} />),
  );

  // --- Response-time targets of the provider's advice services (before /advice/:ubrn).
  app.get('/advice/response-targets', requireRole(...TARGET_SETTERS), async (c) => {
    const actor = c.get('actor');
    const services = await advice.responseTargets(actor);
    const changedId = c.req.query('changed');
    const changed = services.find((s) => s.id === changedId);
    return c.html(page(c, 'Advice response targets', <ResponseTargetsList services={services} changed={changed} />));
  });

  app.get('/advice/response-targets/:serviceId', requireRole(...TARGET_SETTERS), async (c) => {
    const service = await advice.responseTarget(c.get('actor'), c.req.param('serviceId'));
    const form = (
      <ResponseTargetForm csrf={csrfField(c)} service={service} value={String(service.workingDays)} errors={{}} />
    );
    return c.html(page(c, 'Change the response target', form, '/advice/response-targets'));
  });

  app.post('/advice/response-targets/:serviceId', requireRole(...TARGET_SETTERS), async (c) => {
    const actor = c.get('actor');
    const serviceId = c.req.param('serviceId');
    const body = typed((await c.req.parseBody()) as Body);
    try {
      const saved = await advice.setResponseTarget(actor, serviceId, { workingDays: body.workingDays ?? '' });
      return c.redirect(`/advice/response-targets?changed=${saved.id}`, 303);
    } catch (error) {
      if (!(error instanceof CarepathError) || error.code !== 'VALIDATION') throw error;
      const service = await advice.responseTarget(actor, serviceId);
      const form = (
        <ResponseTargetForm
          csrf={csrfField(c)}
          service={service}
          value={body.workingDays ?? ''}
          errors={error.fields}
        />
      );
      return c.html(page(c, 'Error: Change the response target', form, '/advice/response-targets'), statusOf(error));
    }
  });

  app.get('/advice/print.css', requireRole(...VIEWERS), (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(PRINT_CSS);
  });

  // --- The conversation.
  async function show(
    c: Context,
    data: AdvicePageData,
    extra: { notice?: AdviceNotice; open?: OpenAdviceForm } = {},
    status?: ContentfulStatusCode,
  ) {
    let conversion;
    if (data.kind === 'live' && data.conversation.state === 'CONVERTED') {
      const target = await advice.conversionTarget(c.get('actor'), data.conversation.ubrn);
      conversion = (
        <p data-testid="converted">
          Converted to referral:{' '}
          {target.referral ? (
            <a href={`/referrals/${data.conversation.ubrn}`}>open the referral</a>
          ) : target.draftId ? (
            <a href={`/referrals/drafts/${target.draftId}/services`}>continue the referral</a>
          ) : (
            'the referral is being created'
          )}
        </p>
      );
    }
    return c.html(<ConversationPage c={c} data={data} conversion={conversion} {...extra} />, status);
  }

  app.get('/advice/:ubrn', requireRole(...VIEWERS), async (c) => {
    const data = await advice.page(c.get('actor'), c.req.param('ubrn'));
    const done = c.req.query('done');
    const notice =
      done && Object.hasOwn(DONE, done) ? { kind: 'done' as const, text: DONE[done as keyof typeof DONE] } : undefined;
    return show(c, data, notice ? { notice } : {});
  });

  app.post('/advice/:ubrn/actions/:type', requireRole(...VIEWERS), async (c) => {
    const type = c.req.param('type');
    if (!isCommandType(type)) throw new CarepathError('NOT_FOUND', 'There is no such action.');
    const actor = c.get('actor');
    const ubrn = c.req.param('ubrn');
    const body = (await c.req.parseBody({ all: true })) as Body;
    const field = (name: string) => text(body, `${type}-${name}`);
    const input = {
      type,
      expectedVersion: Number(text(body, 'expectedVersion')),
      ...(['RESPOND', 'REQUEST_INFO', 'REPLY'].includes(type) ? { text: field('text') } : {}),
      ...(type === 'RESPOND' ? { outcome: field('outcome') || undefined } : {}),
      ...(type === 'CONVERT_BY_PROVIDER' || type === 'CONVERT_BY_REFERRER'
        ? { priority: field('priority') || undefined }
        : {}),
      ...(type === 'CLOSE' || type === 'CANCEL' ? (field('note') ? { note: field('note') } : {}) : {}),
    };
    try {
      const done = await advice.act(
        actor,
        ubrn,
        input,
        await filesOf(body, `${type}-attachments`),
        text(body, 'requestId') || undefined,
      );
      if (done.draftId) return c.redirect(`/referrals/drafts/${done.draftId}/services`, 303);
    } catch (error) {
      if (!(error instanceof CarepathError) || ['NOT_FOUND', 'NO_RELATIONSHIP', 'NOT_PERMITTED'].includes(error.code))
        throw error;
      const now = await advice.page(actor, ubrn);
      if (error.code === 'VALIDATION') {
        const errors: FieldErrors = {};
        for (const [name, message] of Object.entries(error.fields)) errors[`${type}-${name}`] = message;
        if (Object.keys(errors).length === 0) errors[`${type}-text`] = error.message;
        return show(c, now, { open: { type, errors, values: typed(body) } }, statusOf(error));
      }
      return show(c, now, { notice: { kind: 'refused', text: error.message } }, statusOf(error));
    }
    return c.redirect(`/advice/${ubrn}?done=${type}`, 303);
  });

  app.get('/advice/:ubrn/summary', requireRole(...VIEWERS), async (c) => {
    const ubrn = c.req.param('ubrn');
    const format = c.req.query('format') === 'pdf' ? 'pdf' : 'html';
    const data = await advice.summary(c.get('actor'), ubrn, format);
    if (data.kind !== 'live')
      throw new CarepathError('NOT_FOUND', 'This request expired and its messages were deleted.');
    if (format === 'pdf') {
      const pdf = await adviceSummaryPdf(data.conversation, c.get('actor').displayName);
      c.header('Content-Type', 'application/pdf');
      c.header('Content-Disposition', `attachment; filename="advice-summary-${ubrn}.pdf"`);
      c.header('Cache-Control', 'no-store');
      return c.body(new Uint8Array(pdf));
    }
    if (c.req.query('download') === '1') {
      c.header('Content-Disposition', `attachment; filename="advice-summary-${ubrn}.html"`);
    }
    return c.html(
      '<!doctype html>' +
      <AdviceSummaryDocument conversation={data.conversation} printedBy={c.get('actor').displayName} />,
    );
  });

  app.get('/advice/:ubrn/attachments/:id', requireRole(...VIEWERS), async (c) => {
    const file = await advice.attachment(c.get('actor'), c.req.param('ubrn'), c.req.param('id'));
    c.header('Content-Type', file.mediaType);
    c.header('Content-Disposition', `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(file.content as Uint8Array<ArrayBuffer>);
  });

  return app;
}
