import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../config/env';
import { projectReferral } from '../../activities/referrals/projection';
import { notificationsFor } from '../../db/referrals/notifications.repository';
import { actorFor, newReferral } from '../../domain/fixtures';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database';
import { deliverPending, startNotificationDelivery } from './delivery';
import { GovUkNotifyNotifier, notifierFromEnv, notifyConfigSchema } from './govuk-notify';
import { RecordingNotifier } from './notifier';

const referral = { ...newReferral({ ubrn: '000000000777' }), version: 1 };
const created = {
  version: 1,
  type: 'CREATE',
  at: referral.createdAt,
  actor: actorFor('B1101'),
  fromState: null,
  toState: 'NOT_BOOKED',
  summary: 'Referral created',
} as const;

describe('the notifications outbox', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.destroy());

  it('queues once per transition however often the projection runs, and delivers once', async () => {
    await projectReferral(database.db, { referral, event: created });
    await projectReferral(database.db, { referral, event: created });
    expect(await notificationsFor(database.db, referral.ubrn)).toHaveLength(1);

    const notifier = new RecordingNotifier();
    expect(await deliverPending(database.db, notifier)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverPending(database.db, notifier)).toEqual({ sent: 0, failed: 0 });
    expect(notifier.sent.map((n) => [n.ubrn, n.recipient, n.template])).toEqual([[referral.ubrn, 'PATIENT', 'CREATE']]);
    const [row] = await notificationsFor(database.db, referral.ubrn);
    expect(row).toMatchObject({ status: 'SENT', provider_reference: `recorded-${row!.id}`, attempts: 1 });
  });

  it('sends through GOV.UK Notify with a signed token, and keeps failures for retry', async () => {
    const requests: { url: string; auth: string; body: Record<string, unknown> }[] = [];
    let status = 500;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        requests.push({ url: req.url!, auth: req.headers.authorization!, body: JSON.parse(body) });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'notify-id-1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const notifier = new GovUkNotifyNotifier(
        notifyConfigSchema.parse({
          NOTIFY_API_KEY: `carepath-${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}-${'2'.repeat(8)}-2222-2222-2222-${'2'.repeat(12)}`,
          NOTIFY_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          NOTIFY_EMAIL_TEMPLATE_ID: '00000000-0000-4000-8000-000000000001',
          NOTIFY_SMS_TEMPLATE_ID: '00000000-0000-4000-8000-000000000002',
          NOTIFY_LETTER_TEMPLATE_ID: '00000000-0000-4000-8000-000000000003',
        }),
      );
      const withPhone = {
        ...newReferral({ ubrn: '000000000778' }),
        patient: { ...referral.patient, phone: '07700 900123' },
      };
      await projectReferral(database.db, { referral: withPhone, event: created });
      expect(await deliverPending(database.db, notifier)).toEqual({ sent: 0, failed: 1 });
      status = 201;
      expect(await deliverPending(database.db, notifier)).toEqual({ sent: 1, failed: 0 });

      const last = requests.at(-1)!;
      expect(last.url).toBe('/v2/notifications/sms');
      expect(last.body).toMatchObject({
        phone_number: '07700 900123',
        template_id: '00000000-0000-4000-8000-000000000002',
      });
      expect(String((last.body.personalisation as { message: string }).message)).toContain('0000 0000 0778');
      // The token Notify checks (RFC 7515, HS256): signed with the key's secret, its last 36
      // characters, over the header and payload as sent; issued by the service id, just now.
      const [header, payload, signature] = last.auth.replace('Bearer ', '').split('.');
      const expected = createHmac('sha256', '22222222-2222-2222-2222-222222222222')
        .update(`${header}.${payload}`)
        .digest('base64url');
      expect(signature).toBe(expected);
      expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'HS256' });
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { iss: string; iat: number };
      expect(claims.iss).toBe('11111111-1111-1111-1111-111111111111');
      expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(60);
      const [row] = await notificationsFor(database.db, withPhone.ubrn);
      expect(row).toMatchObject({
        status: 'SENT',
        provider_reference: 'notify-id-1',
        attempts: 2,
        last_error: 'Error: GOV.UK Notify answered 500',
      });
    } finally {
      server.close();
    }
  });
});

describe('the GOV.UK Notify settings', () => {
  it('are optional, and a bad one stops start-up with one line naming it', () => {
    expect(notifierFromEnv({})).toBeUndefined();
    expect(() => notifierFromEnv({ NOTIFY_API_KEY: 'not-a-key' })).toThrow(
      new ConfigError('NOTIFY_API_KEY must be a GOV.UK Notify API key (name-serviceid-secret)'),
    );
  });

  it('logs a failed batch by its type and code only, never the message (it can quote a recipient)', async () => {
    const broken = await createTestDatabase();
    await sql`drop table notifications cascade`.execute(broken.db);
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
    try {
      const delivery = startNotificationDelivery(broken.db, new RecordingNotifier(), 10);
      await expect.poll(() => logged.length).toBeGreaterThan(0);
      await delivery.stop();
    } finally {
      spy.mockRestore();
      await broken.destroy();
    }
    // PostgreSQL's message names the relation; the log says only what kind of failure it was.
    expect(logged[0]).toBe('Notification delivery failed: error (42P01)');
  });
});
