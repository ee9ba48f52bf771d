import { describe, expect, it } from 'vitest';
import { jsonLogger } from './logging';
import { metricsRoutes } from './metrics.routes';

describe('GET /metrics', () => {
  it('answers 503 when the tables cannot be counted, logging the error’s type and not its message', async () => {
    const lines: string[] = [];
    const failing = async () => {
      throw new Error('connect ECONNREFUSED for Alice Example');
    };
    const res = await metricsRoutes(
      failing,
      'text/plain',
      jsonLogger((line) => lines.push(line)),
    ).request('/metrics');
    expect(res.status).toBe(503);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', event: 'metrics scrape failed', error: 'Error' });
    expect(lines[0]).not.toContain('Alice');
  });
});
