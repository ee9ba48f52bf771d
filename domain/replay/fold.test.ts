import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AesGcmPayloadCodec } from '../../temporal/codec';
import { decodeHistory, replayCodec } from '../../services/replay/decode-history';
import { parseHistoryFile } from '../../services/replay/history-file';
import { testSecrets } from '../../tests/helpers/temporal';
import { situations } from '../fixtures';
import { defaultPolicy } from '../policy';
import type { ReplayEvent } from './events';
import { type ReplayStep, foldHistory } from './fold';

const codec = replayCodec(new AesGcmPayloadCodec(testSecrets.payloadEncryptionKey));
const saved = async (name: string) =>
  decodeHistory(
    parseHistoryFile(readFileSync(new URL(`../../tests/replay/histories/${name}.json`, import.meta.url), 'utf8')),
    codec,
  );
const stateAt = (steps: ReplayStep[], id: number) => {
  const subject = steps.find((s) => s.event.id === id)!.subject;
  return subject?.kind === 'referral' ? `${subject.referral.state} v${subject.referral.version}` : undefined;
};

describe('folding a saved referral history (tests/replay/histories/book-accept.json)', () => {
  it('shows the referral as the workflow projected it after each event', async () => {
    const { workflowType, steps } = foldHistory(await saved('book-accept'));
    expect(workflowType).toBe('referral');
    expect(steps.map((s) => s.event.id)).toEqual(steps.map((_, i) => i + 1));
    // Nothing before the first projection; then each transition's projection moves it on.
    expect(stateAt(steps, 6)).toBeUndefined();
    expect(stateAt(steps, 7)).toBe('NOT_BOOKED v1');
    expect(stateAt(steps, 25)).toBe('NOT_BOOKED v1');
    expect(stateAt(steps, 26)).toBe('BOOKED v2');
    expect(stateAt(steps, 38)).toBe('BOOKED v2');
    expect(stateAt(steps, 39)).toBe('BOOKED v3');
    expect(stateAt(steps, 50)).toBe('BOOKED v4');
    expect(stateAt(steps, steps.length)).toBe('BOOKED v4');
    expect(steps.filter((s) => s.transition).map((s) => s.transition!.type)).toEqual([
      'CREATE',
      'BOOK',
      'BOOKING_CONFIRMED',
      'ACCEPT',
    ]);
  });

  it('holds an accepted staff action as pending until its transition is projected', async () => {
    const { steps } = foldHistory(await saved('book-accept'));
    const accepted = steps.find((s) => s.event.type === 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED' && s.pendingAction);
    expect(accepted?.pendingAction).toMatchObject({ update: 'Book', label: 'Book appointment', role: 'B1101' });
    const projected = steps.find((s) => s.transition?.type === 'BOOK')!;
    expect(projected.pendingAction).toBeUndefined();
    expect(steps[projected.event.id - 2]!.pendingAction?.update).toBe('Book');
  });

  it('lists the timers started and neither fired nor cancelled', async () => {
    const { steps } = foldHistory(await saved('book-accept'));
    const started = steps.find((s) => s.event.type === 'TIMER_STARTED')!;
    expect(started.timers).toHaveLength(1);
    expect(Date.parse(started.timers[0]!.firesAt)).toBeGreaterThan(Date.parse(started.event.time));
    const cancelled = steps.find((s) => s.event.type === 'TIMER_CANCELED')!;
    expect(cancelled.timers).toEqual([]);
  });

  it('ends with the workflow closed when the referral expires', async () => {
    const { steps } = foldHistory(await saved('reminded-then-expired'));
    const last = steps.at(-1)!;
    expect(last.closed).toBe('Workflow completed');
    expect(stateAt(steps, last.event.id)).toBe('EXPIRED v2');
    expect(steps.find((s) => s.event.type === 'TIMER_FIRED')!.timers).toEqual([]);
  });

  it('folds an advice conversation from its projections', async () => {
    const { workflowType, steps } = foldHistory(await saved('advice-cancelled'));
    expect(workflowType).toBe('advice');
    const states = steps.flatMap((s) =>
      s.transition && s.subject?.kind === 'advice' ? [s.subject.conversation.state] : [],
    );
    expect(states[0]).toBe('AWAITING_RESPONSE');
    expect(states.at(-1)).toBe('CANCELLED');
  });
});

describe('folding events built by hand', () => {
  const at = (n: number) => new Date(Date.UTC(2026, 3, 1, 9, 0, n)).toISOString();
  const referral = situations().NOT_BOOKED;
  const event = (
    id: number,
    type: string,
    attributes: Record<string, unknown> = {},
    summary?: string,
  ): ReplayEvent => ({
    id,
    time: at(id),
    type,
    attributes,
    ...(summary ? { summary } : {}),
  });

  it('labels timers by their summaries and drops a refused action', () => {
    const { steps } = foldHistory([
      event(1, 'WORKFLOW_EXECUTION_STARTED', {
        workflowType: { name: 'referral' },
        input: { payloads: [{ kind: 'resume', referral }] },
      }),
      event(2, 'TIMER_STARTED', { timerId: '1', startToFireTimeout: '90s' }, 'unbooked reminder'),
      event(3, 'TIMER_STARTED', { timerId: '2', startToFireTimeout: '30.5s' }, 'UBRN expiry'),
      event(4, 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED', {
        acceptedRequest: { input: { name: 'Reject', args: { payloads: [{ command: {}, actor: { role: 'B1110' } }] } } },
      }),
      event(5, 'WORKFLOW_EXECUTION_UPDATE_COMPLETED', { outcome: { failure: { message: 'Not permitted' } } }),
      event(6, 'TIMER_FIRED', { timerId: '2' }),
    ]);
    expect(steps[0]!.subject).toEqual({ kind: 'referral', referral });
    expect(steps[2]!.timers).toEqual([
      { timerId: '2', label: 'UBRN expiry', firesAt: new Date(Date.parse(at(3)) + 30_500).toISOString() },
      { timerId: '1', label: 'unbooked reminder', firesAt: new Date(Date.parse(at(2)) + 90_000).toISOString() },
    ]);
    expect(steps[3]!.pendingAction).toMatchObject({ label: 'Reject', role: 'B1110', acceptedAtEvent: 4 });
    expect(steps[4]!.description).toBe('Staff action refused: Not permitted');
    expect(steps[4]!.pendingAction).toBeUndefined();
    expect(steps[5]!.description).toBe('Timer fired: UBRN expiry');
    expect(steps[5]!.timers.map((t) => t.label)).toEqual(['unbooked reminder']);
  });

  it('applies a booking that reserved its slot and projected in one activity (decision 0022)', () => {
    const actor = { userId: 'u1', displayName: 'Dr A', role: 'B1101' as const, orgCode: referral.referrer.orgCode };
    const command = {
      type: 'BOOK',
      expectedVersion: referral.version,
      serviceId: referral.shortlist[0]!.serviceId,
      slotId: '7',
    };
    const context = { actor, now: at(3), policy: defaultPolicy };
    const held = { slotId: '7', start: '2026-04-20T10:00:00.000Z', end: '2026-04-20T10:20:00.000Z' };
    const { steps } = foldHistory([
      event(1, 'WORKFLOW_EXECUTION_STARTED', {
        workflowType: { name: 'referral' },
        input: { payloads: [{ kind: 'resume', referral }] },
      }),
      event(2, 'MARKER_RECORDED', {
        markerName: 'core_patch',
        details: { 'patch-data': { payloads: [{ id: 'perf-one-booking-activity', deprecated: false }] } },
      }),
      event(3, 'ACTIVITY_TASK_SCHEDULED', {
        activityType: { name: 'reserveSlotAndProject' },
        input: { payloads: [{ reserve: {}, referral, command, context }] },
      }),
      event(4, 'ACTIVITY_TASK_COMPLETED', { scheduledEventId: '3', result: { payloads: [held] } }),
    ]);
    expect(steps[1]!.description).toBe('Code version marker: perf-one-booking-activity');
    expect(steps[2]!.subject).toEqual({ kind: 'referral', referral });
    const after = steps[3]!.subject;
    expect(after?.kind === 'referral' && after.referral).toMatchObject({
      state: 'BOOKED',
      version: referral.version + 1,
      appointment: { slotId: '7', start: held.start },
    });
    expect(steps[3]!.transition).toEqual({ version: referral.version + 1, type: 'BOOK', label: 'Book appointment' });
  });
});
