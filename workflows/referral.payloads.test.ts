import { Client, Connection } from '@temporalio/client';
import { describe, expect, inject, it } from 'vitest';
import { actorFor, createInput, SERVICES } from '../domain/fixtures';
import { formatNhsNumber } from '../domain/ids';
import { defaultPolicy } from '../domain/policy';
import { referralSuite } from '../tests/helpers/referrals';
import { actOnReferral, createReferral, getReferral } from '../services/referrals/referral-workflows';
import { referralWorkflowId } from './referral.messages';

const patient = {
  nhsNumber: '9990000026',
  givenName: 'Philomena',
  familyName: 'Quartermaine',
  dateOfBirth: '1948-02-29',
  sex: 'female',
  postcode: 'LS1 4AP',
  phone: '07700 900123',
  registeredPracticeCode: 'A81001',
} as const;
const SECRETS = [
  patient.nhsNumber,
  formatNhsNumber(patient.nhsNumber),
  patient.givenName,
  patient.familyName,
  '07700 900123',
];

// Every key, string and byte string in a decoded history, as text: plain-text patient data would show here.
function allText(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('latin1'));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      out.push(key);
      allText(v, out);
    }
  }
  return out;
}

describe('what Temporal stores about a referral', () => {
  const stack = referralSuite();

  it('holds no NHS number, name or phone number in plain text, in payloads or search attributes', async () => {
    const gp = actorFor('B1101');
    const { ubrn: _placeholder, ...input } = createInput({ patient: { ...patient } });
    const { referral } = await createReferral(stack.client, stack.db, input, gp, defaultPolicy, {
      taskQueue: stack.taskQueue,
    });
    const command = { type: 'SEND_FOR_TRIAGE', expectedVersion: 1, serviceId: SERVICES.ras.serviceId } as const;
    await actOnReferral(stack.client, referral.ubrn, command, gp);
    // The codec-holding client reads it back in full.
    expect((await getReferral(stack.client, referral.ubrn, gp)).referral.patient.familyName).toBe('Quartermaine');

    const connection = await Connection.connect({ address: inject('temporalAddress') });
    try {
      const raw = new Client({ connection, namespace: 'default' }); // no codec: what the server holds
      const handle = raw.workflow.getHandle(referralWorkflowId(referral.ubrn));
      const text = allText(await handle.fetchHistory()).join('\n');
      expect(text).toContain('ReferralState'); // we are looking at the right bytes
      for (const secret of SECRETS) expect(text).not.toContain(secret);

      const description = await handle.describe();
      expect(allText(description.raw).join('\n')).not.toContain(patient.familyName);
      expect(description.typedSearchAttributes.get({ name: 'ReferralState', type: 'KEYWORD' } as never)).toBe(
        'AWAITING_TRIAGE',
      );
    } finally {
      await connection.close();
    }
  });
});
