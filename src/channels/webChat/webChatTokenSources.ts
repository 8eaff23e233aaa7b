/**
 * Where the chat page's Direct Line token comes from. Self-hosted: minted here, for this server's own
 * Direct Line. Azure: the Direct Line secret is exchanged server-side at Azure's tokens/generate, so the
 * secret never reaches the browser. Either way the page gets `{ token, conversationId, expiresIn, domain }`.
 */
import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import { DIRECT_LINE_PATH } from '../directLine/directLineRoutes';
import type { DirectLineService } from '../directLine/directLineService';
import { requestOrigin } from '../directLine/requestOrigin';

export interface WebChatToken {
  token: string;
  conversationId: string;
  expiresIn: number;
  /** The Direct Line base URL the page's client talks to. */
  domain: string;
  /** The visitor's open chat, found by its cookie: the page reconnects to it instead of starting one. */
  resumed?: boolean;
}

export interface TokenRequest {
  /** The token in the visitor's chat cookie, if any. */
  cookieToken?: string;
  /** "New chat": start over, whatever the cookie says. */
  fresh: boolean;
}

export type WebChatTokenSource = (req: restify.Request, request?: TokenRequest) => Promise<WebChatToken>;

/** A token could not be had; `status` is what the page's token request answers (502 upstream, 503 not set up). */
export class TokenUnavailableError extends Error {
  constructor(
    readonly status: 502 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'TokenUnavailableError';
  }
}

export function selfHostedTokenSource(service: DirectLineService): WebChatTokenSource {
  return async (req, request) => {
    const domain = `${requestOrigin(req, 'http')}${DIRECT_LINE_PATH}`;
    const check = request?.cookieToken && !request.fresh ? service.tokens.check(request.cookieToken, 'conversation') : undefined;
    if (check?.ok && (await service.find(check.claims.conversationId))) {
      const refreshed = service.refreshToken(check.claims);
      return { token: refreshed.token, conversationId: refreshed.conversationId, expiresIn: refreshed.expires_in, domain, resumed: true };
    }
    const generated = service.generateToken();
    return { token: generated.token, conversationId: generated.conversationId, expiresIn: generated.expires_in, domain };
  };
}

export interface AzureTokenSourceOptions {
  secret: string;
  /** e.g. https://directline.botframework.com/v3/directline (DIRECT_LINE_ENDPOINT). */
  endpoint: string;
  log: (message: string) => void;
  timeoutMs?: number;
}

export function azureTokenSource({ secret, endpoint, log, timeoutMs = 10_000 }: AzureTokenSourceOptions): WebChatTokenSource {
  const base = endpoint.replace(/\/+$/, '');
  return async () => {
    let response: Response;
    try {
      response = await fetch(`${base}/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        // A dl_ user id embedded in the token: Web Chat takes it from there, and the visitor cannot pose as another.
        body: JSON.stringify({ user: { id: `dl_${randomBytes(12).toString('base64url')}` } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      log(`webchat: Direct Line token request failed: ${(error as Error).name}`);
      throw new TokenUnavailableError(502, 'the chat service could not be reached; please try again shortly');
    }
    const body = (await response.json().catch(() => undefined)) as
      { token?: unknown; conversationId?: unknown; expires_in?: unknown } | undefined;
    if (!response.ok || typeof body?.token !== 'string' || typeof body.conversationId !== 'string') {
      // The status is enough to diagnose (401/403: wrong secret); the secret itself is never logged.
      log(`webchat: Direct Line tokens/generate answered HTTP ${response.status}${response.ok ? ' without a token' : ''}`);
      throw new TokenUnavailableError(502, 'the chat service is unavailable right now; please try again shortly');
    }
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 1800;
    return { token: body.token, conversationId: body.conversationId, expiresIn, domain: base };
  };
}

/** With MicrosoftAppId set and no DIRECT_LINE_SECRET there is no Direct Line to hand out tokens for. */
export function unavailableTokenSource(reason: string): WebChatTokenSource {
  return async () => {
    throw new TokenUnavailableError(503, reason);
  };
}
