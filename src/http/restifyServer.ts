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

export function createRestifyServer(name: string): restify.Server {
  const options = { name, log: pino({ name }) };
  return new Server({ ...options, router: new Router(options) });
}
