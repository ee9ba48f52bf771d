import { describe, expect, it } from 'vitest';
import { CarepathError } from '../../domain/errors';
import { SERVICES, newReferral } from '../../domain/fixtures';
import { REJECT_REASONS } from '../../domain/reasons';
import type { SlotChoice } from '../../services/referrals/referrals.service';
import { commentRule, deferrableServices, offered, shownFields } from './action-fields';
import type { ActionFormsProps } from './action-form-props';
import { formErrors } from './action-input';
import { inPageOrder } from './create/error-order';

const slot = (serviceId: string, slotId = '1'): SlotChoice => ({
  slotId,
  serviceId,
  serviceName: 'Cardiology Outpatients',
  start: '2026-04-08T09:00:00.000Z',
  clinician: 'Dr Test',
});

function props(overrides: Partial<ActionFormsProps> = {}): ActionFormsProps {
  return { referral: newReferral(), actions: [], csrf: '', slots: [], targets: [], isProvider: false, ...overrides };
}

describe('action forms offer only what can be done', () => {
  it('offers booking only with a free slot, and deferral only to a service without one', () => {
    const none = props();
    expect(offered('BOOK', none)).toBe(false);
    expect(deferrableServices(none)).toEqual([SERVICES.dbs]);
    const some = props({ slots: [slot(SERVICES.dbs.serviceId)] });
    expect(offered('BOOK', some)).toBe(true);
    expect(offered('DEFER_TO_PROVIDER', some)).toBe(false);
  });

  it('offers triage and "request from provider" only when the shortlist has such a service', () => {
    const onlyTriage = props({ referral: newReferral({ shortlist: [SERVICES.ras] }) });
    expect(offered('SEND_FOR_TRIAGE', onlyTriage)).toBe(true);
    expect(offered('REQUEST_IBS', onlyTriage)).toBe(false);
    expect(offered('DEFER_TO_PROVIDER', onlyTriage)).toBe(false);
    expect(offered('BOOK', onlyTriage)).toBe(false);
  });

  it('asks "Record arranged appointment" for a service only when there are several to choose from', () => {
    const triaged = { ...newReferral(), state: 'TRIAGED_PROVIDER_TO_ACTION' as const };
    expect(offered('RECORD_IBS_ARRANGED', props({ referral: triaged }))).toBe(false);
    const one = props({ referral: triaged, targets: [SERVICES.ibs, SERVICES.dbs] });
    expect(offered('RECORD_IBS_ARRANGED', one)).toBe(true);
    expect(shownFields('RECORD_IBS_ARRANGED', one)).toEqual(['date', 'time']);
    const two = props({ referral: triaged, targets: [SERVICES.ibs, { ...SERVICES.ibs, serviceId: 'other-ibs' }] });
    expect(shownFields('RECORD_IBS_ARRANGED', two)).toEqual(['serviceId', 'date', 'time']);
    // Booked into an IBS service: no service to choose at all.
    expect(shownFields('RECORD_IBS_ARRANGED', props())).toEqual(['date', 'time']);
  });
});

describe('wording', () => {
  it('says once which reasons need a comment, from the reason list itself', () => {
    expect(commentRule({ A: { label: 'A', needsComment: false } })).toEqual({ label: 'Comment (optional)', hint: '' });
    expect(commentRule({ A: { label: 'A', needsComment: true } }).hint).toBe('Every reason needs a comment. ');
    const some = commentRule({
      A: { label: 'Holiday', needsComment: false },
      B: { label: 'Another reason', needsComment: true },
    });
    expect(some).toEqual({
      label: 'Comment (needed for some reasons)',
      hint: 'A comment is needed if the reason is: Another reason. ',
    });
    // Follows the list, whatever it says today.
    const rejectNeeds = Object.values(REJECT_REASONS).filter((r) => r.needsComment).length;
    expect(commentRule(REJECT_REASONS).label).toEqual(rejectNeeds === 0 ? 'Comment (optional)' : expect.any(String));
  });

  it('puts an error on a field the form does not show on the form itself, and keeps page order', () => {
    const refused = new CarepathError('VALIDATION', 'Check', { comment: 'Too long', serviceId: 'Choose a service' });
    expect(formErrors('REJECT', refused, ['reason', 'comment'])).toEqual({
      'REJECT-form': 'Choose a service',
      'REJECT-comment': 'Too long',
    });
    const both = new CarepathError('VALIDATION', 'Check', { comment: 'Too long', reason: 'Choose a reason' });
    expect(Object.keys(formErrors('REJECT', both, ['reason', 'comment']))).toEqual(['REJECT-reason', 'REJECT-comment']);
  });

  it('lists the details page problems in page order, whatever order they were found in', () => {
    const found = { 'letter-status': 'a', reason: 'b', 'patient-dateOfBirth': 'c', 'patient-nhsNumber': 'd', odd: 'e' };
    expect(Object.keys(inPageOrder(found))).toEqual([
      'patient-nhsNumber',
      'patient-dateOfBirth',
      'reason',
      'letter-status',
      'odd',
    ]);
  });
});
