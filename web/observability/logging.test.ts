import { describe, expect, it } from 'vitest';
import { jsonLogger, unexpectedErrorFields } from './logging';

describe('structured logs', () => {
  it('writes one JSON object per line to the sink', () => {
    const lines: string[] = [];
    jsonLogger((line) => lines.push(line)).error('unhandled error', { requestId: 'r-1', status: 500 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', event: 'unhandled error', requestId: 'r-1' });
  });

  it('keeps an unexpected error’s type and code locations, never its message', () => {
    const error = new TypeError('no referral for Alice Example\n  at 9990000018 (typed by a user)');
    const fields = unexpectedErrorFields(error);
    expect(fields.error).toBe('TypeError');
    expect(fields.frames).toMatch(/logging\.test\.ts/);
    expect(JSON.stringify(fields)).not.toMatch(/Alice|9990000018/);
  });
});
