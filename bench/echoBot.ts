/**
 * The baseline for `npm run bench`: Microsoft's echo bot sample on exactly the bot's HTTP stack (the same
 * restify server with its body parser and activity checks, the same CloudAdapter and auth settings from
 * the same config), with no knowledge, classifier, dialogs or state. The bot's figures divided by this
 * one's show what everything the bot does on top of the stack costs.
 */
import '../src/quietDotenv';
import { ActivityHandler } from 'botbuilder';
import { parseConfig } from '../src/config';
import { serveOnBotStack } from './benchServer';

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

serveOnBotStack(parseConfig(), new EchoBot(), 'Echo bot');
