import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../domain/policy';
import { ConfigError, loadConfig, policyFromConfig } from './env';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'referrals',
      TEMPORAL_PORT: 7233,
      TEMPORAL_UI_PORT: 8233,
      CAREPATH_DATA_DIR: './data',
    });
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadConfig({}).TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('accepts good values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://carepath@db.internal:5432/carepath',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'carepath-prod',
      PAYLOAD_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      SESSION_SECRET: 'x'.repeat(32),
    });
    expect(config.PORT).toBe(8080);
    expect(config.TEMPORAL_ADDRESS).toBe('temporal.internal:7233');
  });

  it.each([
    ['PORT', 'abc', /^PORT must be a whole number \(got 'abc'\)$/],
    ['PORT', '3.5', /^PORT must be a whole number/],
    ['PORT', '0', /^PORT must be between 1 and 65535/],
    ['PORT', '70000', /^PORT must be between 1 and 65535/],
    ['TEMPORAL_PORT', '-1', /^TEMPORAL_PORT must be between 1 and 65535/],
    ['TEMPORAL_UI_PORT', 'ui', /^TEMPORAL_UI_PORT must be a whole number/],
    ['DATABASE_URL', 'mysql://localhost/x', /^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ connection URL/],
    ['TEMPORAL_ADDRESS', 'localhost', /^TEMPORAL_ADDRESS must be host:port/],
    ['TEMPORAL_NAMESPACE', 'bad namespace!', /^TEMPORAL_NAMESPACE must be a Temporal namespace name/],
    ['SESSION_SECRET', 'short', /^SESSION_SECRET a session secret must be at least 32 characters$/],
    ['PAYLOAD_ENCRYPTION_KEY', 'bm90LWEta2V5', /^PAYLOAD_ENCRYPTION_KEY the payload key must be 32 bytes in base64/],
    ['SIGN_IN_LOCK_MINUTES', '0', /^SIGN_IN_LOCK_MINUTES must be above 0/],
    [
      'TRUSTED_PROXIES',
      '10.0.0.1, proxy.internal',
      /^TRUSTED_PROXIES must be IP addresses or CIDR ranges .*'proxy.internal'/,
    ],
    ['TRUSTED_PROXIES', '10.0.0.0/33', /^TRUSTED_PROXIES must be IP addresses or CIDR ranges/],
    ['CAREPATH_DEMO', 'yes', /^CAREPATH_DEMO must be 1 \(seed demo data into an empty database\) or 0 \(never\)/],
    [
      'TEMPORAL_UI_ORIGIN',
      'https://temporal.example.nhs.uk/ui',
      /^TEMPORAL_UI_ORIGIN must be origins such as .*'https:\/\/temporal.example.nhs.uk\/ui'/,
    ],
  ])('refuses %s=%s with one line naming the variable', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reads the sign-in settings: lock length, trusted proxies, demo data', () => {
    expect(loadConfig({})).toMatchObject({ SIGN_IN_LOCK_MINUTES: 30, TRUSTED_PROXIES: [] });
    expect(loadConfig({}).CAREPATH_DEMO).toBeUndefined();
    const config = loadConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8, 192.0.2.10,fd00::/8 ', CAREPATH_DEMO: '1' });
    expect(config.TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '192.0.2.10', 'fd00::/8']);
    expect(config.CAREPATH_DEMO).toBe(true);
    expect(loadConfig({ CAREPATH_DEMO: '0' }).CAREPATH_DEMO).toBe(false);
  });

  it('reads the Temporal UI origins allowed to call the codec endpoint', () => {
    expect(loadConfig({}).TEMPORAL_UI_ORIGIN).toBeUndefined();
    expect(
      loadConfig({ TEMPORAL_UI_ORIGIN: 'https://temporal.example.nhs.uk, http://127.0.0.1:8080' }).TEMPORAL_UI_ORIGIN,
    ).toEqual(['https://temporal.example.nhs.uk', 'http://127.0.0.1:8080']);
  });

  it('serves metrics nowhere unless asked, on loopback, never on the app port', () => {
    expect(loadConfig({}).METRICS_HOST).toBe('127.0.0.1');
    expect(loadConfig({}).METRICS_PORT).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464', TEMPORAL_METRICS_PORT: '9465' }).METRICS_PORT).toBe(9464);
    expect(() => loadConfig({ METRICS_PORT: '3000' })).toThrow(/^METRICS_PORT must differ from PORT/);
    expect(() => loadConfig({ METRICS_PORT: 'abc' })).toThrow(/^METRICS_PORT must be a whole number/);
  });

  it('never echoes a secret back', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'hunter2' })).toThrow(/^SESSION_SECRET [^']*$/);
  });

  it('wants both halves of an mTLS pair', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: '/etc/cert.pem' })).toThrow(
      'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together',
    );
  });
});

describe('the referral policy (Carepath policy, not e-RS figures)', () => {
  it('defaults to the documented durations', () => {
    expect(policyFromConfig(loadConfig({}))).toEqual(defaultPolicy);
    expect(defaultPolicy).toMatchObject({
      ubrnExpiryDays: 180,
      unbookedReminderDays: { TWO_WEEK_WAIT: 3, URGENT: 3, ROUTINE: 14 },
      bookingTimeoutMinutes: 30,
    });
  });

  it('takes each duration from the environment', () => {
    const policy = policyFromConfig(
      loadConfig({
        POLICY_UBRN_EXPIRY_DAYS: '90',
        POLICY_REMINDER_DAYS_TWO_WEEK_WAIT: '1',
        POLICY_REMINDER_DAYS_URGENT: '2',
        POLICY_REMINDER_DAYS_ROUTINE: '7',
      }),
    );
    expect(policy).toEqual({
      ...defaultPolicy,
      ubrnExpiryDays: 90,
      unbookedReminderDays: { TWO_WEEK_WAIT: 1, URGENT: 2, ROUTINE: 7 },
    });
  });

  it.each([
    ['POLICY_UBRN_EXPIRY_DAYS', '0', /^POLICY_UBRN_EXPIRY_DAYS must be at least 1 \(got '0'\)$/],
    ['POLICY_REMINDER_DAYS_ROUTINE', '1.5', /^POLICY_REMINDER_DAYS_ROUTINE must be a whole number/],
    ['POLICY_UBRN_EXPIRY_DAYS', 'soon', /^POLICY_UBRN_EXPIRY_DAYS must be a whole number/],
  ])('refuses %s=%s in one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
