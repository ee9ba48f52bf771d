import type { Context } from 'hono';
import { Layout } from '../layout';

const endedMessages = {
  idle: 'You were signed out because you did not do anything for a while. This protects patient information.',
  absolute: 'You were signed out because you had been signed in for the longest time allowed.',
};

/** 401 for a request that needs a session: says why, and gives the way to sign in. */
export function signInRequired(c: Context) {
  const ended = c.get('sessionEnded');
  if (c.req.header('HX-Request')) c.header('HX-Redirect', '/auth/sign-in');
  return c.html(
    <Layout title="Sign in to continue">
      <h1 class="nhsuk-heading-l">Sign in to continue</h1>
      <p>{ended ? endedMessages[ended] : 'You need to sign in to use this page.'}</p>
      <a class="nhsuk-button" href="/auth/sign-in" role="button" draggable="false">
        Sign in
      </a>
    </Layout>,
    401,
  );
}
