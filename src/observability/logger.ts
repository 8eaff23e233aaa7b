/**
 * Structured JSON logs (pino), level from LOG_LEVEL. Health data must never reach a log: the code logs
 * only ids, references, statuses and error names, and as a safety net any field that could carry
 * personal data (names, contacts, message text, auth headers) is redacted wherever it appears.
 */
import pino from 'pino';

export type Logger = pino.Logger;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const PERSONAL_FIELDS = ['text', 'name', 'contact', 'email', 'phone', 'notes', 'preferredTimes', 'symptomSummary', 'authorization'];

export function createLogger(level: (typeof LOG_LEVELS)[number] = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'back-on-track' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]), censor: '[redacted]' },
    },
    destination,
  );
}

/**
 * The logger for the per-request line (src/server.ts): its fields are fixed there (request id, method,
 * path, status, milliseconds) and none can carry personal data, so it skips the redaction pass, which
 * costs about ten times the line itself. Same level and destination as `logger`.
 */
export function requestLoggerOf(logger: Logger): Logger {
  return logger.child({}, { redact: { paths: [] } });
}
