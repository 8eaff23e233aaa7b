/**
 * Tokens of the self-hosted Direct Line: HMAC-signed JWTs (HS256), each bound to one conversation and
 * one user. The claim names follow Azure's (`conv`, `user`) because Web Chat and directlinejs read
 * `user` from the token to know who the visitor is, and refuse to let the page pick a `dl_` id itself.
 */
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** `conversation` tokens authorise the REST calls; `stream` tokens only open the WebSocket (they travel in a URL). */
export type TokenScope = 'conversation' | 'stream';

export interface TokenClaims {
  conversationId: string;
  userId: string;
  scope: TokenScope;
}

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; status: 401 | 403; code: string; message: string };

/** directlinejs refreshes every 15 minutes, assuming Azure's 30-minute lifetime: the same here. */
export const CONVERSATION_TOKEN_SECONDS = 30 * 60;
/** A stream URL is used once, right after it is handed out; a leaked one is soon worthless. */
export const STREAM_TOKEN_SECONDS = 2 * 60;

const ISSUER = 'back-on-track/directline';

interface Payload {
  conv: string;
  user: string;
  scope: TokenScope;
}

export class DirectLineTokens {
  private readonly key: string;

  /**
   * @param key the HMAC key; a random one when none is configured (tokens then die with the process).
   * @param now the clock, in ms; tests pass an earlier one to mint tokens that have already expired.
   */
  constructor(
    key?: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = key ?? randomBytes(32).toString('hex');
  }

  issue(claims: TokenClaims): IssuedToken {
    const expiresIn = claims.scope === 'stream' ? STREAM_TOKEN_SECONDS : CONVERSATION_TOKEN_SECONDS;
    const payload: Payload & { iat: number } = {
      conv: claims.conversationId,
      user: claims.userId,
      scope: claims.scope,
      iat: Math.floor(this.now() / 1000),
    };
    const token = jwt.sign(payload, this.key, { algorithm: 'HS256', issuer: ISSUER, expiresIn });
    return { token, expiresIn };
  }

  /**
   * Checks a token for one use. 401: no token at all. 403: a token we cannot accept (not signed by us,
   * e.g. from before a restart with a random key; expired; for another conversation or purpose).
   * directlinejs treats 403, and only 403, as "this token is done", and Web Chat then lets the page
   * start a new chat; a 401 would leave it retrying silently.
   */
  check(token: string | undefined, scope: TokenScope, conversationId?: string): TokenCheck {
    if (!token)
      return { ok: false, status: 401, code: 'MissingToken', message: 'send a Direct Line token as "Authorization: Bearer <token>"' };
    let payload: Payload;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        clockTimestamp: Math.floor(this.now() / 1000),
      }) as Payload;
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError)
        return { ok: false, status: 403, code: 'TokenExpired', message: 'the token has expired; get a new one' };
      return { ok: false, status: 403, code: 'TokenInvalid', message: 'the token is not a valid token of this Direct Line' };
    }
    if (typeof payload.conv !== 'string' || typeof payload.user !== 'string') {
      return { ok: false, status: 403, code: 'TokenInvalid', message: 'the token is not a valid token of this Direct Line' };
    }
    if (payload.scope !== scope)
      return {
        ok: false,
        status: 403,
        code: 'TokenInvalid',
        message: `this token cannot be used for the ${scope === 'stream' ? 'stream' : 'REST API'}`,
      };
    if (conversationId !== undefined && payload.conv !== conversationId) {
      return { ok: false, status: 403, code: 'TokenInvalid', message: 'the token is for another conversation' };
    }
    return { ok: true, claims: { conversationId: payload.conv, userId: payload.user, scope: payload.scope } };
  }
}

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return match?.[1];
}
