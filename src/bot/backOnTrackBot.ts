/**
 * The turn pipeline. Order matters and is the product's safety promise:
 *   1. read and clean the text (markup, control characters, odd input);
 *   2. screen it for red flags, before any classifier or dialog sees it, in every dialog state;
 *   3. only then let the dialogs answer;
 *   4. keep an earlier emergency/urgent escalation visible, save state, emit the TurnSummary trace.
 */
import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
// The classes from their own modules: the package's index also loads every prompt and its text recognizers (~0.5 s of start-up).
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
import type { RootDialog } from '../../dialogs/rootDialog';
import { readIncomingText, type InputProblem } from '../conversation/incomingText';
import type { ConversationData } from '../conversation/conversationData';
import { readYesNo } from '../questions/readers/yesNo';
import { answerImpliesConcepts, confirmUnclear, screenForRedFlags } from '../safety/redFlagDetector';
import { higherTriage, isEscalation } from '../safety/triage';
import type { RedFlagScreen, UnclearMention } from '../safety/types';
import { DialogContextFactory } from './dialogContextFactory';
import {
  recordTriage,
  sendEscalation,
  sendEscalationWithoutState,
  sendReminderIfOwed,
  sendRoutineAdvice,
} from '../conversation/escalation';
import { isForgetRequested, noteIntent, turnOf } from '../conversation/turn';
import { tapOf } from '../questions/tap';
import { recordTurn } from '../observability/metrics';
import { conversationDataOf, type BotServices } from '../services';
import { sendTurnSummary, turnSummaryOf } from './turnSummary';

export class BackOnTrackBot extends ActivityHandler {
  private readonly dialogContexts: DialogContextFactory;

