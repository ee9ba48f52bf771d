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
