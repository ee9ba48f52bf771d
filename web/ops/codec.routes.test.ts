import type { Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_CODES } from '../../domain/roles';
import { createTestApp } from '../../tests/helpers/app';
import { signIn, type TestSession } from '../../tests/helpers/session';

const UI = 'http://127.0.0.1:8233';
const PATIENT = { nhsNumber: '9434765919', familyName: 'CODEC-TEST' };

type CodecAnswer = {
  payloads: { metadata: Record<string, string>; data: string }[];
  error?: { code: string; message: string };
};
const answer = (response: Response) => response.json() as Promise<CodecAnswer>;

describe('the codec endpoint for the Temporal UI and CLI', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  /** A payload sealed exactly as the workers seal them: the client's own converter and codec. */
  async function sealed(value: unknown): Promise<Payload[]> {
    const { payloadConverter, payloadCodecs } = t.system.temporal.options.loadedDataConverter;
    let payloads = [payloadConverter.toPayload(value)];
    for (const codec of payloadCodecs) payloads = await codec.encode(payloads);
    return payloads;
  }
  const wire = (payloads: Payload[]) => ({
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')]),
      ),
      data: Buffer.from(p.data!).toString('base64'),
    })),
  });
  const plain = (body: { payloads: { data: string }[] }) =>
    body.payloads.map((p) => JSON.parse(Buffer.from(p.data, 'base64').toString('utf8')));

  async function post(op: 'decode' | 'encode', body: unknown, headers: Record<string, string>): Promise<Response> {
    return t.app.request(`/codec/${op}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
    });
  }
  const fromUi = (session: TestSession) => ({ cookie: session.cookie, origin: UI });
  const opsSession = () => signIn(t.db, { orgCode: 'QMF', role: 'CP0002' });
  const decodes = (userId: string) =>
    t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'ops.payloads_decoded')
      .where('actor_user_id', '=', userId)
      .execute();

  it('decodes sealed payloads for an operations engineer from the Temporal UI, with CORS for it, and audits it', async () => {
    const ops = await opsSession();
    const response = await post('decode', wire(await sealed(PATIENT)), fromUi(ops));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(UI);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(plain(await answer(response))).toEqual([PATIENT]);

    const audit = await decodes(ops.actor.userId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_role: 'CP0002',
      actor_org: 'QMF',
      subject_type: 'temporal_namespace',
      subject_id: 'default',
      detail: { payloads: 1, credential: 'session' },
    });
    // Who, where and how many: never what.
    expect(JSON.stringify(audit)).not.toMatch(/9434765919|CODEC-TEST/);
  });

  it('answers an unencrypted payload with the refusal, not its content', async () => {
    const ops = await opsSession();
    const forged = { payloads: [{ metadata: { encoding: btoa('json/plain') }, data: btoa('"hello"') }] };
    const body = await answer(await post('decode', forged, fromUi(ops)));
    expect(atob(body.payloads[0]!.metadata.encoding!)).toBe('refused payload: not encrypted');
  });

  it('refuses without a session (401) and for every other role (403), and audits no decode', async () => {
    const payloads = wire(await sealed(PATIENT));
    const anonymous = await post('decode', payloads, { origin: UI });
    expect(anonymous.status).toBe(401);
    expect((await answer(anonymous)).error?.code).toBe('UNAUTHENTICATED');
    for (const role of ROLE_CODES.filter((r) => r !== 'CP0002')) {
      const session = await signIn(t.db, { orgCode: 'A81001', role });
      const response = await post('decode', payloads, fromUi(session));
      expect(response.status, role).toBe(403);
      expect(JSON.stringify(await answer(response)), role).not.toContain('CODEC-TEST');
      expect(await decodes(session.actor.userId), role).toEqual([]);
    }
  });

  it('answers the preflight of the allowed origins without a session, and of no other', async () => {
    for (const origin of [UI, 'http://localhost:8233']) {
      const preflight = await t.app.request('/codec/decode', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace,authorization',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/).sort()).toEqual([
        'authorization',
        'content-type',
        'x-namespace',
      ]);
    }
    const evil = await t.app.request('/codec/decode', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses the session cookie from another origin, without an origin, or on a body that is not JSON', async () => {
    const ops = await opsSession();
    const payloads = wire(await sealed(PATIENT));
    const evil = await post('decode', payloads, { cookie: ops.cookie, origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await post('decode', payloads, { cookie: ops.cookie })).status).toBe(403);
    // What a cross-site form can send: text/plain (or a form encoding), never application/json.
    const form = await post('decode', JSON.stringify(payloads), { ...fromUi(ops), 'content-type': 'text/plain' });
    expect(form.status).toBe(400);
    expect(await decodes(ops.actor.userId)).toEqual([]);
  });

  it('takes an empty X-Namespace (the Temporal CLI sends one) as no namespace', async () => {
    const ops = await opsSession();
    const response = await post('decode', wire(await sealed(PATIENT)), { ...fromUi(ops), 'x-namespace': '' });
    expect(response.status).toBe(200);
    expect((await decodes(ops.actor.userId))[0]).toMatchObject({ subject_id: null, detail: { payloads: 1 } });
  });

  it('names the field at fault in a malformed body', async () => {
    const ops = await opsSession();
    const bad = await post('decode', { payloads: [{ data: 'not base64!' }] }, fromUi(ops));
    expect(bad.status).toBe(400);
    expect((await answer(bad)).error?.message).toContain('payloads.0.data must be base64');
    const badNamespace = await post('decode', { payloads: [] }, { ...fromUi(ops), 'x-namespace': 'no spaces allowed' });
    expect((await answer(badNamespace)).error?.message).toContain('X-Namespace');
  });

  it('encodes nothing: a sealed payload would let the holder act as any clinician', async () => {
    const ops = await opsSession();
    const refused = await post('encode', wire([{ metadata: {}, data: Buffer.from('{}') }]), fromUi(ops));
    expect(refused.status).toBe(403);
    const empty = await post('encode', { payloads: [] }, fromUi(ops));
    expect(await answer(empty)).toEqual({ payloads: [] });
  });
});
