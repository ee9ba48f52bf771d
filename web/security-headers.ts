import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

const SELF = "'self'";

/**
 * Every page's scripts and styles come from /assets: no inline script, style or event
 * handler runs, so injected markup cannot either. Fonts are the NHS.UK frontend's Frutiger,
 * which its stylesheet loads from assets.nhs.uk.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: [SELF],
  scriptSrc: [SELF],
  styleSrc: [SELF],
  imgSrc: [SELF],
  fontSrc: [SELF, 'https://assets.nhs.uk'],
  connectSrc: [SELF],
  formAction: [SELF],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
};

export const securityHeaders = secureHeaders({
  referrerPolicy: 'same-origin',
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
});

/**
 * `Cache-Control: no-store` on every response but the static files: pages carry patient
 * details, access codes, new passwords and recovery codes, and none of them may stay in a
 * browser's or a proxy's cache. One rule for all is safer than a list of pages that have
 * personal data, which would go stale the first time a page gains some.
 */
export const noStore = createMiddleware(async (c, next) => {
  await next();
  if (!c.req.path.startsWith('/assets/')) c.res.headers.set('Cache-Control', 'no-store');
});
