import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestSystem, startTestSystem } from '../tests/helpers/system';
import { onFreePorts } from './ports';
import { type RunningServer, startServer } from './server';

describe('the metrics listener', () => {
  let system: TestSystem;
  let server: RunningServer;
  let metricsPort: number;
  beforeAll(async () => {
    system = await startTestSystem();
    // Ports free a moment ago may be taken before the server binds them: startServer refuses a
    // taken port, and onFreePorts then tries two others.
    server = await onFreePorts(2, ([port, metrics]) => {
      metricsPort = metrics!;
      return startServer({ ...system, config: { ...system.config, PORT: port!, METRICS_PORT: metrics! } });
    });
  });
  afterAll(async () => {
    await server?.close();
    await system?.stop();
  });

  it('serves /metrics in the Prometheus text format on its own loopback port', async () => {
    expect(server.metricsUrl).toBe(`http://localhost:${metricsPort}/metrics`);
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE carepath_http_request_duration_seconds histogram');
    expect(text).toContain('# TYPE carepath_worklist_size gauge');
  });

  it('is not on the app’s port, and its socket is bound to loopback only', async () => {
    expect((await fetch(`${server.url}/metrics`, { redirect: 'manual' })).status).toBe(404);
    // metricsUrl names the address the socket is bound to: localhost is 127.0.0.1, not 0.0.0.0.
    expect(new URL(server.metricsUrl!).hostname).toBe('localhost');
  });
});
