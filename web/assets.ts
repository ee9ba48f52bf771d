import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const require = createRequire(import.meta.url);
const nhsuk = join(dirname(require.resolve('nhsuk-frontend/package.json')), 'dist', 'nhsuk');
const htmx = join(dirname(require.resolve('htmx.org/package.json')), 'dist');
// Its exports map hides package.json; climb from the entry point (script/index.js) instead.
const webauthn = join(dirname(require.resolve('@simplewebauthn/browser')), '..', 'dist', 'bundle');

const ownFile = (name: string) => fileURLToPath(new URL(`./static/${name}`, import.meta.url));

/**
 * Public path under /assets -> file on disk. Only these files are served: nothing else in
 * node_modules leaks. A Map, not an object: `constructor` or `__proto__` must not find anything.
 */
const files = new Map(
  Object.entries({
    'nhsuk-frontend.min.css': join(nhsuk, 'nhsuk-frontend.min.css'),
    'carepath.css': ownFile('carepath.css'),
    'nhsuk-frontend.min.js': join(nhsuk, 'nhsuk-frontend.min.js'),
    'htmx.min.js': join(htmx, 'htmx.min.js'),
    'carepath.js': ownFile('carepath.js'),
    'session-timeout.js': ownFile('session-timeout.js'),
    'passkeys.js': ownFile('passkeys.js'),
    // The UMD build: one file that sets window.SimpleWebAuthnBrowser, no bundler needed.
    'simplewebauthn-browser.js': join(webauthn, 'index.umd.min.js'),
    'images/favicon.ico': join(nhsuk, 'assets', 'images', 'favicon.ico'),
    'images/favicon.svg': join(nhsuk, 'assets', 'images', 'favicon.svg'),
    'images/nhsuk-icon-180.png': join(nhsuk, 'assets', 'images', 'nhsuk-icon-180.png'),
    'images/nhsuk-icon-mask.svg': join(nhsuk, 'assets', 'images', 'nhsuk-icon-mask.svg'),
  }),
);

const types = new Map([
  ['.css', 'text/css; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
]);

export const assets = new Hono().get('/*', (c) => {
  const name = c.req.path.replace(/^\/assets\//, '');
  const file = files.get(name);
  if (!file) return c.notFound();
  c.header('Content-Type', types.get(extname(file)) ?? 'application/octet-stream');
  c.header('Cache-Control', 'public, max-age=3600');
  return c.body(readFileSync(file));
});
