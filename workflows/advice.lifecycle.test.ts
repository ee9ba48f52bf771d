import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrailFor } from '../db/audit/audit.repository';
import { getAdviceEntries, getAdviceRow } from '../db/advice/advice.repository';
import { adviceNotificationsFor, queueAdviceNotification } from '../db/advice/notifications.repository';
import { notificationsFor, queueNotifications } from '../db/referrals/notifications.repository';
import { displayUbrn } from '../domain/ids';
import { deliverPending } from '../services/notifications/delivery';
import { RecordingNotifier, notificationText } from '../services/notifications/notifier';
import { getReferralRow } from '../db/referrals/referrals.repository';
import type { Actor } from '../domain/actor';
import { CarepathError } from '../domain/errors';
import { addAdviceService, askForAdvice, driveAdvicePath } from '../fixtures/advice';
import { addUser } from '../fixtures/identity';
import { createServices } from '../services';
import { type TestSystem, startTestSystem } from '../tests/helpers/system';
import { compressedPolicy } from '../tests/helpers/referrals';
import { adviceWorkflowId } from './advice.messages';
import { referralWorkflowId } from './referral.messages';

const PRACTICE = 'A81001';
const TRUST = 'RXX';
const PDF = new TextEncoder().encode('%PDF-1.4 test file');

