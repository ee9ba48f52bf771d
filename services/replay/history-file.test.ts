import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CarepathError } from '../../domain/errors';
import { foldHistory } from '../../domain/replay/fold';
import { AesGcmPayloadCodec } from '../../temporal/codec';
import { testSecrets } from '../../tests/helpers/temporal';
import { decodeHistory, replayCodec } from './decode-history';
import { historyToJson, mapPayloads, parseHistoryFile } from './history-file';
import { uiDownload } from './ui-download.fixture';

const text = readFileSync(new URL('../../tests/replay/histories/dna-rebook.json', import.meta.url), 'utf8');
const codec = replayCodec(new AesGcmPayloadCodec(testSecrets.payloadEncryptionKey));
const fold = async (json: string) => foldHistory(await decodeHistory(parseHistoryFile(json), codec));

describe('reading history files', () => {
  it('reads the CLI’s JSON (Carepath’s export format) and writes it back unchanged', () => {
    const file = parseHistoryFile(text);
    expect(file).toMatchObject({ workflowType: 'referral', format: 'encoded' });
    expect(file.eventCount).toBe(JSON.parse(text).events.length);
    expect(JSON.parse(historyToJson(file.history))).toEqual(JSON.parse(text));
  });

  it.each(['decoded', 'readable', 'shorthand'] as const)(
    'reads the Temporal UI’s “%s” download to the same steps as the sealed history',
    async (flavour) => {
      const download = await uiDownload(text, flavour, testSecrets.payloadEncryptionKey);
      expect(download).not.toEqual(text);
      const file = parseHistoryFile(download);
      expect(file.format).toBe(flavour === 'shorthand' ? 'decoded' : flavour);
      const [expected, actual] = [await fold(text), await fold(download)];
      expect(actual.steps.map((s) => s.subject)).toEqual(expected.steps.map((s) => s.subject));
      expect(actual.steps.map((s) => s.description)).toEqual(expected.steps.map((s) => s.description));
      expect(actual.steps.filter((s) => s.transition).length).toBeGreaterThan(3);
    },
  );

  it('accepts older tools’ event type names and a history wrapped as the API answers', () => {
    const json = JSON.parse(text);
    json.events[0].eventType = 'WorkflowExecutionStarted';
    const file = parseHistoryFile(JSON.stringify({ history: json }));
    expect(file.history.events?.[0]?.eventType).toBe(1);
  });

  it.each([
    ['not json', 'The history file is not JSON'],
    ['{"nothing": []}', 'no list of events'],
    ['{"events": []}', 'has no events'],
    ['{"events": [{"eventId": "1"}]}', 'Event 1 in the file has no eventType'],
    [
      '{"events": [{"eventId": "1", "eventType": "EVENT_TYPE_TIMER_FIRED", "timerFiredEventAttributes": {}}]}',
      'does not begin with the workflow’s start',
    ],
  ])('refuses %s, saying why', (bad, message) => {
    let error: unknown;
    try {
      parseHistoryFile(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CarepathError);
    expect((error as CarepathError).code).toBe('VALIDATION');
    expect((error as CarepathError).fields.history).toContain(message);
  });

  it('finds every payload of a history, and only those', () => {
    const seen: unknown[] = [];
    mapPayloads({ events: JSON.parse(text).events }, (p) => (seen.push(p), p));
    // Every payload has metadata (sealed, signed, or a search attribute's), and nothing else does.
    expect(seen.length).toBe((text.match(/"metadata":/g) ?? []).length);
    expect(seen.length).toBeGreaterThan(20);
  });
});
