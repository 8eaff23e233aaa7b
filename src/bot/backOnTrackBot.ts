/**
 * The turn pipeline. Order matters and is the product's safety promise:
 *   1. read and clean the text (markup, control characters, odd input);
 *   2. screen it for red flags, before any classifier or dialog sees it, in every dialog state;
 *   3. only then let the dialogs answer;
 *   4. keep an earlier emergency/urgent escalation visible, save state, emit the TurnSummary trace.
 */
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { DialogSet, type Dialog, type DialogContext } from 'botbuilder-dialogs';
import { readIncomingText } from '../conversation/incomingText';
import { confirmUnclear, interpretYesNo, screenForRedFlags } from '../safety/redFlagDetector';
import { composeEscalation, composeReminder, isEscalation } from '../safety/triage';
import type { RedFlagScreen, UnclearMention } from '../safety/types';
import { DialogContextFactory } from './dialogContextFactory';
import { escalatedThisTurn, recordTriage, sendEscalation } from './escalation';
import { isForgetRequested } from './forgetUser';
import { recordTurn } from '../observability/metrics';
import { conversationDataOf, type BotServices } from './services';
import { noteIntent, sendTurnSummary, turnSummaryOf } from './turnSummary';

export class BackOnTrackBot extends ActivityHandler {
  private readonly dialogContexts: DialogContextFactory;

  constructor(private readonly services: BotServices, private readonly rootDialog: Dialog) {
    super();
    this.dialogContexts = new DialogContextFactory(new DialogSet(services.dialogState).add(rootDialog));

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
    const started = performance.now();
    if (this.services.config.HANDOFF_ENABLED) this.recordTranscript(context);
    await super.run(context);
    if (isForgetRequested(context)) {
      // "Forget me": delete rather than save, after every dialog has finished writing.
      await this.services.conversationState.delete(context);
      await this.services.userState.delete(context);
    } else {
      await this.services.conversationState.saveChanges(context, false);
      await this.services.userState.saveChanges(context, false);
    }
    if (context.activity.type === 'message') {
      await sendTurnSummary(context);
      recordTurn(this.services.metrics, context.activity.channelId, (performance.now() - started) / 1000, turnSummaryOf(context));
    }
  }

  /** Keeps the conversation's recent messages (in memory) for a later handoff transcript. */
  private recordTranscript(context: TurnContext): void {
    const conversationId = context.activity.conversation.id;
    if (context.activity.type === 'message') this.services.transcripts.record(conversationId, context.activity);
    context.onSendActivities(async (_context, activities, next) => {
      for (const activity of activities) if (activity.type === 'message') this.services.transcripts.record(conversationId, activity);
      return next();
    });
  }

  private async welcome(context: TurnContext): Promise<void> {
    const { say, send } = this.services;
    const data = await conversationDataOf(this.services, context);
    if (data.welcomed) return;
    data.welcomed = true;
    await send(context, { text: `${say('welcome')}\n\n${say('disclaimer')}`, choices: this.services.menu.starters });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { say, send, config, safety, region } = this.services;
    const incoming = readIncomingText(context.activity, config.MAX_MESSAGE_LENGTH);
    const data = await conversationDataOf(this.services, context);
    const dc = await this.dialogContexts.create(context);

    // Safety first: the whole text is screened, even when it is too long to answer, in every state.
    const screen = screenForRedFlags(incoming.text, safety);
    if (isEscalation(screen.level)) {
      // An escalation ends whatever was going on: no half-finished question should follow it.
      data.pendingRedFlagQuestion = undefined;
      await dc.cancelAllDialogs();
      await sendEscalation(this.services, context, screen);
      return;
    }

    // The answer to "Quick check: ... (yes/no)" asked on the previous turn.
    const pendingFlag = data.pendingRedFlagQuestion;
    data.pendingRedFlagQuestion = undefined;
    if (pendingFlag && screen.hits.length === 0) {
      const answer = interpretYesNo(incoming.text);
      if (answer === 'yes') {
        const confirmed = confirmUnclear(pendingFlag, safety);
        if (isEscalation(confirmed.level)) await dc.cancelAllDialogs();
        await sendEscalation(this.services, context, confirmed);
        return;
      }
      if (answer === 'no') {
        noteIntent(context, 'red_flag_cleared', 1);
        await send(context, { text: say('red_flag_cleared') });
        if (dc.activeDialog) await dc.repromptDialog();
        return;
      }
    }

    const unclear = this.unclearWorthAsking(dc, screen);
    if (unclear && screen.hits.length === 0) {
      // A vague mention ("numbness?"): one direct yes/no question rather than a guess either way.
      data.pendingRedFlagQuestion = unclear.id;
      noteIntent(context, 'red_flag_question', 1);
      await send(context, { text: unclear.question, choices: this.services.menu.yesNo });
      return;
    }

    if (screen.hits.length > 0) await recordTriage(this.services, context, screen.level!, screen.hits.map((hit) => hit.id));

    if (incoming.problem) {
      noteIntent(context, incoming.problem, 0);
      await send(context, { text: say(incoming.problem), choices: incoming.problem === 'too_long' ? [] : this.services.menu.starters });
    } else {
      context.activity.text = incoming.text;
      const result = await dc.continueDialog();
      if (result.status === 'empty') await dc.beginDialog(this.rootDialog.id);
    }

    // A routine-level flag (e.g. sciatica in one leg) outside a symptom check: say so after the answer.
    // It recommends seeing a physio, so it carries the button that books one.
    if (screen.level === 'routine' && !dc.child?.activeDialog) {
      await send(context, { text: composeEscalation(screen, region, safety), choices: [this.services.menu.intentChoices.book_physio] });
    }

    // Re-read: "start over" replaces the conversation data, and with it any earlier escalation.
    const { triage, crisis } = await conversationDataOf(this.services, context);
    turnSummaryOf(context).triage = triage;
    if (isEscalation(triage) && !escalatedThisTurn(context, triage)) await context.sendActivity(composeReminder(triage, region, safety, { crisis }));
  }

  /**
   * The unclear mention to ask about, if any. Inside a child dialog only possible emergencies and
   * urgent signs interrupt: the symptom check asks about the routine ones (e.g. bone stress) itself,
   * and interrupting would lose the answer the user just gave.
   */
  private unclearWorthAsking(dc: DialogContext, screen: RedFlagScreen): UnclearMention | undefined {
    if (screen.unclear.length === 0) return undefined;
    // dc.child is read from the dialog stack as it is now: a child dialog is waiting for an answer.
    if (!dc.child?.activeDialog) return screen.unclear[0];
    const levelOf = (id: string) => this.services.safety.flags.find((flag) => flag.id === id)?.level;
    return screen.unclear.find((mention) => isEscalation(levelOf(mention.id)));
  }
}
