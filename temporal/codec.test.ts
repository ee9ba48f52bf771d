import { describe, expect, it } from 'vitest';
import { type Payload, defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, REFUSED_ENCODING } from './codec';

const codec = new AesGcmPayloadCodec(Buffer.alloc(32, 1));
const patient = { nhsNumber: '9434765919', name: 'Jane Example' };

describe('AesGcmPayloadCodec', () => {
  it('round-trips a payload and hides its content', async () => {
    const payload = defaultPayloadConverter.toPayload(patient);
    const [encoded] = await codec.encode([payload]);
    expect(Buffer.from(encoded!.data!).toString('latin1')).not.toContain('9434765919');
    expect(Buffer.from(encoded!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(patient);
  });

  it('uses a fresh nonce for every payload', async () => {
    const payload = defaultPayloadConverter.toPayload(patient);
    const [a, b] = await codec.encode([payload, payload]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  // Refused payloads decode to an encoding no converter knows: the update or query carrying one fails.
  const refusal = async (payload: Payload, by = codec) => {
    const [decoded] = await by.decode([payload]);
    expect(Buffer.from(decoded!.data ?? []).length).toBe(0);
    return () => defaultPayloadConverter.fromPayload(decoded!);
  };

  it('refuses a tampered payload', async () => {
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(patient)]);
    const data = Buffer.from(encoded!.data!);
    data[20] = data[20]! ^ 0xff;
    expect(await refusal({ ...encoded!, data })).toThrow(`${REFUSED_ENCODING}: altered since it was encrypted`);
  });

  it('says which key is missing when the key is wrong', async () => {
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(patient)]);
    const other = new AesGcmPayloadCodec(Buffer.alloc(32, 2));
    expect(await refusal(encoded!, other)).toThrow(`encrypted with key ${codec.keyId}, but this process holds key`);
  });

  it('refuses payloads it did not encrypt, keeping none of their content', async () => {
    const plain = defaultPayloadConverter.toPayload({ actor: { userId: 'forged' } });
    expect(await refusal(plain)).toThrow(`${REFUSED_ENCODING}: not encrypted`);
  });
});

// Summaries, details and the workflow-metadata query's result are for the Temporal UI without the codec.
describe('AesGcmPayloadCodec, payloads meant to be read without it', () => {
  const summary = defaultPayloadConverter.toPayload('UBRN expiry');
  const metadata = defaultPayloadConverter.toPayload({
    definition: { type: 'referral', queryDefinitions: [], signalDefinitions: [], updateDefinitions: [] },
    currentDetails: '2WW CARDIOLOGY referral, NOT_BOOKED',
  });
  const signed = async (payload: Payload) => (await codec.encode([payload]))[0]!;
  const refusal = async (payload: Payload, by = codec) => {
    const [decoded] = await by.decode([payload]);
    return () => defaultPayloadConverter.fromPayload(decoded!);
  };

  it('leaves a bare string and the metadata query result in plain JSON, and reads them back', async () => {
    for (const payload of [summary, metadata]) {
      const encoded = await signed(payload);
      expect(defaultPayloadConverter.fromPayload(encoded)).toEqual(defaultPayloadConverter.fromPayload(payload));
      const [decoded] = await codec.decode([encoded]);
      expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(defaultPayloadConverter.fromPayload(payload));
    }
  });

  it('still encrypts objects, arrays, numbers and an object that only resembles the metadata result', async () => {
    const others = [patient, ['BOOK'], 4, { definition: {}, currentDetails: 'x', patient }];
    for (const value of others) {
      const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
      expect(Buffer.from(encoded!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    }
  });

  it('refuses readable text that was altered, signed with another key, or never signed', async () => {
    const encoded = await signed(summary);
    const altered = { ...encoded, data: Buffer.from('"Book now"') };
    expect(await refusal(altered)).toThrow(`${REFUSED_ENCODING}: altered since it was signed`);
    const other = new AesGcmPayloadCodec(Buffer.alloc(32, 2));
    expect(await refusal(encoded, other)).toThrow(`signed with key ${codec.keyId}, but this process holds key`);
    expect(await refusal(summary)).toThrow(`${REFUSED_ENCODING}: not encrypted`);
  });
});
