import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, parsed once at start-up. Nothing else in the server reads process.env.
 * A bad value stops the start with one line per bad variable.
 */
const key32 = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded as base64');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  FIELD_ENCRYPTION_KEY: key32.optional(),
  FIELD_HMAC_KEY: key32.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  AUDIT_HASH: z.enum(['sha256', 'sm3']).default('sha256'),
  FIELD_CIPHER: z.enum(['aes-256-gcm', 'sm4']).default('aes-256-gcm'),
  TIMERS: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  NOTIFY_TRANSPORT: z.enum(['log', 'http']).default('log'),
  SMS_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_GATEWAY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SMS_SIGNATURE: z.string().min(1).max(20).default('来办'),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  OPEN311_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
});

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  fieldEncryptionKey: Buffer;
  fieldHmacKey: Buffer;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  dbPoolMax: number;
  trustProxy: boolean;
  /** Hash of the audit chains: SHA-256, or SM3 where national cryptography is required. */
  auditHash: 'sha256' | 'sm3';
  /** Cipher for new personal-data values: AES-256-GCM, or SM4 where national cryptography is required. */
  fieldCipher: 'aes-256-gcm' | 'sm4';
  /** Whether this process runs the supervision, anchoring and outbox timers. */
  timers: boolean;
  /** Where petitioner SMS go: `log` (development: the log and the outbox table) or an HTTP SMS gateway. */
  notify: {
    transport: 'log' | 'http';
    smsGatewayUrl: string | undefined;
    smsGatewaySecret: string | undefined;
    smsSignature: string;
    maxAttempts: number;
    retryBaseSeconds: number;
  };
  /** Open311 submissions allowed per client key and per address, per minute. */
  open311RatePerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

interface Secrets {
  SESSION_SECRET: string;
  FIELD_ENCRYPTION_KEY: string;
  FIELD_HMAC_KEY: string;
}

/** Development convenience: secrets generated once into DATA_DIR and reused on every start. */
function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Secrets;
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets: Secrets = {
    SESSION_SECRET: crypto.randomBytes(48).toString('base64'),
    FIELD_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
    FIELD_HMAC_KEY: crypto.randomBytes(32).toString('base64'),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as they do in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const problems: string[] = [];
  if (c.NODE_ENV === 'production') {
    if (!c.SESSION_SECRET) problems.push('SESSION_SECRET: required when NODE_ENV=production');
    if (!c.FIELD_ENCRYPTION_KEY) problems.push('FIELD_ENCRYPTION_KEY: required when NODE_ENV=production');
    if (!c.FIELD_HMAC_KEY) problems.push('FIELD_HMAC_KEY: required when NODE_ENV=production');
  }
  if (c.NOTIFY_TRANSPORT === 'http') {
    if (!c.SMS_GATEWAY_URL) problems.push('SMS_GATEWAY_URL: required when NOTIFY_TRANSPORT=http');
    if (!c.SMS_GATEWAY_SECRET) problems.push('SMS_GATEWAY_SECRET: required when NOTIFY_TRANSPORT=http');
  }
  if (problems.length) throw new ConfigError(problems);
  const dataDir = path.resolve(c.DATA_DIR);
  const needGenerated = !c.SESSION_SECRET || !c.FIELD_ENCRYPTION_KEY || !c.FIELD_HMAC_KEY;
  const generated = needGenerated ? loadOrCreateSecrets(dataDir) : undefined;
  return {
    nodeEnv: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir,
    sessionSecret: c.SESSION_SECRET ?? generated!.SESSION_SECRET,
    fieldEncryptionKey: Buffer.from(c.FIELD_ENCRYPTION_KEY ?? generated!.FIELD_ENCRYPTION_KEY, 'base64'),
    fieldHmacKey: Buffer.from(c.FIELD_HMAC_KEY ?? generated!.FIELD_HMAC_KEY, 'base64'),
    logLevel: c.LOG_LEVEL,
    sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
    sessionMaxHours: c.SESSION_MAX_HOURS,
    loginMaxFailures: c.LOGIN_MAX_FAILURES,
    loginLockMinutes: c.LOGIN_LOCK_MINUTES,
    dbPoolMax: c.DB_POOL_MAX,
    trustProxy: c.TRUST_PROXY,
    auditHash: c.AUDIT_HASH,
    fieldCipher: c.FIELD_CIPHER,
    timers: c.TIMERS,
    notify: {
      transport: c.NOTIFY_TRANSPORT,
      smsGatewayUrl: c.SMS_GATEWAY_URL,
      smsGatewaySecret: c.SMS_GATEWAY_SECRET,
      smsSignature: c.SMS_SIGNATURE,
      maxAttempts: c.NOTIFY_MAX_ATTEMPTS,
      retryBaseSeconds: c.NOTIFY_RETRY_BASE_SECONDS,
    },
    open311RatePerMinute: c.OPEN311_RATE_PER_MINUTE,
  };
}
