/**
 * The website chat's HTTP surface: the page at /, its CSS and script, the Web Chat bundle copied at
 * build time, /embed.js for a clinic's own site, and POST /api/webchat/token for the page's token.
 * Only these named files are served; there is no directory listing and no path from the URL to disk.
 */
import * as path from 'node:path';
import type restify from 'restify';
import { requestOrigin } from '../directLine/requestOrigin';
import { StaticAsset, serveRendered } from './staticAsset';
import { WEBCHAT_BUNDLE_FILE } from './webChatBundle';
import type { WebChatDocuments } from './webChatDocuments';
import { TokenUnavailableError, type WebChatTokenSource } from './webChatTokenSources';

export interface WebChatRouteParts {
  documents: WebChatDocuments;
  tokenSource: WebChatTokenSource;
  publicDir: string;
  vendorDir: string;
  /** Origins the page's Direct Line client may connect to besides this server (Azure's, when used). */
  directLineOrigins: string[];
  /** Sites that may show the page in a frame; empty: any site (then the CSP says nothing about framing). */
  embedOrigins: string[];
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
  const assets: Record<string, StaticAsset> = {
    '/webchat/webchat.css': new StaticAsset(path.join(parts.publicDir, 'webchat.css'), { contentType: 'text/css; charset=utf-8', cacheControl: revalidate, missingMessage: 'public/webchat.css is missing' }),
    '/webchat/webchat-page.js': new StaticAsset(path.join(parts.publicDir, 'webchat-page.js'), { contentType: 'text/javascript; charset=utf-8', cacheControl: revalidate, missingMessage: 'public/webchat-page.js is missing' }),
    [`/webchat/vendor/${WEBCHAT_BUNDLE_FILE}`]: new StaticAsset(path.join(parts.vendorDir, WEBCHAT_BUNDLE_FILE), {
      contentType: 'text/javascript; charset=utf-8',
      cacheControl: revalidate,
      missingMessage: 'the Web Chat bundle has not been copied yet: run npm run build',
    }),
    // The bundle's header points here for the licences of what it contains.
    [`/webchat/vendor/${WEBCHAT_BUNDLE_FILE}.LICENSE.txt`]: new StaticAsset(path.join(parts.vendorDir, `${WEBCHAT_BUNDLE_FILE}.LICENSE.txt`), {
      contentType: 'text/plain; charset=utf-8',
      cacheControl: revalidate,
      missingMessage: 'the Web Chat bundle has not been copied yet: run npm run build',
    }),
  };

  server.get('/', (req, res, next) => {
    const csp = contentSecurityPolicy([requestOrigin(req, 'ws'), ...parts.directLineOrigins], parts.embedOrigins);
    serveRendered(res, parts.documents.pageHtml, 'text/html; charset=utf-8', revalidate, { 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer' });
    return next();
  });

  // Short cache: a clinic's site loads this on every page, and a colour change should show within minutes.
  server.get('/embed.js', (_req, res, next) => {
    serveRendered(res, parts.documents.embedJs, 'text/javascript; charset=utf-8', 'public, max-age=300');
    return next();
  });

  for (const [route, asset] of Object.entries(assets)) {
    server.get(route, (req, res, next) => {
      asset.serve(req, res);
      return next();
    });
  }

  server.post('/api/webchat/token', async (req, res) => {
    res.header('Cache-Control', 'no-store');
    try {
      res.json(200, await parts.tokenSource(req));
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
