import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { CarepathError } from '../domain/errors';
import { MAX_LETTER_BYTES } from '../services/referrals/referrals.service';

/** Any form but a letter upload: the largest (a service with its weekly clinics) is a few KB. */
export const FORM_BODY_LIMIT = 64 * 1024;
/** A letter and the form around it. */
export const LETTER_BODY_LIMIT = MAX_LETTER_BYTES + FORM_BODY_LIMIT;

// The two routes that take a letter: the create journey's details page and ADD_LETTER.
const LETTER_ROUTES = [/^\/referrals\/new$/, /^\/referrals\/[^/]+\/actions\/ADD_LETTER$/];
/** A workflow history to replay (decision 0021): a referral's is tens of kilobytes, a long one a few MB. */
export const HISTORY_BODY_LIMIT = 10 * 1024 * 1024;
const HISTORY_ROUTE = /^\/replay\/upload$/;

function limit(maxSize: number, message: string): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new CarepathError('TOO_LARGE', message);
    },
  });
}

const letters = limit(LETTER_BODY_LIMIT, 'The letter must be smaller than 5 MB. Go back and choose a smaller file.');
const forms = limit(FORM_BODY_LIMIT, 'The form sent more than Carepath accepts. Go back and try again.');
const histories = limit(HISTORY_BODY_LIMIT, 'The history file must be smaller than 10 MB.');

/**
 * Bounds every request body before anything reads it (the session middleware reads forms
 * for the CSRF token): a declared length over the route's limit is refused at once with 413,
 * an undeclared one as soon as it passes the limit. Then reads a form once, so that a body
 * that is not one answers 400 here instead of failing deep in a handler; Hono keeps the
 * parsed form for everyone after.
 */
export const requestBodies = createMiddleware(async (c, next) => {
  const bounded = LETTER_ROUTES.some((route) => route.test(c.req.path))
    ? letters
    : HISTORY_ROUTE.test(c.req.path)
      ? histories
      : forms;
  await bounded(c, async () => {
    await readForm(c);
    await next();
  });
});

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

async function readForm(c: Context) {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type)) return;
  try {
    await c.req.parseBody();
  } catch {
    throw new CarepathError('BAD_REQUEST', 'The form could not be read. Go back, refresh the page and try again.');
  }
}
