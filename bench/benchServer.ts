/**
 * The baselines' server: exactly the bot's HTTP stack (the same restify server with its body parser and
 * activity checks, the same CloudAdapter and auth settings from the same config) around another bot.
 */
import type { ActivityHandler } from 'botbuilder';
import { createAdapter } from '../src/adapter';
import type { AppConfig } from '../src/config';
import { clientKeyFor } from '../src/http/clientKey';
import { createServer } from '../src/server';

export function serveOnBotStack(
  config: AppConfig,
  bot: ActivityHandler,
  name: string,
  beforeExit: () => Promise<void> = async () => undefined,
): void {
  const log = (message: string) => console.log(message);
  const server = createServer({
    adapter: createAdapter(config, 'Sorry, something went wrong.', log),
    bot,
    version: 'bench',
    maxBodyBytes: config.MAX_BODY_BYTES,
    authEnabled: config.authEnabled,
    log,
    rateLimits: {
      perClientPerMinute: config.RATE_LIMIT_PER_CLIENT,
      perConversationPerMinute: config.RATE_LIMIT_PER_CONVERSATION,
      clientKey: clientKeyFor(config.TRUST_PROXY),
      // The bench turns the limits off (0); a baseline's refusal is never said to anyone.
      refusalMessage: 'Too many requests.',
    },
  });
  server.listen(config.PORT, config.HOST, () => console.log(`${name} listening on ${server.url}/api/messages`));
  process.once('SIGTERM', () => server.close(() => void beforeExit().then(() => process.exit(0))));
}
