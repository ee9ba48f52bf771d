import { type Payload, type PayloadCodec, defaultPayloadConverter } from '@temporalio/common';
import type { ReplayEvent } from '../../domain/replay/events';
import { type HistoryFile, mapPayloads } from './history-file';

const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);
const SIGNATURE = 'carepath-signature';

/**
 * The payload codec for reading a history file: payloads Carepath sealed or signed go through
 * Carepath's own codec (so a payload altered or sealed with another key is refused, as it is
 * for a worker); a payload already plain (a "Decoded" download from the Temporal UI) is passed
 * through. Replaying or reading acts on nothing, so a plain payload proves nothing and harms nothing.
 */
export function replayCodec(carepath: PayloadCodec): PayloadCodec {
  const ours = (p: Payload) =>
    text(p.metadata?.encoding) === 'binary/encrypted' || p.metadata?.[SIGNATURE] !== undefined;
  return {
    encode: async (payloads) => payloads,
    async decode(payloads) {
      const opened = await carepath.decode(payloads.filter(ours));
      return payloads.map((p) => (ours(p) ? opened.shift()! : p));
    },
  };
}

/** A payload that could not be opened: what the step view shows instead of its value. */
export type Unreadable = { unreadable: string };

function fromJsonPayload(json: unknown): Payload {
  const { metadata = {}, data } = json as { metadata?: Record<string, string>; data?: string };
  return {
    metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    ...(data === undefined ? {} : { data: Buffer.from(data, 'base64') }),
  };
}

function valueOf(payload: Payload): unknown {
  try {
    return defaultPayloadConverter.fromPayload(payload);
  } catch {
    const encoding = text(payload.metadata?.encoding) ?? 'no encoding';
    return { unreadable: encoding.replace(/^refused payload: /, '') } satisfies Unreadable;
  }
}

/**
 * The file's events with every payload opened through `codec` and converted to its value: what
 * the domain's fold reads. Ids, times and durations stay as proto-JSON writes them (strings).
 */
export async function decodeHistory(file: HistoryFile, codec: PayloadCodec): Promise<ReplayEvent[]> {
  const payloads: Payload[] = [];
  mapPayloads({ events: file.events }, (p) => {
    payloads.push(fromJsonPayload(p));
    return p;
  });
  const values = (await codec.decode(payloads)).map(valueOf);
  let next = 0;
  const decoded = mapPayloads({ events: file.events }, () => values[next++]) as { events: Record<string, unknown>[] };
  return decoded.events.map(toReplayEvent);
}

function toReplayEvent(event: Record<string, unknown>): ReplayEvent {
  const attributesKey = Object.keys(event).find((k) => k.endsWith('EventAttributes'));
  const metadata = event.userMetadata as { summary?: unknown } | undefined;
  return {
    id: Number(event.eventId),
    time: String(event.eventTime),
    type: String(event.eventType).replace(/^EVENT_TYPE_/, ''),
    attributes: (attributesKey ? event[attributesKey] : {}) as Record<string, unknown>,
    ...(typeof metadata?.summary === 'string' ? { summary: metadata.summary } : {}),
  };
}
