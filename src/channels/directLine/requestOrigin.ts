/**
 * The origin a client reached this server on, for URLs handed back to that same client (the Direct
 * Line domain, the streamUrl). Behind a TLS-terminating proxy, X-Forwarded-Proto says it was https.
 */
import type restify from 'restify';

export function requestOrigin(req: restify.Request, kind: 'http' | 'ws'): string {
  const forwardedProto = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    .trim();
  const secure = forwardedProto ? forwardedProto === 'https' : req.isSecure();
  const scheme = kind === 'http' ? (secure ? 'https' : 'http') : secure ? 'wss' : 'ws';
  return `${scheme}://${req.headers.host ?? 'localhost'}`;
}