describe('advice conversations through the real Temporal server', () => {
  let system: TestSystem;
  let referrer: Actor;
  let provider: Actor;
  let serviceId: string;
  beforeAll(async () => {
    system = await startTestSystem();
    referrer = await addUser(system.db, { orgCode: PRACTICE, role: 'B1101', displayName: 'Dr Gee Pee' });
    provider = await addUser(system.db, { orgCode: TRUST, role: 'B1110', displayName: 'Dr Con Sultant' });
    serviceId = String((await addAdviceService(system.db, { provider_org_code: TRUST })).id);
  });
  afterAll(() => system?.stop());
  const actors = () => ({ referrer, provider });
  const advice = () => system.services.advice;

  it('ask: projected before the call returns, one history row and one audit entry, payloads encrypted', async () => {
    const ubrn = await askForAdvice(advice(), referrer, serviceId, {
      files: [{ name: 'ecg.pdf', content: PDF }],
    });
    const row = await getAdviceRow(system.db, ubrn);
    expect(row).toMatchObject({
      state: 'AWAITING_RESPONSE',
      version: 1,
      provider_org_code: TRUST,
      last_from: 'REFERRER',
    });
    expect(row?.snapshot?.messages[0]).toMatchObject({ kind: 'QUESTION', attachments: [{ name: 'ecg.pdf' }] });
    const files = await system.db.selectFrom('advice_attachments').select('ubrn').where('ubrn', '=', ubrn).execute();
    expect(files).toHaveLength(1);
    expect(await auditTrailFor(system.db, 'advice', ubrn)).toEqual([expect.objectContaining({ action: 'advice.ask' })]);
    // Neither the history nor the search attributes carry the patient or the question in plain text.
    const history = JSON.stringify(await system.client.workflow.getHandle(adviceWorkflowId(ubrn)).fetchHistory());
    const payloads = [...history.matchAll(/"data":"([^"]+)"/g)].map((m) => Buffer.from(m[1]!, 'base64').toString());
    expect(payloads.length).toBeGreaterThan(3);
    expect(payloads.join(' ')).not.toMatch(/9990000018|Ada|Raised ALP|ecg\.pdf/);
    const described = await system.client.workflow.getHandle(adviceWorkflowId(ubrn)).describe();
    expect(JSON.stringify(described.searchAttributes)).not.toMatch(/9990000018|Ada/);
    expect(described.searchAttributes.AdviceState).toEqual(['AWAITING_RESPONSE']);
  });

  it.each([
    ['answered', ['AWAITING_RESPONSE', 'RESPONDED']],
    ['more-information-then-answered', ['AWAITING_RESPONSE', 'AWAITING_MORE_INFO', 'AWAITING_RESPONSE', 'RESPONDED']],
    ['closed-by-provider', ['AWAITING_RESPONSE', 'RESPONDED', 'CLOSED']],
    ['closed-by-referrer', ['AWAITING_RESPONSE', 'RESPONDED', 'CLOSED']],
    ['cancelled', ['AWAITING_RESPONSE', 'CANCELLED']],
  ] as const)('%s', async (path, states) => {
    const driven = await driveAdvicePath(advice(), actors(), serviceId, path);
    expect(driven.states).toEqual(states);
    const entries = await getAdviceEntries(system.db, driven.ubrn);
    expect(entries.map((e) => e.version)).toEqual(states.map((_, i) => i + 1));
    expect((await getAdviceRow(system.db, driven.ubrn))?.state).toBe(states.at(-1));
    // Each message with its author, role, organisation and time.
    const page = await advice().page(referrer, driven.ubrn);
    if (page.kind !== 'live') throw new Error('expected a live conversation');
    for (const message of page.conversation.messages) {
      expect(message.author.orgCode).toBe(message.author.role === 'B1101' ? PRACTICE : TRUST);
      expect(Date.parse(message.at)).not.toBeNaN();
    }
  });

  it('converted by the provider: the referral keeps the UBRN and lands on Appointments for Booking', async () => {
    const { ubrn, states } = await driveAdvicePath(advice(), actors(), serviceId, 'converted-by-provider');
    expect(states.at(-1)).toBe('CONVERTED');
    const referral = await getReferralRow(system.db, ubrn);
    expect(referral).toMatchObject({
      state: 'TRIAGED_PROVIDER_TO_ACTION',
      provider_org_code: TRUST,
      service_id: serviceId,
    });
    const adviceResult = await system.client.workflow.getHandle(adviceWorkflowId(ubrn)).result();
    expect(adviceResult).toMatchObject({ ubrn, state: 'CONVERTED' });
    // The referral outlives the conversation's workflow.
    const view = await system.services.referrals.page(provider, ubrn);
    expect(view.referral.state).toBe('TRIAGED_PROVIDER_TO_ACTION');
  });

  it('refuses the provider a conversion the requester did not allow, and changes nothing', async () => {
    const ubrn = await askForAdvice(advice(), referrer, serviceId, { conversionAllowed: 'no' });
    const refused = await advice()
      .act(provider, ubrn, { type: 'CONVERT_BY_PROVIDER', expectedVersion: 1, priority: 'ROUTINE' }, [])
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CarepathError);
    expect(refused).toMatchObject({ code: 'INVALID_REQUEST_STATE' });
    expect((refused as Error).message).toContain('did not allow');
    expect(await getReferralRow(system.db, ubrn)).toBeUndefined();
    expect((await getAdviceRow(system.db, ubrn))?.version).toBe(1);
  });

  it('converted by the referrer: a create-journey draft with the conversation’s data, bound to its UBRN', async () => {
    const { ubrn, version } = await driveAdvicePath(advice(), actors(), serviceId, 'answered');
    const done = await advice().act(
      referrer,
      ubrn,
      { type: 'CONVERT_BY_REFERRER', expectedVersion: version, priority: 'URGENT' },
      [],
    );
    expect(done.state).toBe('CONVERTED');
    const draft = await system.db
      .selectFrom('referral_drafts')
      .selectAll()
      .where('id', '=', done.draftId!)
      .executeTakeFirstOrThrow();
    expect(draft.details).toMatchObject({
      priority: 'URGENT',
      patient: { nhsNumber: '9990000018' },
      clinicianUserId: referrer.userId,
    });
    expect(draft.shortlist).toEqual([expect.objectContaining({ serviceId })]);
    const bound = await system.db
      .selectFrom('referral_requests')
      .select('ubrn')
      .where('idempotency_key', '=', done.draftId!)
      .executeTakeFirst();
    expect(bound?.ubrn).toBe(ubrn);
  });

  it('notifies the other side of each new message through the Notify outbox, without personal data', async () => {
    const { ubrn, version } = await driveAdvicePath(advice(), actors(), serviceId, 'more-information-then-answered');
    await advice().act(referrer, ubrn, { type: 'CLOSE', expectedVersion: version }, []);
    const queued = await adviceNotificationsFor(system.db, ubrn);
    expect(queued.map((n) => [n.version, n.template, n.recipient, n.recipient_org_code, n.status])).toEqual([
      [1, 'ADVICE_ASK', 'PROVIDER', TRUST, 'PENDING'],
      [2, 'ADVICE_REQUEST_INFO', 'REFERRER', PRACTICE, 'PENDING'],
      [3, 'ADVICE_REPLY', 'PROVIDER', TRUST, 'PENDING'],
      [4, 'ADVICE_RESPOND', 'REFERRER', PRACTICE, 'PENDING'],
      [5, 'ADVICE_CLOSE', 'PROVIDER', TRUST, 'PENDING'],
    ]);

    // A retried projection queues nothing twice.
    const page = await advice().page(referrer, ubrn);
    if (page.kind !== 'live') throw new Error('expected a live conversation');
    const last = page.conversation.messages.at(-1)!;
    await queueAdviceNotification(system.db, page.conversation, {
      version: 4,
      type: 'RESPOND',
      at: last.at,
      actor: provider,
      fromState: 'AWAITING_RESPONSE',
      toState: 'RESPONDED',
      summary: 'Advice given',
    });
    expect(await adviceNotificationsFor(system.db, ubrn)).toHaveLength(5);

    // The poller delivers them with the referrals' notifications: the UBRN and what happened, nothing clinical.
    const notifier = new RecordingNotifier();
    while ((await deliverPending(system.db, notifier)).sent > 0);
    const sent = notifier.sent.filter((n) => n.ubrn === ubrn);
    expect(sent).toHaveLength(5);
    const words = sent.map((n) => notificationText(n));
    expect(words[1]).toBe(
      `Advice and guidance request ${displayUbrn(ubrn)}: the provider has asked for more information. Sign in to Carepath to see it.`,
    );
    expect(words[3]).toContain('the provider has given advice');
    expect(words.join(' ')).not.toMatch(/9990000018|Ada|Advice,|ALP|GGT|LFT/);
    expect((await adviceNotificationsFor(system.db, ubrn)).every((n) => n.status === 'SENT')).toBe(true);
  });

  it('notifies the referrer of a provider’s conversion, beside the referral’s own notifications of the same UBRN', async () => {
    const { ubrn } = await driveAdvicePath(advice(), actors(), serviceId, 'converted-by-provider');
    const queued = await adviceNotificationsFor(system.db, ubrn);
    expect(queued.map((n) => [n.version, n.template, n.recipient])).toEqual([
      [1, 'ADVICE_ASK', 'PROVIDER'],
      [2, 'ADVICE_RESPOND', 'REFERRER'],
      [3, 'ADVICE_CONVERT_BY_PROVIDER', 'REFERRER'],
    ]);
    // The referral's versions count from 1 again: its notification of version 1 to the provider
    // is its own row beside the conversation's, and each poller words its own.
    await queueNotifications(system.db, [
      { ubrn, version: 1, recipient: 'PROVIDER', recipientOrgCode: TRUST, template: 'SEND_FOR_TRIAGE' },
    ]);
    const all = await notificationsFor(system.db, ubrn);
    expect(
      all.filter((n) => n.version === 1 && n.recipient === 'PROVIDER').map((n) => [n.subject, n.template]),
    ).toEqual([
      ['advice', 'ADVICE_ASK'],
      ['referral', 'SEND_FOR_TRIAGE'],
    ]);
    const notifier = new RecordingNotifier();
    while ((await deliverPending(system.db, notifier)).sent > 0);
    const words = notifier.sent.filter((n) => n.ubrn === ubrn).map((n) => notificationText(n));
    expect(words.filter((w) => w.startsWith('Referral '))).toHaveLength(1);
    expect(words.filter((w) => w.startsWith('Advice and guidance request '))).toHaveLength(3);
  });

  it('converted by the referrer and submitted through the create journey: one referral, with the conversation’s UBRN', async () => {
    const { ubrn, version } = await driveAdvicePath(advice(), actors(), serviceId, 'answered');
    const done = await advice().act(
      referrer,
      ubrn,
      { type: 'CONVERT_BY_REFERRER', expectedVersion: version, priority: 'ROUTINE' },
      [],
    );
    expect(await advice().conversionTarget(referrer, ubrn)).toEqual({ referral: false, draftId: done.draftId });
    // The provider hears that the referrer is converting it.
    expect((await adviceNotificationsFor(system.db, ubrn)).at(-1)).toMatchObject({
      template: 'ADVICE_CONVERT_BY_REFERRER',
      recipient: 'PROVIDER',
    });

    const submitted = await system.services.referrals.submitDraft(referrer, done.draftId!, { kind: 'later' });
    expect(submitted.ubrn).toBe(ubrn);
    const referral = await getReferralRow(system.db, ubrn);
    expect(referral).toMatchObject({ ubrn, referrer_org_code: PRACTICE, state: 'NOT_BOOKED' });
    expect(await advice().conversionTarget(referrer, ubrn)).toEqual({ referral: true });
    const view = await system.services.referrals.page(referrer, ubrn);
    expect(view.referral.clinicalInformation).toContain('Raised ALP');
    expect(view.referral.patient.nhsNumber).toBe('9990000018');
    // Submitting the same draft again is the same referral, not a second one.
    expect((await system.services.referrals.submitDraft(referrer, done.draftId!, { kind: 'later' })).ubrn).toBe(ubrn);
    const referrals = await system.db.selectFrom('referrals').select('ubrn').where('ubrn', '=', ubrn).execute();
    expect(referrals).toHaveLength(1);
    // The conversation stays converted, and its page links to the referral now.
    expect((await getAdviceRow(system.db, ubrn))?.state).toBe('CONVERTED');
  });

  it('an ask resubmitted with the same idempotency key gets the same UBRN and creates nothing twice', async () => {
    const requestKey = crypto.randomUUID();
    const first = await askForAdvice(advice(), referrer, serviceId, { requestKey });
    const again = await askForAdvice(advice(), referrer, serviceId, { requestKey });
    expect(again).toBe(first);
    const keys = await system.db
      .selectFrom('advice_ask_keys')
      .selectAll()
      .where('request_key', '=', requestKey)
      .execute();
    expect(keys.map((k) => k.ubrn)).toEqual([first]);
    expect((await getAdviceEntries(system.db, first)).map((e) => [e.version, e.type])).toEqual([[1, 'ASK']]);
    expect((await getAdviceRow(system.db, first))?.version).toBe(1);
    const trail = await auditTrailFor(system.db, 'advice', first);
    expect(trail.filter((a) => a.action === 'advice.ask')).toHaveLength(1);
    expect(await adviceNotificationsFor(system.db, first)).toHaveLength(1);
    // The one workflow run the first submit started.
    const handle = system.client.workflow.getHandle(adviceWorkflowId(first));
    const { runId } = await handle.describe();
    await askForAdvice(advice(), referrer, serviceId, { requestKey });
    expect((await handle.describe()).runId).toBe(runId);
    expect((await getAdviceEntries(system.db, first)).length).toBe(1);
    // A different key is a different request.
    expect(await askForAdvice(advice(), referrer, serviceId, { requestKey: crypto.randomUUID() })).not.toBe(first);
  });

  it('refuses other organisations and non-clinical roles, on the page and on commands', async () => {
    const ubrn = await askForAdvice(advice(), referrer, serviceId);
    const stranger = await addUser(system.db, { orgCode: 'RYY', role: 'B1110' });
    await expect(advice().page(stranger, ubrn)).rejects.toMatchObject({ code: 'NO_RELATIONSHIP' });
    await expect(
      advice().act(stranger, ubrn, { type: 'RESPOND', expectedVersion: 1, text: 'x', outcome: 'OTHER' }, []),
    ).rejects.toMatchObject({ code: 'NO_RELATIONSHIP' });
    const admin = await addUser(system.db, { orgCode: TRUST, role: 'B1120' });
    await expect(advice().page(admin, ubrn)).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    const trail = await auditTrailFor(system.db, 'advice', ubrn);
    expect(trail.map((a) => a.action)).toContain('advice.view_refused');
  });
});

