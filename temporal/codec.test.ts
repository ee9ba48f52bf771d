import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './codec';

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

  it('refuses a tampered payload', async () => {
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(patient)]);
    const data = Buffer.from(encoded!.data!);
    data[20] = data[20]! ^ 0xff;
    await expect(codec.decode([{ ...encoded!, data }])).rejects.toThrow();
  });

  it('says which key is missing when the key is wrong', async () => {
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(patient)]);
    const other = new AesGcmPayloadCodec(Buffer.alloc(32, 2));
    await expect(other.decode([encoded!])).rejects.toThrow(`encrypted with key ${codec.keyId}`);
  });

  it('passes through payloads it did not encrypt', async () => {
    const plain = defaultPayloadConverter.toPayload('hello');
    expect(await codec.decode([plain])).toEqual([plain]);
  });
});
