/**
 * The turn pipeline. Order matters and is the product's safety promise:
 *   1. read and clean the text (markup, control characters, odd input);
 *   2. screen it for red flags, before any classifier or dialog sees it, in every dialog state;
 *   3. only then let the dialogs answer;
 *   4. keep an earlier emergency/urgent escalation visible, save state, emit the TurnSummary trace.
 */
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { DialogSet, type Dialog } from 'botbuilder-dialogs';
import { readIncomingText } from '../conversation/incomingText';
import { screenForRedFlags } from '../safety/redFlagDetector';
import { composeEscalation, composeReminder, higherTriage } from '../safety/triage';
import { conversationDataOf, type BotServices } from './services';
import { noteIntent, sendTurnSummary, turnSummaryOf } from './turnSummary';

export class BackOnTrackBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly services: BotServices, private readonly rootDialog: Dialog) {
    super();
    this.dialogs = new DialogSet(services.dialogState);
    this.dialogs.add(rootDialog);

    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      if (newcomers.length > 0) await this.welcome(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /** Saves state and emits the summary after every turn, whatever the handlers did. */
  async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.services.conversationState.saveChanges(context, false);
    await this.services.userState.saveChanges(context, false);
    if (context.activity.type === 'message') await sendTurnSummary(context);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const { say, send } = this.services;
    const data = await conversationDataOf(this.services, context);
    if (data.welcomed) return;
    data.welcomed = true;
    await send(context, { text: `${say('welcome')}\n\n${say('disclaimer')}`, choices: this.services.menu.starters });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { say, send, config } = this.services;
    const incoming = readIncomingText(context.activity, config.MAX_MESSAGE_LENGTH);
    const data = await conversationDataOf(this.services, context);
    const summary = turnSummaryOf(context);

    // Safety first: the whole text is screened, even when it is too long to answer.
    const screen = screenForRedFlags(incoming.text, this.services.safety);
    if (screen.hits.length > 0) {
      data.redFlags = [...new Set([...data.redFlags, ...screen.hits.map((hit) => hit.id)])];
      data.triage = higherTriage(data.triage, screen.level);
      summary.redFlags = screen.hits.map((hit) => hit.id);
    }
    if (screen.level === 'emergency' || screen.level === 'urgent') {
      // An escalation ends whatever was going on: no half-finished question should follow it.
      const dc = await this.dialogs.createContext(context);
      await dc.cancelAllDialogs();
      noteIntent(context, screen.crisis ? 'crisis' : 'red_flag', 1);
      summary.triage = data.triage;
      await context.sendActivity(composeEscalation(screen, this.services.region, this.services.safety));
      return;
    }

    if (incoming.problem) {
      noteIntent(context, incoming.problem, 0);
      await send(context, { text: say(incoming.problem), choices: incoming.problem === 'too_long' ? [] : this.services.menu.starters });
    } else {
      context.activity.text = incoming.text;
      const dc = await this.dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === 'empty') await dc.beginDialog(this.rootDialog.id);
    }

    // Re-read: "start over" replaces the conversation data, and with it any earlier escalation.
    const triage = (await conversationDataOf(this.services, context)).triage;
    summary.triage = triage;
    if (triage === 'emergency' || triage === 'urgent') {
      await context.sendActivity(composeReminder(triage, this.services.region, this.services.safety));
    }
  }
}
