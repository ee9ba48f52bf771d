import { createRequire } from 'node:module';
import type { temporal } from '@temporalio/proto';
import { CarepathError } from '../../domain/errors';

/**
 * History files: Carepath's export, `temporal workflow show --output json`, and the JSON the
 * Temporal UI downloads, all the proto-JSON of a `History` (`{ "events": [...] }`).
 *
 * The UI's download (ui-server v2) comes in three flavours the user picks:
 * - "Encoded" (the default): the server's proto-JSON, where a payload whose only metadata is
 *   `json/plain` may be written as the bare JSON value ("shorthand"; Carepath seals or signs
 *   every payload, so its own histories never have one, but a foreign one may);
 * - "Decoded": every payload sent through the codec, so plain `json/plain` payloads;
 * - "Readable": each payload as `{ metadata: { encoding: "json/plain" }, data: <the value> }`,
 *   metadata in plain text and data parsed.
 * All three are turned back into standard payloads here, so one parser serves every file.
 */
export type HistoryFormat = 'encoded' | 'decoded' | 'readable';

export type HistoryFile = {
  history: temporal.api.history.v1.IHistory;
  /** The same events as proto-JSON, every payload in standard form (still encoded). */
  events: Record<string, unknown>[];
  /** `referral`, `advice`, ... from the first event. */
  workflowType: string;
  format: HistoryFormat;
  eventCount: number;
};

// npm installed two copies of protobufjs; @temporalio/common's copy does not recognise
// @temporalio/proto's types (tests/replay/replay-histories.ts), so use the copy proto itself uses.
const requireHere = createRequire(import.meta.url);
const requireFromProto = createRequire(requireHere.resolve('@temporalio/proto'));
const protojson = requireFromProto('protobufjs/ext/protojson') as {
  fromJson: (type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }) => unknown;
  toJson: (type: unknown, message: unknown) => unknown;
};
type ProtoField = {
  name: string;
  map: boolean;
  repeated: boolean;
  resolvedType: ProtoType | null;
  resolve(): ProtoField;
};
type ProtoType = {
  fullName: string;
  fieldsArray: ProtoField[];
  resolveAll(): ProtoType;
  fromObject(value: unknown): unknown;
};
const root = (
  requireHere('@temporalio/proto/lib/patch-protobuf-root') as {
    patchProtobufRoot: (root: unknown) => { lookupType(name: string): ProtoType };
  }
).patchProtobufRoot(requireHere('@temporalio/proto'));
const historyType = root.lookupType('temporal.api.history.v1.History').resolveAll();
const PAYLOAD = '.temporal.api.common.v1.Payload';
const PAYLOADS = '.temporal.api.common.v1.Payloads';

/** The largest history file accepted: a referral's history is tens of kilobytes. */
export const MAX_HISTORY_BYTES = 20 * 1024 * 1024;

const bad = (message: string) => new CarepathError('VALIDATION', message, { history: message });
const PLAIN_ENCODINGS = new Set(['json/plain', 'binary/null', 'binary/encrypted', 'json/protobuf', 'binary/plain']);
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A payload written as proto-JSON: base64 metadata and data. */
function isStandardPayload(value: unknown): boolean {
  if (!isObject(value) || !isObject(value.metadata)) return false;
  const encoding = value.metadata.encoding;
  return (
    typeof encoding === 'string' &&
    !PLAIN_ENCODINGS.has(encoding) &&
    (value.data === undefined || typeof value.data === 'string')
  );
}

/** A payload as the UI's "Readable" download writes it: plain-text metadata, parsed data. */
function isReadablePayload(value: unknown): value is { metadata: Record<string, string>; data: unknown } {
  return isObject(value) && isObject(value.metadata) && PLAIN_ENCODINGS.has(String(value.metadata.encoding));
}

type Seen = { readable: boolean; encrypted: boolean };

/** A payload in standard proto-JSON form, whichever way the file wrote it. */

