/**
 * The baseline for `npm run bench`: Microsoft's echo bot sample on exactly the bot's HTTP stack (the same
 * restify server with its body parser and activity checks, the same CloudAdapter and auth settings from
 * the same config), with no knowledge, classifier, dialogs or state. The bot's figures divided by this
 * one's show what everything the bot does on top of the stack costs.
 */
import '../src/quietDotenv';
import { ActivityHandler } from 'botbuilder';
import { createAdapter } from '../src/adapter';
import { parseConfig } from '../src/config';
import { createServer } from '../src/server';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity('Hello and welcome!');
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}

const config = parseConfig();
const log = (message: string) => console.log(message);
const adapter = createAdapter(config, 'Sorry, something went wrong.', log);
const server = createServer({
  adapter,
  bot: new EchoBot(),
  version: 'bench',
  maxBodyBytes: config.MAX_BODY_BYTES,
  authEnabled: config.authEnabled,
  log,
  rateLimits: { perClientPerMinute: config.RATE_LIMIT_PER_CLIENT, perConversationPerMinute: config.RATE_LIMIT_PER_CONVERSATION },
});
server.listen(config.PORT, config.HOST, () => console.log(`Echo bot listening on ${server.url}/api/messages`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
