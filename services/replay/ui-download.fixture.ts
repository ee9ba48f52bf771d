import type { Payload } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../temporal/codec';
import { mapPayloads } from './history-file';

/**
 * A history as the Temporal UI (ui-server v2) downloads it with each of its payload settings,
 * built from a sealed history the way the UI builds it (its export-history.ts): "decoded" sends
 * every payload through the codec and keeps proto-JSON; "readable" writes each as
 * `{ metadata: { encoding: 'json/plain' }, data: <value> }`. "shorthand" is the server's own
 * proto-JSON for plain payloads, a bare value in place of `{ payloads: [...] }`. For tests.
 */
export async function uiDownload(
  sealedJson: string,
  flavour: 'decoded' | 'readable' | 'shorthand',
  key: Buffer,
): Promise<string> {
  const codec = new AesGcmPayloadCodec(key);
  const history = JSON.parse(sealedJson) as { events: unknown[] };
  const sealed: Payload[] = [];
  mapPayloads(history, (p) => {
    const { metadata, data } = p as { metadata: Record<string, string>; data?: string };
    sealed.push({
      metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
      ...(data ? { data: Buffer.from(data, 'base64') } : {}),
    });
    return p;
  });
  const opened = await codec.decode(sealed);
  let next = 0;
  const rewritten = mapPayloads(history, () => {
    const p = opened[next++]!;
    const value = () => (p.data?.length ? JSON.parse(Buffer.from(p.data).toString('utf8')) : null);
    const metadata = Object.entries(p.metadata ?? {});
    if (flavour === 'readable') {
      const plain = Object.fromEntries(metadata.map(([k, v]) => [k, Buffer.from(v).toString('utf8')]));
      return { metadata: plain, data: value() };
    }
    if (flavour === 'shorthand') return value();
    return {
      metadata: Object.fromEntries(metadata.map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      ...(p.data ? { data: Buffer.from(p.data).toString('base64') } : {}),
    };
  });
  return JSON.stringify(flavour === 'shorthand' ? bareLists(rewritten) : rewritten, null, 2);
}

// The server writes `"input": [value]` where a list of plain payloads would be `{ "payloads": [...] }`.
function bareLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(bareLists);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]![0] === 'payloads' && Array.isArray(entries[0]![1])) {
    return entries[0]![1];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, bareLists(v)]));
}
