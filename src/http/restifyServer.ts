/**
 * A restify server and its body parser, loaded from their own modules. restify's index also loads every
 * plugin at once (authorization with its signature crypto, static files, CPU throttling...), about a
 * third of what loading restify costs at start-up; the bot uses the server, its router and the body
 * parser only. The server is put together as restify.createServer does by default (its router, a pino
 * logger named after it).
 */
import pino from 'pino';
import type restify from 'restify';

/* eslint-disable @typescript-eslint/no-require-imports -- restify's own modules, which its types do not describe */
const Server = require('restify/lib/server') as new (options: Record<string, unknown>) => restify.Server;
const Router = require('restify/lib/router') as new (options: Record<string, unknown>) => unknown;
export const bodyParser = require('restify/lib/plugins/bodyParser') as typeof restify.plugins.bodyParser;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * restify's body reader starts every request body with the deprecated `new Buffer(0)`. Node checks, for
 * each of the first 10,000 such calls from node_modules, whether to warn by capturing a 100-frame stack
 * (~80 us of a request's CPU, a quarter of a bare echo turn), and stops checking once it has warned. One
 * call from here, with deprecation warnings muted for it, is that warning: nothing is printed, and
 * later calls skip the check.
 */
function settleBufferDeprecationCheck(): void {
  const muted = process.noDeprecation;
  process.noDeprecation = true;
  try {
    void new Buffer(0);
  } finally {
    process.noDeprecation = muted;
  }
}

export function createRestifyServer(name: string): restify.Server {
  settleBufferDeprecationCheck();
  const options = { name, log: pino({ name }) };
  return new Server({ ...options, router: new Router(options) });
}
