import { isIP } from 'node:net';
import { z } from 'zod';
import { type Policy, defaultPolicy } from '../domain/policy';

/** Raised when the environment cannot run Carepath; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const hostPort = z.string().regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'must be host:port, for example 127.0.0.1:7233');

const port = z.coerce
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** Comma-separated IP addresses or CIDR ranges, e.g. `10.0.0.5, 10.1.0.0/16, fd00::/8`. */
const addressList = z.string().transform((value, ctx) => {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const version = isIP(address);
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 6 ? 128 : 32));
    if (!version || !bitsOk || rest.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be IP addresses or CIDR ranges separated by commas ('${entry}' is not)`,
      });
      return z.NEVER;
    }
  }
  return entries;
});

/** Comma-separated origins (scheme, host, port; no path), e.g. `https://temporal.example.nhs.uk`. */
const originList = z.string().transform((value, ctx) => {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !/^https?:\/\/[^/\s,]+$/.test(entry));
  if (bad !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be origins such as https://temporal.example.nhs.uk, separated by commas ('${bad}' is not)`,
    });
    return z.NEVER;
  }
  return entries;
});

/** A whole number of days for the referral policy, at least 1. */
const policyNumber = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(fallback);

const secret = (what: string, problem: (value: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    const issue = problem(value);
    if (issue) ctx.addIssue({ code: 'custom', message: `${what} ${issue}` });
  });

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// connection URL')
    .optional(),
  TEMPORAL_ADDRESS: hostPort.optional(),
  TEMPORAL_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, 'must be a Temporal namespace name (letters, digits, . _ -)')
    .default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1, 'must not be empty').default('referrals'),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /** Where the Temporal UI is served, allowed to call the codec endpoint. Default: the dev server's UI. */
  TEMPORAL_UI_ORIGIN: originList.optional(),
  CAREPATH_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  SESSION_SECRET: secret('a session secret', (v) =>
    v.length < 32 ? 'must be at least 32 characters' : undefined,
  ).optional(),
  // Fractions are allowed so that tests and training can shorten the timers.
  SESSION_IDLE_MINUTES: z.coerce.number({ message: 'must be a number' }).positive('must be above 0').default(15),
  SESSION_ABSOLUTE_HOURS: z.coerce.number({ message: 'must be a number' }).positive('must be above 0').default(8),
  SIGN_IN_LOCK_MINUTES: z.coerce.number({ message: 'must be a number' }).positive('must be above 0').default(30),
  /** Referral drafts never submitted are removed this long after their last change. */
  DRAFT_RETENTION_DAYS: z.coerce.number({ message: 'must be a number' }).positive('must be above 0').default(30),
  /** Reverse proxies whose X-Forwarded-For names the client; from anyone else the header is ignored. */
  TRUSTED_PROXIES: addressList.default([]),
  /** Demo users with a public password: unset, only for the embedded database. */
  CAREPATH_DEMO: z
    .enum(['0', '1'], { message: 'must be 1 (seed demo data into an empty database) or 0 (never)' })
    .transform((value) => value === '1')
    .optional(),
  /** Where browsers reach the app; WebAuthn binds credentials to its host name. Default: from the request. */
  APP_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, 'must be an origin such as https://carepath.example.nhs.uk (no path)')
    .optional(),
  /** Where this process serves `/metrics` for Prometheus: unset, nowhere. Never on the app's own port. */
  METRICS_PORT: port.optional(),
  /** The Temporal SDK's own Prometheus exporter (worker metrics): unset, off. */
  TEMPORAL_METRICS_PORT: port.optional(),
  /** The interface both metrics ports bind: loopback unless the scraper is elsewhere (a private address). */
  METRICS_HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  // Carepath's referral policy (decision record 0015): our own durations, not published e-RS
  // figures. New referrals take them; a running referral keeps the policy it started with.
  /** A UBRN that reaches no booked appointment or end state in this many days expires. */
  POLICY_UBRN_EXPIRY_DAYS: policyNumber(defaultPolicy.ubrnExpiryDays),
  /** Remind the patient when a referral stays unbooked this many days, per priority. */
  POLICY_REMINDER_DAYS_TWO_WEEK_WAIT: policyNumber(defaultPolicy.unbookedReminderDays.TWO_WEEK_WAIT),
  POLICY_REMINDER_DAYS_URGENT: policyNumber(defaultPolicy.unbookedReminderDays.URGENT),
  POLICY_REMINDER_DAYS_ROUTINE: policyNumber(defaultPolicy.unbookedReminderDays.ROUTINE),
  /** 1: this Carepath is a training space (decision 0020): made-up people, the Trainer role, a banner. */
  TRAINING: z
    .enum(['0', '1'], { message: 'must be 1 (a training space) or 0 (live)' })
    .transform((value) => value === '1')
    .default(false),
  PAYLOAD_ENCRYPTION_KEY: secret('the payload key', (v) =>
    /^[A-Za-z0-9+/]{43}=$/.test(v) ? undefined : 'must be 32 bytes in base64 (44 characters)',
  ).optional(),
});

export type Config = z.infer<typeof envSchema>;

/**
 * Reads the environment once at boot. Empty strings count as unset so that
 * `PORT= npm start` behaves like leaving PORT out.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (parsed.success) {
    const config = parsed.data;
    if (Boolean(config.TEMPORAL_TLS_CERT_PATH) !== Boolean(config.TEMPORAL_TLS_KEY_PATH)) {
      throw new ConfigError('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together (mTLS needs both)');
    }
    if (
      config.METRICS_PORT !== undefined &&
      [config.PORT, config.TEMPORAL_METRICS_PORT].includes(config.METRICS_PORT)
    ) {
      throw new ConfigError(
        `METRICS_PORT must differ from PORT and TEMPORAL_METRICS_PORT (got '${config.METRICS_PORT}')`,
      );
    }
    const apart = trainingApartProblem(config);
    if (apart) throw new ConfigError(apart);
    return config;
  }
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0]);
  const shown = name.includes('SECRET') || name.includes('KEY') ? '' : ` (got '${present[name]}')`;
  throw new ConfigError(`${name} ${issue.message}${shown}`);
}

/**
 * A training space never shares live data: its Temporal namespace and its database must both
 * say "training" in their names (decision 0020). Undefined when the configuration keeps them apart.
 */
function trainingApartProblem(config: Config): string | undefined {
  if (!config.TRAINING) return undefined;
  if (!/training/i.test(config.TEMPORAL_NAMESPACE)) {
    return `TEMPORAL_NAMESPACE must name a training namespace when TRAINING=1 (got '${config.TEMPORAL_NAMESPACE}')`;
  }
  const database = config.DATABASE_URL && new URL(config.DATABASE_URL).pathname.slice(1);
  if (database !== undefined && !/training/i.test(database)) {
    return `DATABASE_URL must name a training database when TRAINING=1 (got database '${database}')`;
  }
  return undefined;
}

/** The referral policy new referrals start with, as configured (defaults: `defaultPolicy`). */
export function policyFromConfig(config: Config): Policy {
  return {
    ...defaultPolicy,
    ubrnExpiryDays: config.POLICY_UBRN_EXPIRY_DAYS,
    unbookedReminderDays: {
      TWO_WEEK_WAIT: config.POLICY_REMINDER_DAYS_TWO_WEEK_WAIT,
      URGENT: config.POLICY_REMINDER_DAYS_URGENT,
      ROUTINE: config.POLICY_REMINDER_DAYS_ROUTINE,
    },
  };
}
