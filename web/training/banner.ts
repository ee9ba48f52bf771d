import { createMiddleware } from 'hono/factory';

export const TRAINING_BANNER_TEXT = 'Training: not real patients';

const BANNER = `<div class="nhsuk-width-container" data-testid="training-banner"><p class="nhsuk-tag nhsuk-tag--orange nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-2">${TRAINING_BANNER_TEXT}</p></div>`;

/**
 * A training space's banner on every page (decision 0020): drawn into each HTML response just
 * before the header, so no page, error page included, can leave it out, and a live app (which
 * never mounts this) cannot show it.
 */
export const trainingBanner = createMiddleware(async (c, next) => {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('text/html')) return;
  const page = await c.res.text();
  const at = page.indexOf('<header');
  const body = at < 0 ? page : `${page.slice(0, at)}${BANNER}${page.slice(at)}`;
  // Hono copies the old response's headers onto the new one: its length would cut the page short.
  c.res.headers.delete('content-length');
  c.res = new Response(body, { status: c.res.status, headers: c.res.headers });
});
