import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../../config/env';
import { type Notifier, type OutboxNotification, notificationText } from './notifier';

/** GOV.UK Notify settings, read from the environment at start-up; unset NOTIFY_API_KEY means no delivery. */
export const notifyConfigSchema = z.object({
  NOTIFY_API_KEY: z
    .string()
    .regex(/-[0-9a-f-]{36}-[0-9a-f-]{36}$/, 'must be a GOV.UK Notify API key (name-serviceid-secret)'),
  NOTIFY_BASE_URL: z.url().default('https://api.notifications.service.gov.uk'),
  NOTIFY_EMAIL_TEMPLATE_ID: z.uuid(),
  NOTIFY_SMS_TEMPLATE_ID: z.uuid(),
  NOTIFY_LETTER_TEMPLATE_ID: z.uuid(),
  /** JSON object: ODS code -> the organisation's shared mailbox for referral notices. */
  NOTIFY_ORG_EMAILS: z
    .string()
    .default('{}')
    .transform((text) => z.record(z.string(), z.email()).parse(JSON.parse(text))),
});
export type NotifyConfig = z.infer<typeof notifyConfigSchema>;

/**
 * The Notify notifier when NOTIFY_API_KEY is set, else undefined. A bad setting stops start-up
 * with one line naming it, as `loadConfig` does.
 */
export function notifierFromEnv(env: Record<string, string | undefined> = process.env): Notifier | undefined {
  if (!env.NOTIFY_API_KEY) return undefined;
  const parsed = notifyConfigSchema.safeParse(env);
  if (parsed.success) return new GovUkNotifyNotifier(parsed.data);
  const issue = parsed.error.issues[0]!;
  throw new ConfigError(`${String(issue.path[0])} ${issue.message}`);
}

/**
 * Delivers through GOV.UK Notify's REST API: patients by email, else text message, else
 * letter; organisations by email to their mailbox. Each template has one ((message)) field.
 */
export class GovUkNotifyNotifier implements Notifier {
  constructor(private readonly config: NotifyConfig) {}

  async send(notification: OutboxNotification): Promise<string> {
    const request = this.request(notification);
    if (!request) return 'no-address';
    const response = await fetch(`${this.config.NOTIFY_BASE_URL}/v2/notifications/${request.kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token()}` },
      body: JSON.stringify({ ...request.body, reference: `${notification.ubrn}-${notification.id}` }),
    });
    if (!response.ok) throw new Error(`GOV.UK Notify answered ${response.status}`);
    return ((await response.json()) as { id: string }).id;
  }

  private request(n: OutboxNotification): { kind: 'email' | 'sms' | 'letter'; body: object } | undefined {
    const personalisation = { message: notificationText(n) };
    const c = this.config;
    if (n.recipient !== 'PATIENT') {
      const email = n.recipientOrgCode ? c.NOTIFY_ORG_EMAILS[n.recipientOrgCode] : undefined;
      return email
        ? { kind: 'email', body: { email_address: email, template_id: c.NOTIFY_EMAIL_TEMPLATE_ID, personalisation } }
        : undefined;
    }
    const { patient } = n.referral;
    if (patient.email)
      return {
        kind: 'email',
        body: { email_address: patient.email, template_id: c.NOTIFY_EMAIL_TEMPLATE_ID, personalisation },
      };
    if (patient.phone)
      return {
        kind: 'sms',
        body: { phone_number: patient.phone, template_id: c.NOTIFY_SMS_TEMPLATE_ID, personalisation },
      };
    const lines = [
      `${patient.givenName} ${patient.familyName}`,
      ...(patient.address ?? '')
        .split(/\n|,/)
        .map((l) => l.trim())
        .filter(Boolean),
      patient.postcode,
    ];
    if (lines.length < 3) return undefined; // Notify needs a name, an address line and a postcode
    const address = Object.fromEntries(lines.slice(0, 7).map((line, i) => [`address_line_${i + 1}`, line]));
    return {
      kind: 'letter',
      body: { template_id: c.NOTIFY_LETTER_TEMPLATE_ID, personalisation: { ...address, ...personalisation } },
    };
  }

  // Notify's API keys end in the service id and the secret; requests carry an HS256 JWT of them.
  private token(): string {
    const key = this.config.NOTIFY_API_KEY;
    const secret = key.slice(-36);
    const serviceId = key.slice(-73, -37);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode({ iss: serviceId, iat: Math.floor(Date.now() / 1000) })}`;
    return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
  }
}
