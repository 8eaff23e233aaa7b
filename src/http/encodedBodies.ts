/**
 * Compressed request bodies are refused before anything reads them. restify's body parser counts the
 * compressed bytes against MAX_BODY_BYTES, so a 245 KB gzip body could inflate to hundreds of MB in
 * memory; no channel this bot serves (Bot Framework, Slack, Web Chat) compresses what it sends.
 */
import type restify from 'restify';

export function refuseEncodedBodies(): restify.RequestHandler {
  return (req, res, next) => {
    if (!req.headers['content-encoding']) return next();
    // The unread body is not worth draining: close the connection after this answer.
    res.header('Connection', 'close');
    res.json(415, {
      error: 'UnsupportedMediaType',
      message: 'Compressed request bodies (Content-Encoding) are not accepted: send the body uncompressed.',
    });
    return next(false);
  };
}
