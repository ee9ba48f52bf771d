import type { Payload } from '@temporalio/common';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { Config } from '../../config/env';
import { CarepathError } from '../../domain/errors';
import { sessionPolicy } from '../../services/identity/session-policy';
import type { CodecCredential } from '../../services/ops/codec.service';
import type { AppDeps } from '../deps';
import { statusOf } from '../errors';
import { access } from '../auth/route-table';
import { readSessionCookie } from '../auth/session-cookie';

declare module 'hono' {
  interface ContextVariableMap {
    codecCredential: CodecCredential;
  }
}

// Temporal caps a payload at 2 MB by default; base64 and a few in one event stay under this.
const CODEC_BODY_LIMIT = 4 * 1024 * 1024;
const NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
// Temporal's codec server protocol: the proto JSON of `Payloads`, bytes as base64.
const payloadsSchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })),
});

/** The origins allowed to call the codec endpoint from a browser: the Temporal UI's. */
export function temporalUiOrigins(config: Pick<Config, 'TEMPORAL_UI_ORIGIN' | 'TEMPORAL_UI_PORT'>): string[] {
  const port = config.TEMPORAL_UI_PORT;
  return config.TEMPORAL_UI_ORIGIN ?? [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * Temporal's codec server (`/codec/decode`, `/codec/encode`) for the Temporal UI and CLI,
 * mounted before the session middleware: these are JSON calls from another origin, which cannot
 * carry Carepath's CSRF token. Instead a session cookie counts only on a JSON POST from an
 * allowed origin: a cross-site form cannot send `application/json`, and any other site's
 * `fetch` of it needs a preflight that is answered only for the allowed origins. A bearer token
 * (the CLI) is never sent by a browser on its own, so it needs no origin.
 */
export function codecRoutes(deps: AppDeps) {
  const origins = new Set(temporalUiOrigins(deps.config));
  const policy = sessionPolicy(deps.config);

  const cors = createMiddleware(async (c, next) => {
    const origin = c.req.header('origin');
    if (origin && origins.has(origin)) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Credentials', 'true');
    }
    c.header('Vary', 'Origin');
    await next();
  });

  /** Sets the actor from a bearer token or the session cookie; UNAUTHENTICATED with neither. */
  const caller = createMiddleware(async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer) {
      c.set('actor', await deps.services.codec.actorForCodecToken(bearer));
      c.set('codecCredential', 'token');
    } else {
      const token = readSessionCookie(c);
      // Background: a Temporal UI tab left open must not keep a Carepath session alive.
      const found = token ? await deps.services.identity.loadSession(token, { policy, background: true }) : undefined;
      if (found?.status !== 'active') {
        throw new CarepathError(
          'UNAUTHENTICATED',
          'Sign in to Carepath as an operations engineer, or send a codec token.',
        );
      }
      c.set('session', found.session);
      if (found.actor) c.set('actor', found.actor);
      c.set('codecCredential', 'session');
    }
    await next();
  });

  /** What a cross-site form or script could send with the cookie is refused here. */
  const notForged = createMiddleware(async (c, next) => {
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new CarepathError(
        'BAD_REQUEST',
        'The codec endpoint takes a JSON body: send Content-Type: application/json.',
      );
    }
    const origin = c.req.header('origin');
    if (c.get('codecCredential') === 'session' && !(origin && origins.has(origin))) {
      throw new CarepathError(
        'CSRF',
        `Requests from ${origin ?? 'a page without an Origin'} may not use your session.`,
      );
    }
    await next();
  });

  const limit = bodyLimit({
    maxSize: CODEC_BODY_LIMIT,
    onError: () => {
      throw new CarepathError('TOO_LARGE', 'The payloads are larger than the codec endpoint accepts (4 MB).');
    },
  });

  const preflight = (c: Context) => {
    if (c.res.headers.has('Access-Control-Allow-Origin')) {
      c.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Namespace');
      c.header('Access-Control-Max-Age', '600');
    }
    return c.body(null, 204);
  };

  const app = new Hono();
  app.onError((error, c) => {
    if (!(error instanceof CarepathError)) throw error;
    return c.json({ error: { code: error.code, message: error.message } }, statusOf(error));
  });
  app.use('/codec/*', cors);
  app.options('/codec/decode', access('OPTIONS /codec/decode'), preflight);
  app.options('/codec/encode', access('OPTIONS /codec/encode'), preflight);
  app.post('/codec/decode', caller, access('POST /codec/decode'), notForged, limit, async (c) => {
    const payloads = await deps.services.codec.decodePayloads(c.get('actor'), {
      namespace: namespaceOf(c),
      payloads: fromWire(await readPayloads(c)),
      credential: c.get('codecCredential'),
    });
    return c.json({ payloads: payloads.map(toWire) });
  });
  app.post('/codec/encode', caller, access('POST /codec/encode'), notForged, limit, async (c) => {
    const payloads = await deps.services.codec.encodePayloads(c.get('actor'), fromWire(await readPayloads(c)));
    return c.json({ payloads: payloads.map(toWire) });
  });
  return app;
}

function namespaceOf(c: Context): string | undefined {
  // The Temporal CLI (1.5) sends the header empty: the namespace is then not known.
  const namespace = c.req.header('x-namespace') || undefined;
  if (namespace !== undefined && !NAMESPACE.test(namespace)) {
    throw new CarepathError('BAD_REQUEST', 'The X-Namespace header is not a Temporal namespace name.');
  }
  return namespace;
}

async function readPayloads(c: Context) {
  const body: unknown = await c.req.json().catch(() => {
    throw new CarepathError('BAD_REQUEST', 'The body is not JSON.');
  });
  const parsed = payloadsSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'payloads';
    throw new CarepathError('BAD_REQUEST', `The body's ${field} ${issue.message}.`, { [field]: issue.message });
  }
  return parsed.data.payloads;
}

type WirePayload = { metadata?: Record<string, string>; data?: string };

const fromWire = (payloads: WirePayload[]): Payload[] =>
  payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  }));

const toWire = (p: Payload): WirePayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
