import { Client, Connection } from '@temporalio/client';
import { type Payload, defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Command } from '../domain/actions';
import { SERVICES, actorFor, createInput } from '../domain/fixtures';
import { formatNhsNumber } from '../domain/ids';
import type { RoleCode } from '../domain/roles';
import { defaultPolicy } from '../domain/policy';
import { addSlot, bookable } from '../fixtures/directory';
import { addDbsService } from '../fixtures/referrals';
import { actOnReferral, createReferral } from '../services/referrals/referral-workflows';
import { referralSuite } from '../tests/helpers/referrals';
import { referralWorkflowId } from './referral.messages';

const patient = {
  nhsNumber: '9990000034',
  givenName: 'Ermintrude',
  familyName: 'Fotheringay',
  dateOfBirth: '1951-07-19',
  sex: 'female',
  postcode: 'LS1 4AP',
  registeredPracticeCode: 'A81001',
} as const;
const PERSONAL = [patient.nhsNumber, formatNhsNumber(patient.nhsNumber), patient.givenName, patient.familyName];

type WorkflowMetadata = {
  definition: { updateDefinitions: { name: string; description?: string }[] };
  currentDetails: string;
};

// Every payload in a raw history with where it sits, e.g. "6.activityTaskScheduledEventAttributes.input.payloads.0".
function payloadsOf(value: unknown, path = '', out: { path: string; payload: Payload }[] = []) {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return out;
  const maybe = value as Payload;
  if (maybe.metadata && typeof maybe.metadata === 'object' && 'encoding' in maybe.metadata) {
    out.push({ path, payload: maybe });
    return out;
  }
  for (const [key, child] of Object.entries(value)) payloadsOf(child, path ? `${path}.${key}` : key, out);
  return out;
}

const encodingOf = (payload: Payload) => Buffer.from(payload.metadata!.encoding!).toString();
const read = (payload: Payload | null | undefined) =>
  payload ? defaultPayloadConverter.fromPayload<string>(payload) : '';

