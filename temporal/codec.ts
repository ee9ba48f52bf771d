import {
  type KeyObject,
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';

const ENCODING = 'binary/encrypted';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const JSON_ENCODING = 'json/plain';
const SIGNATURE = 'carepath-signature';
const SIGNATURE_KEY_ID = 'signature-key-id';

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
 * Encrypts Temporal payloads with AES-256-GCM, so that patient data is never stored in plain
 * text by the Temporal server. The whole inner payload (metadata and data) is sealed; the outer
 * metadata only names the encoding and the key id, so a rotated key can be told apart from a
 * wrong one.
 *
 * Two kinds of payload are meant for people reading the Temporal UI without the codec, so they
 * are signed (HMAC-SHA256) instead of encrypted: a bare JSON string (the summaries of the
 * workflow, its timers and activities, and a failure's field name; every payload that carries
 * data is an object or an array) and the result of Temporal's workflow-metadata query (handler
 * names and the workflow's current details). Workflows write only codes into those.
 *
 * Decoding refuses what it cannot open or verify with its key (plain, sealed or signed with
 * another key, or altered): the acting user travels inside the payload, and the seal or
 * signature is what proves the sender holds the key. Nothing Temporal itself sends in the clear
 * reaches the codec: search attributes and headers are not decoded, and a message without
 * arguments (a no-argument signal, the UI's stack-trace query) carries no payload at all.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  readonly keyId: string;
  // Its own key, derived from the payload key: one key is never used by two algorithms.
  private readonly signingKey: KeyObject;
  // Key objects built once: a Buffer key is imported into OpenSSL again on every call (decision record 0022).
  private readonly key: KeyObject;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The payload encryption key must be 32 bytes');
    this.key = createSecretKey(key);
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
    this.signingKey = createSecretKey(createHmac('sha256', key).update('carepath readable payload signing').digest());
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isReadable(payload) ? this.signed(payload) : this.sealed(payload)));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (payload.metadata?.[SIGNATURE] !== undefined) return this.verify(payload);
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

  private sealed(payload: Payload): Payload {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const sealed = Buffer.concat([cipher.update(serialise(payload)), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { encoding: utf8(ENCODING), 'encryption-key-id': utf8(this.keyId) },
      data: Buffer.concat([nonce, sealed]),
    };
  }

  // Still plain JSON, so the Temporal UI shows it without the codec; the signature proves Carepath wrote it.
  private signed(payload: Payload): Payload {
    const data = Buffer.from(payload.data!);
    const signature = { [SIGNATURE]: utf8(this.sign(data)), [SIGNATURE_KEY_ID]: utf8(this.keyId) };
    return { metadata: { encoding: utf8(JSON_ENCODING), ...signature }, data };
  }

  /** A signed payload as the converter reads it, if this key signed exactly these bytes. */
  private verify(payload: Payload): Payload {
    const keyId = text(payload.metadata?.[SIGNATURE_KEY_ID]);
    if (keyId !== this.keyId) return refused(`signed with key ${keyId}, but this process holds key ${this.keyId}`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    const expected = Buffer.from(this.sign(data));
    const given = Buffer.from(payload.metadata![SIGNATURE]!);
    const intact = given.length === expected.length && timingSafeEqual(given, expected);
    if (!intact || text(payload.metadata?.encoding) !== JSON_ENCODING) return refused('altered since it was signed');
    return { metadata: { encoding: utf8(JSON_ENCODING) }, data };
  }

  private sign(data: Buffer): string {
    return createHmac('sha256', this.signingKey).update(data).digest('hex');
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

/**
 * Readable by design: plain JSON that is a bare string, or the workflow-metadata query's result
 * (`{ definition, currentDetails }`: handler names and descriptions, and the current details).
 */
function isReadable(payload: Payload): boolean {
  const keys = Object.keys(payload.metadata ?? {});
  if (keys.length !== 1 || text(payload.metadata?.encoding) !== JSON_ENCODING || !payload.data) return false;
  const data = Buffer.from(payload.data);
  if (data[0] === 0x22) return true; // '"': JSON.stringify of a string
  if (!data.subarray(0, 14).equals(Buffer.from('{"definition":'))) return false;
  const value: unknown = JSON.parse(data.toString('utf8'));
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).join() === 'definition,currentDetails' &&
    typeof (value as { currentDetails: unknown }).currentDetails === 'string'
  );
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
