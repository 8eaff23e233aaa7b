/**
 * Every setting the bot reads, validated once at start-up. A bad value stops the bot with one message
 * naming each problem, before the port opens, instead of failing on the first user's turn.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './projectRoot';
import { LOG_LEVELS } from './observability/logger';

const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(emptyAsUndefined, z.string().optional());

/** The region the bot runs for when REGION is not set: its emergency numbers and how local phone numbers read. */
export const DEFAULT_REGION = 'UK';

const configSchema = z
  .object({
    PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
    HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
    REGION: z.preprocess(emptyAsUndefined, z.string().toUpperCase().default(DEFAULT_REGION)),
    EMERGENCY_NUMBER: optionalText,
    CRISIS_LINE: optionalText,
    URGENT_ROUTE: optionalText,
    CLASSIFIER_THRESHOLD: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(1).optional()),
    LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(LOG_LEVELS).default('info')),
    MAX_MESSAGE_LENGTH: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(50).default(2000)),
    STORAGE: z.preprocess(emptyAsUndefined, z.enum(['lowdb', 'redis', 'memory']).default('lowdb')),
    REDIS_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
        .optional(),
    ),
    DATA_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(30)),
    /** Seconds after start before the first retention purge (then hourly): start-up and first turns come first. */
    RETENTION_FIRST_PURGE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(60)),
    BOOKING_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(90)),
    STATE_FSYNC: z.preprocess(emptyAsUndefined, z.stringbool().default(false)),
    BOOKING_WEBHOOK_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
    BOOKING_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
    BOOKINGS_API_KEY: z.preprocess(emptyAsUndefined, z.string().min(16, 'use at least 16 characters').optional()),
    BOOKING_RETRY_BASE_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(10).default(2000)),
    BOOKING_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).default(5000)),
    HANDOFF_ENABLED: z.preprocess(emptyAsUndefined, z.stringbool().default(false)),
    /** How people reach the clinic's team (phone, email or web page), said by "talk to a person" and the privacy notice. */
    CLINIC_CONTACT: optionalText,
    /** How many proxies in front of the bot append to X-Forwarded-For (true = 1, false = 0): the real client is that many hops back. */
    TRUST_PROXY: z.preprocess(
      (value) => (value === 'true' ? 1 : value === 'false' ? 0 : emptyAsUndefined(value)),
      z.coerce.number().int().min(0).max(10).default(0),
    ),
    RATE_LIMIT_PER_CLIENT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(300)),
    RATE_LIMIT_PER_CONVERSATION: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(30)),
    MAX_BODY_BYTES: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number()
        .int()
        .min(1024)
        .default(256 * 1024),
    ),
    /** /metrics on the main port needs `Authorization: Bearer <METRICS_KEY>`. */
    METRICS_KEY: z.preprocess(emptyAsUndefined, z.string().min(16, 'use at least 16 characters').optional()),
    /** Or /metrics on its own port, bound to 127.0.0.1 (0: a free port). */
    METRICS_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).optional()),
    MicrosoftAppType: z.preprocess(emptyAsUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    // Website chat (Web Chat page at / and /embed.js). Colours and the avatar URL end up in the page, so
    // they are checked strictly here: a typo must not become broken (or injected) CSS.
    WEBCHAT_TITLE: z.preprocess(emptyAsUndefined, z.string().max(60).default('Back on Track')),
    WEBCHAT_SUBTITLE: z.preprocess(emptyAsUndefined, z.string().max(120).default('Back pain help for runners · not for emergencies')),
    WEBCHAT_PRIMARY_COLOR: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0f766e')
        .default('#0f766e'),
    ),
    WEBCHAT_BOT_AVATAR_INITIALS: z.preprocess(emptyAsUndefined, z.string().max(3).default('BT')),
    WEBCHAT_BOT_AVATAR_URL: z.preprocess(
      emptyAsUndefined,
      z.union([z.url({ protocol: /^https?$/ }), z.string().regex(/^\/[^/]/, 'must be an http(s) URL or a path like /logo.png')]).optional(),
    ),
    /** Sites allowed to show the chat page in a frame (embed.js), as comma-separated origins; empty: any site. */
    WEBCHAT_EMBED_ORIGINS: z.preprocess(
      (value) =>
        typeof value === 'string'
          ? value
              .split(',')
              .map((origin) => origin.trim())
              .filter(Boolean)
          : value,
      z
        .array(
          z
            .string()
            .regex(
              /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i,
              'list origins only, like https://www.your-clinic.com (no path, comma-separated)',
            ),
        )
        .default([]),
    ),
    DIRECT_LINE_TOKEN_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'use at least 32 characters').optional()),
    DIRECT_LINE_SECRET: optionalText,
    DIRECT_LINE_ENDPOINT: z.preprocess(
      emptyAsUndefined,
      z.url({ protocol: /^https?$/ }).default('https://directline.botframework.com/v3/directline'),
    ),
    // Slack (native Events API endpoint): both the signing secret and the bot token turn it on.
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_BOT_TOKEN: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^xox[a-z]-/, 'must be a Slack bot token (xoxb-...)')
        .optional(),
    ),
    SLACK_API_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).default('https://slack.com/api/')),
    // Microsoft Teams app package (npm run teams:package): the app's own id, when not the bot's id.
    TEAMS_APP_ID: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID')
        .optional(),
    ),
    TEAMS_WEBSITE_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https$/, error: 'must be an https address' }).optional()),
    TEAMS_PRIVACY_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https$/, error: 'must be an https address' }).optional()),
    TEAMS_TERMS_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https$/, error: 'must be an https address' }).optional()),
  })
  .refine((values) => values.STORAGE !== 'redis' || values.REDIS_URL !== undefined, {
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