// The ops engineer's view without the codec: what the Temporal UI and CLI show anyone with access to the namespace.
describe('a referral in the Temporal UI, read without the payload codec', () => {
  const stack = referralSuite();
  let connection: Connection;
  let raw: Client;
  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    raw = new Client({ connection, namespace: 'default' });
  });
  afterAll(() => connection?.close());

  it('labels its timers and activities, and its summary and details name priority, specialty, state and service', async () => {
    const gp = actorFor('B1101');
    const clinic = await addDbsService(stack.db, 'Chest pain clinic');
    const { ubrn: _placeholder, ...input } = createInput({
      patient: { ...patient },
      shortlist: [clinic, SERVICES.ibs, SERVICES.ras],
    });
    // Expiry before the 14-day reminder: the first timer is the UBRN's.
    const policy = { ...defaultPolicy, ubrnExpiryDays: 10 };
    let { referral } = await createReferral(stack.client, stack.db, input, gp, policy, { taskQueue: stack.taskQueue });
    const slot = async () => bookable(await addSlot(stack.db, clinic.serviceId));
    const first = await slot();
    const second = await slot();
    const steps: [RoleCode, (expectedVersion: number) => Command][] = [
      ['B1101', (expectedVersion) => ({ type: 'BOOK', serviceId: clinic.serviceId, ...first, expectedVersion })],
      [
        'B1103',
        (expectedVersion) => ({ type: 'CHANGE_APPOINTMENT', reason: 'PATIENT_HOLIDAY', ...second, expectedVersion }),
      ],
      ['B1101', (expectedVersion) => ({ type: 'PATIENT_CANCEL_APPOINTMENT', reason: 'PATIENT_ILL', expectedVersion })],
    ];
    for (const [role, command] of steps) {
      ({ referral } = await actOnReferral(stack.client, referral.ubrn, command(referral.version), actorFor(role)));
    }
    expect(referral.state).toBe('APPT_CANCELLED_BY_PATIENT');

    const handle = raw.workflow.getHandle(referralWorkflowId(referral.ubrn));
    const events = (await handle.fetchHistory()).events ?? [];
    const timers = events.filter((e) => e.timerStartedEventAttributes).map((e) => read(e.userMetadata?.summary));
    // Booked: expiry is off, and no timer runs; cancelled by the patient: the unbooked reminder starts.
    expect(timers).toEqual(['UBRN expiry', 'unbooked reminder']);
    const activities = events
      .filter((e) => e.activityTaskScheduledEventAttributes)
      .map((e) => read(e.userMetadata?.summary));
    expect(activities).toEqual([
      'project referral v1 (CREATE)',
      `reserve slot ${first.slotId}`,
      'project referral v2 (BOOK)',
      `reserve slot ${second.slotId}`,
      `release slot ${first.slotId}`,
      'project referral v3 (CHANGE_APPOINTMENT)',
      `release slot ${second.slotId}`,
      'project referral v4 (PATIENT_CANCEL_APPOINTMENT)',
    ]);

    const description = await handle.describe();
    const summary = await description.staticSummary();
    expect(summary).toBe('ROUTINE CARDIOLOGY referral');
    const details = await description.staticDetails();
    expect(details).toContain(referral.referrer.orgCode);
    const metadata = await handle.query<WorkflowMetadata>('__temporal_workflow_metadata');
    expect(metadata.currentDetails).toBe(
      `ROUTINE CARDIOLOGY referral, APPT_CANCELLED_BY_PATIENT at Chest pain clinic (${clinic.serviceId})`,
    );
    expect(metadata.definition.updateDefinitions).toContainEqual({
      name: 'Book',
      description: expect.stringContaining('Staff action BOOK'),
    });

    const readable = [...timers, ...activities, summary, details, metadata.currentDetails];
    for (const text of readable) for (const secret of PERSONAL) expect(text).not.toContain(secret);

    // In the clear besides the search attributes: only the summaries and details. The rest is encrypted.
    const plain = payloadsOf(events).filter(
      ({ path, payload }) => encodingOf(payload) !== 'binary/encrypted' && !path.includes('.searchAttributes.'),
    );
    expect(plain.length).toBeGreaterThan(timers.length + activities.length);
    // Temporal's own patch markers (decision record 0015) name the patch in the clear, and nothing else.
    const patchMarkers = plain.filter(({ path }) => /^\d+\.markerRecordedEventAttributes\.details\./.test(path));
    for (const { payload } of patchMarkers) {
      expect(JSON.stringify(read(payload))).toContain('e-rs-rule-fidelity-0015');
    }
    for (const { path } of plain.filter((p) => !patchMarkers.includes(p))) {
      expect(path).toMatch(/^\d+\.userMetadata\.(summary|details)$/);
    }
  });

  it('reads the same texts through Carepath’s own client, which checks their signature', async () => {
    const gp = actorFor('B1101');
    const clinic = await addDbsService(stack.db, 'Heart failure clinic');
    const { ubrn: _placeholder, ...input } = createInput({ patient: { ...patient }, shortlist: [clinic] });
    const { referral } = await createReferral(stack.client, stack.db, input, gp, defaultPolicy, {
      taskQueue: stack.taskQueue,
    });
    const handle = stack.client.workflow.getHandle(referralWorkflowId(referral.ubrn));
    expect(await (await handle.describe()).staticSummary()).toBe('ROUTINE CARDIOLOGY referral');
    const metadata = await handle.query<WorkflowMetadata>('__temporal_workflow_metadata');
    expect(metadata.currentDetails).toBe(`ROUTINE CARDIOLOGY referral, ${referral.state}`);

    // A refusal's field name is a bare string too: signed, it still reaches the form.
    const gone = bookable(await addSlot(stack.db, clinic.serviceId));
    await stack.db.deleteFrom('slots').where('id', '=', Number(gone.slotId)).execute();
    const book = { type: 'BOOK', serviceId: clinic.serviceId, ...gone, expectedVersion: referral.version } as const;
    await expect(actOnReferral(stack.client, referral.ubrn, book, gp)).rejects.toMatchObject({
      code: 'SLOT_UNAVAILABLE',
      fields: { slotId: expect.stringContaining('just been taken') },
    });
  });
});
