/**
 * Slack request signing (https://api.slack.com/authentication/verifying-requests-from-slack): Slack
 * sends `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">` and
 * `X-Slack-Request-Timestamp`. A request older than five minutes is refused too, so a captured request
 * cannot be replayed later. Plain function: the caller passes the clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SLACK_TIMESTAMP_WINDOW_SECONDS = 5 * 60;

export type SignatureProblem = 'missing signature' | 'malformed timestamp' | 'stale timestamp' | 'signature mismatch';

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: string | Buffer;
}

export function slackSignatureOf(signingSecret: string, timestamp: string, rawBody: string | Buffer): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;
}

/** Null when the request is Slack's, otherwise what is wrong with it. */
export function checkSlackSignature(
  signingSecret: string,
  request: SignedRequest,
  nowSeconds = Date.now() / 1000,
): SignatureProblem | null {
  const { signature, timestamp, rawBody } = request;
  if (!signature || !timestamp) return 'missing signature';
  if (!/^\d{1,12}$/.test(timestamp)) return 'malformed timestamp';
  if (Math.abs(nowSeconds - Number(timestamp)) > SLACK_TIMESTAMP_WINDOW_SECONDS) return 'stale timestamp';
  const expected = Buffer.from(slackSignatureOf(signingSecret, timestamp, rawBody));
  const given = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; the length of a valid signature is no secret.
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'signature mismatch';
}