  constructor(
    private readonly services: BotServices,
    private readonly rootDialog: RootDialog,
  ) {
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
    // The triage and the open red-flag question are the conversation's (read after the dialogs: "start over"
    // replaces the record).
    const summary = context.activity.type === 'message' ? turnSummaryOf(context, await conversationDataOf(this.services, context)) : null;
    if (isForgetRequested(context)) {
      // "Forget me": delete rather than save, after every dialog has finished writing.
      await this.services.conversationState.delete(context);
      await this.services.userState.delete(context);
    } else {
      await this.services.conversationState.saveChanges(context, false);
      await this.services.userState.saveChanges(context, false);
    }
    if (summary) {
      await sendTurnSummary(context, summary);
      recordTurn(this.services.metrics, context.activity.channelId, (performance.now() - started) / 1000, summary);
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
    const { say, send, config, safety } = this.services;
    const incoming = readIncomingText(context.activity, config.MAX_MESSAGE_LENGTH);

    // Safety first: the text is screened before anything that can fail (state, storage, classifier),
    // even when it is too long to answer, in every state.
    let screen = screenForRedFlags(incoming.text, safety);
    const state = await this.readState(context, screen);
    if (!state) return;
    const { data, dc } = state;
    // Read again in the light of the question it answers ("in my chest as well" after "where is the pain?").
    if (data.awaitingAnswerTo && !isEscalation(screen.level) && answerImpliesConcepts(safety, data.awaitingAnswerTo)) {
      const inContext = screenForRedFlags(incoming.text, safety, { answering: data.awaitingAnswerTo });
      if (isEscalation(inContext.level)) screen = inContext;
    }
    if (isEscalation(screen.level)) {
      data.pendingRedFlagQuestion = undefined;
      data.pendingRedFlagMessage = undefined;
      // An emergency or crisis ends whatever was going on: no half-finished question should follow it.
      // An urgent sign is said at once too, and a question flow then decides whether it goes on: the
      // symptom check still asks its cauda equina screen (that answer can make it an emergency); the
      // others end (see escalatedThisTurn in dialogs/).
      const flowDecides = screen.level === 'urgent' && !screen.crisis && !incoming.problem && this.rootDialog.flowIsAsking(dc);
      if (!flowDecides) await dc.cancelAllDialogs();
      await sendEscalation(this.services, context, screen);
      if (flowDecides) {
        context.activity.text = incoming.text;
        await dc.continueDialog();
        return;
      }
      // An urgent sign said, and a doubt about something worse in the same message ("can't sleep ...
      // writing goodbye letters"): its one question follows, so the worse thing is never left unasked.
      const worse = tapOf(context.activity) ? undefined : this.unclearWorthAsking(dc, screen, data.clearedRedFlagQuestions ?? []);
      if (worse && !screen.crisis) {
        data.pendingRedFlagQuestion = worse.id;
        await send(context, { text: worse.question, choices: this.services.menu.yesNo });
      }
      return;
    }

    // The stored conversation or user record was unreadable and started afresh: say so once, then answer
    // the message all the same (after an escalation, which comes first, it is said on the next turn).
    const lost = this.services.takeLostState(context);
    const notices = [lost.conversation ? say('conversation_lost') : '', lost.user ? say('user_state_lost') : ''].filter(Boolean);
    if (notices.length > 0) await send(context, { text: notices.join('\n\n') });

    // The answer to "Quick check: ... (yes/no)" asked on the previous turn.
    const pendingFlag = data.pendingRedFlagQuestion;
    const pendingMessage = data.pendingRedFlagMessage;
    data.pendingRedFlagQuestion = undefined;
    data.pendingRedFlagMessage = undefined;
    if (pendingFlag && tapOf(context.activity)) {
      // A button of the dialog's question tapped while the red-flag question waits: not its answer.
      data.pendingRedFlagQuestion = pendingFlag;
      data.pendingRedFlagMessage = pendingMessage;
      const question = safety.flags.find((flag) => flag.id === pendingFlag)?.question ?? '';
      await send(context, {
        text: `${this.services.questionWording.staleButton}\n\n${question}`.trim(),
        choices: this.services.menu.yesNo,
      });
      return;
    }
    if (pendingFlag && screen.hits.length === 0) {
      // A safety question: a partial yes ("a bit", "maybe") is a yes.
      const answer = readYesNo(incoming.text, { partialMeansYes: true, language: safety.lexicon });
      if (answer === 'yes') {
        const confirmed = confirmUnclear(pendingFlag, safety);
        // An emergency ends whatever was under way. An urgent sign does not: the question it interrupted
        // is asked again (the symptom check goes on to its cauda equina screen, a booking to the clinic).
        const flowGoesOn = confirmed.level !== 'emergency' && this.rootDialog.flowIsAsking(dc);
        // Answered is answered: the flow's next answers, which may repeat the words, do not ask it again.
        if (flowGoesOn) data.clearedRedFlagQuestions = [...new Set([...(data.clearedRedFlagQuestions ?? []), pendingFlag])];
        if (isEscalation(confirmed.level) && !flowGoesOn) await dc.cancelAllDialogs();
        await sendEscalation(this.services, context, confirmed);
        if (flowGoesOn) await dc.repromptDialog();
        return;
      }
      if (answer === 'no') {
        noteIntent(context, 'red_flag_cleared', 1);
        data.clearedRedFlagQuestions = [...new Set([...(data.clearedRedFlagQuestions ?? []), pendingFlag])];
        // The message that raised the question still deserves its answer ("i upped my mileage and my
        // back hurts"), or the question it interrupted is asked again; an answer already given before
        // the question leaves the topics to pick from.
        const flowWaits = this.rootDialog.flowIsAsking(dc);
        const carryOn = pendingMessage || flowWaits ? undefined : this.services.menu.starters;
        await send(context, { text: say('red_flag_cleared'), choices: carryOn });
        if (pendingMessage) await this.answer(context, dc, pendingMessage, null, screenForRedFlags(pendingMessage, safety));
        else if (flowWaits) await dc.repromptDialog();
        return;
      }
    }

    // A tapped button's words are the bot's own: they raise no question about what the user meant.
    const unclear = tapOf(context.activity) ? undefined : this.unclearWorthAsking(dc, screen, data.clearedRedFlagQuestions ?? []);
    if (unclear) {
      // A vague mention ("numbness?"): one direct yes/no question rather than a guess either way.
      // When the message also asks something the knowledge answers ("any stories of runners who got
      // over it? feeling kinda hopeless"), the answer comes first and the question last, so it is what
      // the next "yes" or "no" answers; a message that is only the doubt gets the question alone, and
      // its words are answered after a "no".
      const answerFirst = !incoming.problem && !this.rootDialog.flowIsAsking(dc) && this.rootDialog.answersWithKnowledge(incoming.text);
      if (answerFirst) await this.answer(context, dc, incoming.text, null, screen);
      const pending = await conversationDataOf(this.services, context);
      pending.pendingRedFlagQuestion = unclear.id;
      pending.pendingRedFlagMessage = incoming.problem || answerFirst ? undefined : incoming.text;
      noteIntent(context, 'red_flag_question', 1);
      await send(context, { text: unclear.question, choices: this.services.menu.yesNo });
      return;
    }

    await this.answer(context, dc, incoming.text, incoming.problem, screen);
  }

  /** Lets the dialogs answer the text, then adds what safety still owes the user this turn. */
  private async answer(
    context: TurnContext,
    dc: DialogContext,
    text: string,
    problem: InputProblem | null,
    screen: RedFlagScreen,
  ): Promise<void> {
    const { say, send } = this.services;
    if (screen.hits.length > 0)
      await recordTriage(
        this.services,
        context,
        screen.level!,
        screen.hits.map((hit) => hit.id),
      );

    if (problem) {
      noteIntent(context, problem, 0);
      await send(context, { text: say(problem), choices: problem === 'too_long' ? [] : this.services.menu.starters });
    } else {
      context.activity.text = text;
      const result = await dc.continueDialog();
      if (result.status === 'empty') await dc.beginDialog(this.rootDialog.id);
    }

    // A routine-level flag (e.g. sciatica in one leg) outside a symptom check: say so after the answer.
    // It recommends seeing a physio, so it carries the button that books one.
    if (screen.level === 'routine' && !this.rootDialog.flowIsAsking(dc)) await sendRoutineAdvice(this.services, context, screen);
    // Pain or body words in another language: the "English only" reply also gives the emergency number.
    if (screen.healthWordsInAnotherLanguage && turnOf(context).intent === 'other_language') {
      await send(context, { text: say('other_language_emergency') });
    }

    await sendReminderIfOwed(this.services, context);
  }

  /**
   * The conversation's state and dialog context. When storage fails, an escalation is still said (from
   * the screen alone) before the failure reaches the turn's error handler, so a red flag is never lost
   * to an outage.
   */
  private async readState(context: TurnContext, screen: RedFlagScreen): Promise<{ data: ConversationData; dc: DialogContext } | null> {
    try {
      // The user's record is read now too (one pipelined read with Redis, memory with lowdb), not when a
      // dialog first needs it: a damaged one is then known before the reply, which says so.
      const [data] = await Promise.all([conversationDataOf(this.services, context), this.services.userState.load(context)]);
      const dc = await this.dialogContexts.create(context);
      return { data, dc };
    } catch (error) {
      if (!isEscalation(screen.level)) throw error;
      await sendEscalationWithoutState(this.services, context, screen);
      throw error;
    }
  }

  /**
   * The unclear mention to ask about, if any. Inside a child dialog only possible emergencies and
   * urgent signs interrupt: the symptom check asks about the routine ones (e.g. bone stress) itself,
   * and interrupting would lose the answer the user just gave.
   */
  private unclearWorthAsking(dc: DialogContext, screen: RedFlagScreen, cleared: string[]): UnclearMention | undefined {
    if (screen.unclear.length === 0) return undefined;
    const levelOf = (id: string) => this.services.safety.flags.find((flag) => flag.id === id)?.level;
    // A routine hit (sciatica in one leg) never silences the question about a possible emergency.
    const worthIt = (mention: UnclearMention) => higherTriage(screen.level, levelOf(mention.id) ?? null) !== screen.level;
    if (!this.rootDialog.flowIsAsking(dc)) return screen.unclear.find(worthIt);
    // Inside a question flow, a question answered (a "no", or a "yes" the flow went on after) is never asked again in this conversation: the
    // user's answers would otherwise loop through it ("since I had a fall on a trail last week").
    // Inside a dialog the answer is read by its question's reader, and the symptom check asks the
    // red-flag screens directly: the classifier's hunch alone does not interrupt it.
    return screen.unclear.find(
      (mention) => isEscalation(levelOf(mention.id)) && worthIt(mention) && !mention.byClassifier && !cleared.includes(mention.id),
    );
  }
}
