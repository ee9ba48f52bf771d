import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRole } from '../../db/identity/users.repository';
import { createTestApp } from '../../tests/helpers/app';
import { signIn, type TestSession } from '../../tests/helpers/session';

type CodecAnswer = {
  payloads: { metadata: Record<string, string>; data: string }[];
  error?: { code: string; message: string };
};
const answer = (response: Response) => response.json() as Promise<CodecAnswer>;

describe('personal codec tokens for the Temporal CLI', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  const form = (session: TestSession, path: string) =>
    t.app.request(path, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: session.csrfToken }),
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
  // As `temporal workflow show --codec-auth 'Bearer ...'` calls it: no cookie, no Origin.
  const decodeWith = (token: string) =>
    t.app.request('/codec/decode', {
      method: 'POST',
      body: JSON.stringify({ payloads: [] }),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-namespace': 'default' },
    });
  async function createToken(session: TestSession) {
    const page = await (await form(session, '/ops/codec-token')).text();
    const token = /<code>(cpcodec_[A-Za-z0-9_-]+)<\/code>/.exec(page)?.[1];
    expect(token).toBeTruthy();
    return token!;
  }

  it('shows a new token once, keeps only its hash, lets the CLI decode with it, and stops it once revoked', async () => {
    const ops = await signIn(t.db, { orgCode: 'QMF', role: 'CP0002' });
    const token = await createToken(ops);
    const stored = await t.db.selectFrom('codec_tokens').selectAll().where('user_id', '=', ops.actor.userId).execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token.slice('cpcodec_'.length));

    const page = await (await t.app.request('/ops/codec-token', { headers: { cookie: ops.cookie } })).text();
    expect(page).not.toContain(token);
    expect(page).toContain('Active');

    const decoded = await decodeWith(token);
    expect(decoded.status).toBe(200);
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'ops.payloads_decoded')
      .where('actor_user_id', '=', ops.actor.userId)
      .execute();
    expect(audit.map((a) => a.detail)).toEqual([{ payloads: 0, credential: 'token' }]);

    const revoked = await form(ops, `/ops/codec-token/${stored[0]!.id}/revoke`);
    expect(revoked.status).toBe(303);
    const refused = await decodeWith(token);
    expect(refused.status).toBe(401);
    expect((await answer(refused)).error?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a made-up token, an expired one, and one whose role was taken away', async () => {
    expect((await decodeWith('cpcodec_made-up')).status).toBe(401);
    const shift = await signIn(t.db, { orgCode: 'QMF', role: 'CP0002' });
    const expired = await createToken(shift);
    await t.db
      .updateTable('codec_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', shift.actor.userId)
      .execute();
    expect((await decodeWith(expired)).status).toBe(401);
    const ops = await signIn(t.db, { orgCode: 'QMF', role: 'CP0002' });
    const token = await createToken(ops);
    await removeRole(t.db, ops.actor.userId, 'QMF', 'CP0002');
    expect((await decodeWith(token)).status).toBe(401);
  });

  it('revokes only your own token', async () => {
    const owner = await signIn(t.db, { orgCode: 'QMF', role: 'CP0002' });
    const other = await signIn(t.db, { orgCode: 'QMF', role: 'CP0002' });
    const token = await createToken(owner);
    const [row] = await t.db
      .selectFrom('codec_tokens')
      .select('id')
      .where('user_id', '=', owner.actor.userId)
      .execute();
    expect((await form(other, `/ops/codec-token/${row!.id}/revoke`)).status).toBe(404);
    expect((await decodeWith(token)).status).toBe(200);
  });
});
