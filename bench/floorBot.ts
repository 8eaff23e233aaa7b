/**
 * The second baseline for `npm run bench`: the least a bot on the customer's stack can do and still hold a
 * conversation. The echo bot's server, plus conversation and user state on the bot's configured storage
 * (lowdb by default) and one botbuilder-dialogs prompt that asks and echoes, with the bot's own
 * dialog-context set-up. No knowledge, safety screen or classifier. The gap between it and the echo bot is
 * what state and dialogs cost by themselves; the gap between it and the bot is what the bot's own work costs.
 */
import '../src/quietDotenv';
import { ActivityHandler, ConversationState, UserState, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { DialogContextFactory } from '../src/bot/dialogContextFactory';
import { parseConfig } from '../src/config';
import { createStorage } from '../src/storage/createStorage';
import { serveOnBotStack } from './benchServer';

const config = parseConfig();
const backend = createStorage(config, (message) => console.log(message));
const conversationState = new ConversationState(backend.storage);
const userState = new UserState(backend.storage);
const dialogSet = new DialogSet(conversationState.createProperty<DialogState>('dialogState')).add(new TextPrompt('text')).add(
  new WaterfallDialog('echo', [
    async (step) => step.prompt('text', 'Say something.'),
    async (step) => {
      await step.context.sendActivity(`Echo: ${String(step.result)}`);
      return step.replaceDialog('echo');
    },
  ]),
);
const dialogContexts = new DialogContextFactory(dialogSet);

class FloorBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      await context.sendActivity('Hello and welcome!');
      await next();
    });
    this.onMessage(async (context, next) => {
      const dc = await dialogContexts.create(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('echo');
      await next();
    });
  }

  async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await conversationState.saveChanges(context, false);
    await userState.saveChanges(context, false);
  }
}

void backend.ready().then(() => serveOnBotStack(config, new FloorBot(), 'Floor bot', () => backend.close()));
