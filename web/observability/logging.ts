import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { Actor } from '../../domain/actor';
import { observeHttpRequest } from '../../services/ops/metrics';

declare module 'hono' {
  interface ContextVariableMap {
    /** This request's id: in its log lines and in the `X-Request-Id` response header. */
    requestId: string;
  }
}

/** Values a log line may hold: ids, codes, counts. Never free text a user typed. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export type Logger = {
  info(event: string, fields: LogFields): void;
  error(event: string, fields: LogFields): void;
};

/**
 * One JSON object per line, for whatever collects the process's output. `sink` receives each
 * line; tests pass their own to read what was logged.
 */
export function jsonLogger(sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const write = (level: 'info' | 'error', event: string, fields: LogFields) =>
    sink(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  return {
    info: (event, fields) => write('info', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/**
 * Gives each request an id, sends it back as `X-Request-Id`, and when the response is ready
 * logs one line and times it for `/metrics`. Only the route pattern (`/referrals/:ubrn`) is
 * recorded, never the path, which may hold a UBRN; the actor by role and organisation, never
 * by name.
 */
export function requestLog(logger: Logger) {
  return createMiddleware(async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    c.res.headers.set('X-Request-Id', requestId);
    // After next() the route is the handler's that answered (or `*` when none matched).
    const route = c.req.routePath;
    const { method } = c.req;
    const status = c.res.status;
    observeHttpRequest({ method, route, status, seconds });
    const actor = c.get('actor') as Actor | undefined;
    logger.info('request', {
      requestId,
      method,
      route,
      status,
      durationMs: Math.round(seconds * 1000),
      role: actor?.role,
      org: actor?.orgCode,
    });
  });
}

/**
 * An error no handler expected. Its message may quote request data, so only its type and the
 * first stack frames (code locations) are logged.
 */
export function unexpectedErrorFields(thrown: unknown): LogFields {
  if (!(thrown instanceof Error)) return { error: typeof thrown };
  // V8's stack starts with the error's name and message, which may itself hold lines that look
  // like frames: cut it off whole, and give no frames when the stack does not start so.
  const heading = String(thrown);
  const stack = thrown.stack ?? '';
  const frames = stack.startsWith(heading)
    ? stack
        .slice(heading.length)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.startsWith('at '))
        .slice(0, 3)
        .join(' ')
    : undefined;
  return { error: thrown.name, frames };
}
