/**
 * The website chat's HTTP surface: the page at /, its CSS and script, the Web Chat bundle copied at
 * build time, /embed.js for a clinic's own site (and /api/webchat/embed-check, which tells it whether
 * its site may show the chat), and POST /api/webchat/token for the page's token. Only the named
 * files of webChatAssets are served; there is no directory listing and no path from the URL to disk.
 */
import type restify from 'restify';
import { requestOrigin } from '../directLine/requestOrigin';
import { chatCookieOf, setChatCookie } from './chatCookie';
import { serveRendered } from './staticAsset';
import { ASSET_PREFIX, type WebChatAssets } from './webChatAssets';
import type { WebChatDocuments } from './webChatDocuments';
import { TokenUnavailableError, type WebChatTokenSource } from './webChatTokenSources';

export interface WebChatRouteParts {
  /** The page and embed.js, rendered when first asked for. */
  documents: () => WebChatDocuments;
  tokenSource: WebChatTokenSource;
  assets: WebChatAssets;
  /** Origins the page's Direct Line client may connect to besides this server (Azure's, when used). */
  directLineOrigins: string[];
  /** Sites that may show the page in a frame; empty: any site (then the CSP says nothing about framing). */
  embedOrigins: string[];
  /** Keep the chat's token in a partitioned cookie (self-hosted Direct Line only: it must be able to check it). */
  sessionCookie: boolean;
  log: (message: string) => void;
}

/**
 * Web Chat injects its styles at run time, hence 'unsafe-inline' for styles; scripts come from this
 * server only. The page's own WebSocket origin is named outright: older Safari does not count ws: as 'self'.
 */
function contentSecurityPolicy(directLineOrigins: string[], embedOrigins: string[]): string {
  // Only the clinic's own sites may frame the page, so no other site can dress it up as theirs.
  const framing = embedOrigins.length > 0 ? [`frame-ancestors 'self' ${embedOrigins.join(' ')}`] : [];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    `connect-src 'self' ${directLineOrigins.join(' ')}`.trim(),
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...framing,
  ].join('; ');
}

export function registerWebChatRoutes(server: restify.Server, parts: WebChatRouteParts): void {
  const revalidate = 'no-cache';

  server.get('/', (req, res, next) => {
    const csp = contentSecurityPolicy([requestOrigin(req, 'ws'), ...parts.directLineOrigins], parts.embedOrigins);
    serveRendered(res, parts.documents().pageHtml, 'text/html; charset=utf-8', revalidate, {
      'Content-Security-Policy': csp,
      'Referrer-Policy': 'no-referrer',
    });
    return next();
  });

  // Short cache: a clinic's site loads this on every page, and a colour change should show within minutes.
  server.get('/embed.js', (_req, res, next) => {
    serveRendered(res, parts.documents().embedJs, 'text/javascript; charset=utf-8', 'public, max-age=300');
    return next();
  });

  const serveAsset = (req: restify.Request, res: restify.Response, hash?: string) => {
    const asset = Object.hasOwn(parts.assets, String(req.params.file)) ? parts.assets[String(req.params.file)] : undefined;
    if (asset) asset.serve(req, res, hash);
    else res.json(404, { error: 'NotFound', message: 'no such file' });
  };
  server.get(`${ASSET_PREFIX}/v/:hash/:file`, (req, res, next) => {
    serveAsset(req, res, String(req.params.hash));
    return next();
  });
  server.get(`${ASSET_PREFIX}/:file`, (req, res, next) => {
    serveAsset(req, res);
    return next();
  });

  // embed.js asks before it opens a frame the browser would refuse (frame-ancestors), so the visitor
  // reads a clear message instead of a grey broken box. Public on purpose: it says only yes or no.
  server.get('/api/webchat/embed-check', (req, res, next) => {
    const origin = String(req.headers.origin ?? '');
    const allowed = parts.embedOrigins.length === 0 || parts.embedOrigins.includes(origin) || origin === requestOrigin(req, 'http');
    res.header('Access-Control-Allow-Origin', '*');
    res.header('Cache-Control', 'no-store');
    res.json(200, { allowed });
    return next();
  });

  server.post('/api/webchat/token', async (req, res) => {
    res.header('Cache-Control', 'no-store');
    try {
      const fresh = new URL(req.url ?? '/', 'http://localhost').searchParams.has('new');
      const session = await parts.tokenSource(req, { cookieToken: chatCookieOf(req), fresh });
      if (parts.sessionCookie) setChatCookie(res, session.token);
      res.json(200, session);
    } catch (error) {
      if (error instanceof TokenUnavailableError) {
        res.json(error.status, { error: 'ChatUnavailable', message: error.message });
        return;
      }
      parts.log(`webchat: token request failed: ${(error as Error).message}`);
      res.json(502, { error: 'ChatUnavailable', message: 'the chat is unavailable right now; please try again shortly' });
    }
  });
}