function normalisePayload(value: unknown, seen: Seen): unknown {
  if (isStandardPayload(value)) {
    const encoding = Buffer.from(String((value as { metadata: { encoding: string } }).metadata.encoding), 'base64');
    if (encoding.toString('utf8') === 'binary/encrypted') seen.encrypted = true;
    return value;
  }
  if (isReadablePayload(value)) {
    seen.readable = true;
    const metadata = Object.fromEntries(Object.entries(value.metadata).map(([k, v]) => [k, base64(String(v))]));
    if (value.metadata.encoding === 'binary/null') return { metadata };
    return { metadata, data: base64(JSON.stringify(value.data)) };
  }
  // Shorthand: the bare value of a json/plain payload (null is binary/null).
  if (value === null) return { metadata: { encoding: base64('binary/null') } };
  return { metadata: { encoding: base64('json/plain') }, data: base64(JSON.stringify(value)) };
}

// Older tools wrote "WorkflowExecutionStarted" where proto-JSON has EVENT_TYPE_WORKFLOW_EXECUTION_STARTED.
const constantCase = (prefix: string, value: unknown) =>
  typeof value !== 'string' || value.startsWith(prefix)
    ? value
    : `${prefix}_${value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;

/**
 * Reads a history file. Refuses, naming what is wrong, anything that is not JSON, has no list
 * of events, or whose events are not a workflow's history.
 */
export function parseHistoryFile(text: string): HistoryFile {
  if (Buffer.byteLength(text) > MAX_HISTORY_BYTES) throw bad('The history file is larger than 20 MB');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad('The history file is not JSON: download it again from Carepath or the Temporal UI');
  }
  // The UI and the CLI write { events }; the API's answer wraps it in { history }; a bare list is accepted.
  const events = Array.isArray(json)
    ? json
    : isObject(json) && Array.isArray(json.events)
      ? json.events
      : isObject(json) && isObject(json.history) && Array.isArray(json.history.events)
        ? json.history.events
        : undefined;
  if (!events) throw bad('The history file has no list of events (expected {"events": [...]})');
  if (events.length === 0) throw bad('The history file has no events');
  const fixed = events.map((event, i) => {
    if (!isObject(event) || event.eventType === undefined) throw bad(`Event ${i + 1} in the file has no eventType`);
    return { ...event, eventType: constantCase('EVENT_TYPE', event.eventType) };
  });
  const seen: Seen = { readable: false, encrypted: false };
  const normalised = mapPayloads({ events: fixed }, (p) => normalisePayload(p, seen)) as {
    events: Record<string, unknown>[];
  };
  let history: temporal.api.history.v1.IHistory;
  try {
    history = protojson.fromJson(historyType, normalised, { ignoreUnknownFields: true }) as typeof history;
  } catch (error) {
    throw bad(`The history file is not a Temporal history: ${(error as Error).message}`);
  }
  const first = history.events?.[0];
  const workflowType = first?.workflowExecutionStartedEventAttributes?.workflowType?.name;
  if (!workflowType) throw bad('The history does not begin with the workflow’s start (its first event)');
  return {
    history,
    events: normalised.events,
    workflowType,
    format: seen.readable ? 'readable' : seen.encrypted ? 'encoded' : 'decoded',
    eventCount: history.events?.length ?? 0,
  };
}

/**
 * Calls `visit` on every payload in proto-JSON `value` of `type` (a history by default), in
 * document order, and puts back what it returns.
 */
export function mapPayloads(
  value: unknown,
  visit: (payload: unknown) => unknown,
  type: ProtoType = historyType,
): unknown {
  if (type.fullName === PAYLOAD) return visit(value);
  // A list of payloads may be written as a bare array (the shorthand).
  if (type.fullName === PAYLOADS && Array.isArray(value)) return { payloads: value.map(visit) };
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const field of type.fieldsArray) {
    const nested = field.resolve().resolvedType;
    const current = value[field.name];
    if (!nested || !('fieldsArray' in nested) || current === undefined || current === null) continue;
    if (field.map && isObject(current)) {
      out[field.name] = Object.fromEntries(Object.entries(current).map(([k, v]) => [k, mapPayloads(v, visit, nested)]));
    } else if (field.repeated && Array.isArray(current)) {
      out[field.name] = current.map((v) => mapPayloads(v, visit, nested));
    } else {
      out[field.name] = mapPayloads(current, visit, nested);
    }
  }
  return out;
}

/** A history as proto-JSON text, as `temporal workflow show --output json` and the UI's "Encoded" download write it. */
export function historyToJson(history: temporal.api.history.v1.IHistory): string {
  return JSON.stringify(protojson.toJson(historyType, historyType.fromObject(history)), null, 2);
}