describe('advice expiry', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.stop());

  it('deletes the content from the read tables and the files, leaving a stub and an audit entry', async () => {
    const referrer = await addUser(system.db, { orgCode: PRACTICE, role: 'B1101' });
    const provider = await addUser(system.db, { orgCode: TRUST, role: 'B1110' });
    const serviceId = (await addAdviceService(system.db, { provider_org_code: TRUST })).id;
    // Conversations start with their service's policy: here a day passes in 100 ms and the UBRN expires after 20.
    const compressed = createServices({
      db: system.db,
      temporal: system.client,
      taskQueue: system.target.taskQueue,
      policy: compressedPolicy(100, { ubrnExpiryDays: 20 }),
    });
    const ubrn = await askForAdvice(compressed.advice, referrer, serviceId, {
      files: [{ name: 'a.pdf', content: PDF }],
    });
    await compressed.advice.act(
      provider,
      ubrn,
      { type: 'RESPOND', expectedVersion: 1, text: 'Advice text', outcome: 'ADVICE_ONLY' },
      [],
    );
    const result = await system.client.workflow.getHandle(adviceWorkflowId(ubrn)).result();
    expect(result).toEqual({ ubrn, state: 'EXPIRED', version: 3 });

    const row = await getAdviceRow(system.db, ubrn);
    expect(row).toMatchObject({
      state: 'EXPIRED',
      nhs_number: null,
      given_name: null,
      family_name: null,
      snapshot: null,
    });
    expect(row?.content_deleted_at).toBeInstanceOf(Date);
    const entries = await getAdviceEntries(system.db, ubrn);
    expect(entries.map((e) => e.message_text)).toEqual([null, null, null]);
    expect(entries.at(-1)).toMatchObject({ type: 'EXPIRE', to_state: 'EXPIRED' });
    const files = await system.db.selectFrom('advice_attachments').select('id').where('ubrn', '=', ubrn).execute();
    expect(files).toEqual([]);
    const stub = (await auditTrailFor(system.db, 'advice', ubrn)).find((a) => a.action === 'advice.content_deleted');
    expect(stub?.detail).toMatchObject({ version: 3, messages: 2, attachments: 1, reason: 'UBRN expired' });
    // The page shows only the stub.
    const page = await system.services.advice.page(referrer, ubrn);
    expect(page.kind).toBe('expired');
  });

  it('deletes a converted conversation’s content when its referral’s UBRN expires unbooked', async () => {
    const referrer = await addUser(system.db, { orgCode: PRACTICE, role: 'B1101' });
    const provider = await addUser(system.db, { orgCode: TRUST, role: 'B1110' });
    const serviceId = (await addAdviceService(system.db, { provider_org_code: TRUST })).id;
    const compressed = createServices({
      db: system.db,
      temporal: system.client,
      taskQueue: system.target.taskQueue,
      policy: compressedPolicy(100, { ubrnExpiryDays: 30 }),
    });
    const { ubrn } = await driveAdvicePath(
      compressed.advice,
      { referrer, provider },
      serviceId,
      'converted-by-provider',
    );
    const referral = await system.client.workflow.getHandle(referralWorkflowId(ubrn)).result();
    expect(referral.state).toBe('EXPIRED');
    const row = await getAdviceRow(system.db, ubrn);
    expect(row).toMatchObject({ state: 'EXPIRED', snapshot: null, nhs_number: null });
    const entries = await getAdviceEntries(system.db, ubrn);
    expect(entries.every((e) => e.message_text === null)).toBe(true);
    const stub = (await auditTrailFor(system.db, 'advice', ubrn)).filter((a) => a.action === 'advice.content_deleted');
    expect(stub).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ reason: 'UBRN expired with its referral' }) }),
    ]);
  });
});
