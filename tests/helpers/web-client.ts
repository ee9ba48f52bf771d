import type { Hono } from 'hono';

/**
 * Drives an app through `app.request()` like a browser without JavaScript: keeps the
 * session cookie, and sends the CSRF token from the last page's `_csrf` field. `address` is
 * the socket's peer; `headers` go with every request (X-Forwarded-For from a proxy, say).
 */
export function webClient(app: Hono, options: { address?: string; headers?: Record<string, string> } = {}) {
  let cookie: string | undefined;
  let csrf: string | undefined;
  // @hono/node-server's getConnInfo reads the socket address from the env.
  const env = { incoming: { socket: { remoteAddress: options.address ?? '192.0.2.1' } } };

  async function send(path: string, init: RequestInit = {}) {
    const headers = new Headers({ ...options.headers, ...Object.fromEntries(new Headers(init.headers)) });
    if (cookie) headers.set('cookie', cookie);
    const response = await app.request(path, { ...init, headers, redirect: 'manual' }, env);
    const set = response.headers.get('set-cookie');
    if (set) {
      const [pair] = set.split(';');
      cookie = pair!.endsWith('=') ? undefined : pair;
    }
    const body = await response.text();
    csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? csrf;
    return { status: response.status, location: response.headers.get('location'), body, headers: response.headers };
  }

  return {
    get: (path: string) => send(path),
    /** A form POST; `_csrf` is added unless the test passes its own (or `null` for none). */
    post: (path: string, form: Record<string, string | null> = {}) => {
      const fields = { _csrf: csrf ?? null, ...form };
      const body = new URLSearchParams(Object.entries(fields).filter((e): e is [string, string] => e[1] !== null));
      return send(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    },
    json: (path: string, data: unknown) =>
      send(path, {
        method: 'POST',
        body: JSON.stringify(data),
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf ?? '' },
      }),
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
    get csrf() {
      return csrf;
    },
  };
}
