import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReferralWorld, createReferralWorld } from '../tests/helpers/referral-world';
import { FORM_BODY_LIMIT, LETTER_BODY_LIMIT } from './request-body';

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** `bytes` of form body made as they are read, and how many the server has read so far. */
function countedBody(bytes: number) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = Math.min(CHUNK, bytes - sent);
      if (size <= 0) return controller.close();
      sent += size;
      controller.enqueue(new TextEncoder().encode('a'.repeat(size)));
    },
  });
  return { stream, sent: () => sent };
}

describe('request bodies: bounded per route before anything reads them', () => {
  let w: ReferralWorld;
  beforeAll(async () => {
    w = await createReferralWorld();
  });
  afterAll(() => w?.stop());

  const signedIn = () => ({ cookie: w.sessions.gp.cookie, 'x-csrf-token': w.sessions.gp.csrfToken });

  function postStream(path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
    const init = { method: 'POST', body, duplex: 'half', headers, redirect: 'manual' } as RequestInit;
    return w.app.request(path, init);
  }

  it('refuses a declared 10 MB form with 413 without reading it', async () => {
    const body = countedBody(10 * MB);
    const res = await postStream('/directory/search', body.stream, {
      ...signedIn(),
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(10 * MB),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('What you sent is too large');
    // At most the one chunk a stream buffers ahead: nothing was parsed.
    expect(body.sent()).toBeLessThanOrEqual(CHUNK);
  });

  it('stops reading an undeclared 10 MB form at the limit, with 413', async () => {
    const body = countedBody(10 * MB);
    const res = await postStream('/directory/search', body.stream, {
      ...signedIn(),
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(413);
    expect(body.sent()).toBeLessThanOrEqual(FORM_BODY_LIMIT + 2 * CHUNK);
  });

  it('refuses the same 10 MB before the session check, for anyone', async () => {
    const body = countedBody(10 * MB);
    const res = await postStream('/auth/sign-in', body.stream, {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(10 * MB),
    });
    expect(res.status).toBe(413);
  });

  function addLetter(ubrn: string, bytes: number) {
    const letter = new Uint8Array(bytes);
    letter.set(new TextEncoder().encode('%PDF-1.4\n'));
    const form = new FormData();
    form.set('_csrf', w.sessions.gp.csrfToken);
    form.set('expectedVersion', '1');
    form.set('form', 'ADD_LETTER');
    form.set('ADD_LETTER-letter', new File([letter], 'letter.pdf', { type: 'application/pdf' }));
    return w.app.request(`/referrals/${ubrn}/actions/ADD_LETTER`, {
      method: 'POST',
      body: form,
      headers: { cookie: w.sessions.gp.cookie },
      redirect: 'manual',
    });
  }

  it('takes a letter a little over 5 MB on a letter route: 6 MB is refused, 4 MB attached', async () => {
    expect(LETTER_BODY_LIMIT).toBeGreaterThan(5 * MB);
    expect(LETTER_BODY_LIMIT).toBeLessThan(5.5 * MB);
    const r = await w.refer();
    const tooLarge = await addLetter(r.ubrn, 6 * MB);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain('The letter must be smaller than 5 MB');
    const accepted = await addLetter(r.ubrn, 4 * MB);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe(`/referrals/${r.ubrn}?done=ADD_LETTER`);
  });

  it('answers a broken multipart body with 400, not 500', async () => {
    for (const headers of [signedIn(), {}]) {
      const res = await w.app.request('/directory/search', {
        method: 'POST',
        body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nno closing boundary',
        headers: { ...headers, 'content-type': 'multipart/form-data; boundary=xyz' },
        redirect: 'manual',
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('The form could not be read');
    }
  });
});
