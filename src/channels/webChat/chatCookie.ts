/**
 * The chat's session as a cookie, for the embedded chat: browsers now refuse storage (sessionStorage
 * included) to a third-party frame, so on a clinic's site the frame cannot remember its chat from one
 * page to the next. A partitioned cookie (CHIPS) is what they still allow: kept for this bot inside
 * that one site only, sent only to this server, unreadable by any script (HttpOnly), and holding just
 * the conversation's own token (30 minutes, like the token).
 */
import type restify from 'restify';
import { CONVERSATION_TOKEN_SECONDS } from '../directLine/directLineTokens';

export const CHAT_COOKIE = 'bot_chat';

export function chatCookieOf(req: restify.Request): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CHAT_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export function setChatCookie(res: restify.Response, token: string): void {
  res.header(
    'Set-Cookie',
    `${CHAT_COOKIE}=${encodeURIComponent(token)}; Max-Age=${CONVERSATION_TOKEN_SECONDS}; Path=/; HttpOnly; Secure; SameSite=None; Partitioned`,
  );
}
