import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';

const ENCODING = 'binary/encrypted';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * What a payload this process cannot open decodes to: an encoding no converter knows, naming
 * why. Converting it then fails inside the workflow, where the SDK rejects the update (before
 * accepting it: the history does not change) or fails the query. Throwing in `decode` instead
 * would fail the whole workflow task, again at every retry: one forged update would leave the
 * referral answering nothing.
 */
export const REFUSED_ENCODING = 'refused payload';
const refused = (why: string): Payload => ({ metadata: { encoding: utf8(`${REFUSED_ENCODING}: ${why}`) } });

/**
 * Encrypts every Temporal payload with AES-256-GCM, so that patient data is never
 * stored in plain text by the Temporal server. The whole inner payload (metadata and
 * data) is sealed; the outer metadata only names the encoding and the key id, so a
 * rotated key can be told apart from a wrong one.
 *
 * Decoding refuses what it cannot open with its key (plain, sealed with another key, or
 * altered): the acting user travels inside the payload, and the seal is what proves the sender
 * holds the key. Nothing Temporal itself sends in the clear reaches the codec: search
 * attributes and headers are not decoded, and a message without arguments (a no-argument
 * signal, the UI's stack-trace query) carries no payload at all.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The payload encryption key must be 32 bytes');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
      const sealed = Buffer.concat([cipher.update(serialise(payload)), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: utf8(ENCODING), 'encryption-key-id': utf8(this.keyId) },
        data: Buffer.concat([nonce, sealed]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== ENCODING) return refused('not encrypted');
      const keyId = text(payload.metadata?.['encryption-key-id']);
      if (keyId !== this.keyId) return refused(`encrypted with key ${keyId}, but this process holds key ${this.keyId}`);
      try {
        return deserialise(this.open(Buffer.from(payload.data ?? new Uint8Array())));
      } catch {
        return refused('altered since it was encrypted');
      }
    });
  }

  /** The sealed bytes, checked against their tag: throws if they were altered. */
  private open(data: Buffer): Buffer {
    const nonce = data.subarray(0, NONCE_BYTES);
    const tag = data.subarray(data.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  }
}

// A payload is a map of byte strings plus bytes; JSON with base64 keeps this free of protobuf plumbing.
function serialise(payload: Payload): Buffer {
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  );
  return Buffer.from(
    JSON.stringify({ metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') }),
  );
}

function deserialise(bytes: Buffer): Payload {
  const parsed = JSON.parse(bytes.toString('utf8')) as { metadata: Record<string, string>; data: string };
  return {
    metadata: Object.fromEntries(Object.entries(parsed.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(parsed.data, 'base64'),
  };
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);
