/**
 * Every setting the bot reads, validated once at start-up. A bad value stops the bot with one message
 * naming each problem, before the port opens, instead of failing on the first user's turn.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './projectRoot';

const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(emptyAsUndefined, z.string().optional());

const configSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  REGION: z.preprocess(emptyAsUndefined, z.string().toUpperCase().default('UK')),
  EMERGENCY_NUMBER: optionalText,
  CRISIS_LINE: optionalText,
  URGENT_ROUTE: optionalText,
  CLASSIFIER_THRESHOLD: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(1).optional()),
  MAX_MESSAGE_LENGTH: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(50).default(2000)),
  STORAGE: z.preprocess(emptyAsUndefined, z.enum(['lowdb', 'redis', 'memory']).default('lowdb')),
  REDIS_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
  DATA_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(30)),
  BOOKING_WEBHOOK_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  BOOKING_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  BOOKINGS_API_KEY: z.preprocess(emptyAsUndefined, z.string().min(16, 'use at least 16 characters').optional()),
  BOOKING_RETRY_BASE_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(10).default(2000)),
  BOOKING_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).default(5000)),
  HANDOFF_ENABLED: z.preprocess(emptyAsUndefined, z.stringbool().default(false)),
  MicrosoftAppType: z.preprocess(emptyAsUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: optionalText,
}).refine((values) => values.STORAGE !== 'redis' || values.REDIS_URL !== undefined, {
  path: ['REDIS_URL'],
  message: 'is required when STORAGE=redis',
});

export type AppConfig = ReturnType<typeof parseConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  return {
    ...values,
    dataDir: path.resolve(projectRoot(), values.DATA_DIR),
    /** Auth is on exactly when an app id is configured; local runs and the Emulator use none. */
    authEnabled: Boolean(values.MicrosoftAppId),
  };
}
