/**
 * The dialog at the bottom of every conversation. It handles what works at any moment (start over,
 * help), lets an active child dialog (symptom check, booking) take the turn, and otherwise answers:
 * a knowledge topic, small talk, or a clarifying question when the classifier is unsure.
 * Red flags never reach here first: the bot screens every message before any dialog runs.
 */
import type { DialogContext, DialogState, DialogTurnResult } from 'botbuilder-dialogs';
// The classes from their own modules: the package's index also loads every prompt and its text recognizers (~0.5 s of start-up).
import { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
import { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
import { conversationDataOf, type BotServices } from '../src/services';
import { emptyConversationData } from '../src/conversation/conversationData';
import { isForgetRequested, noteIntent } from '../src/conversation/turn';
import { choice, type ReplyChoice } from '../src/conversation/botReply';
import { isMostlyNonLatin } from '../src/conversation/incomingText';
import { describesOwnPain } from '../src/conversation/ownPain';
import { compoundAnswers, topicAnswer, topicByTitle, topicMore } from '../src/conversation/topicReplies';
import { classifyIntent, isKnownWord, type IntentPrediction } from '../src/nlp/intentClassifier';
import { compoundPlan } from '../src/nlp/compoundQuestions';
import { redactQuestion } from '../src/curation/redact';
import type { TurnContext } from 'botbuilder';
import { isStopword, wordsOf } from '../src/nlp/textNormalizer';
import { userKeyOf } from '../src/booking/userKey';
import { fillPlaceholders } from '../src/conversation/wording';
import { storedDataReport } from '../src/privacy/storedDataReport';
import { isRepeatedSend } from './bookingDialog';
import { tapOf } from '../src/questions/tap';
import { isCancel } from '../src/questions/flowCommands';

/** Small talk answered with one message from wording.yaml. */
const SMALL_TALK = ['greeting', 'thanks', 'goodbye', 'identity', 'out_of_scope', 'acknowledgement'] as const;
const LEADING_ACKNOWLEDGEMENT = /^\s*(?:(?:ok(?:ay)?|thanks?|thank you|ta|cheers|cool|great|sure|nice|yes|yeah|yep)\b[\s,.!]*)+/i;
/** Intents that interrupt a child dialog. They must be confident: "no" to a question is not "cancel". */
const INTERRUPTION_THRESHOLD = 0.6;

export class RootDialog extends ComponentDialog {
  static readonly id = 'root';

  constructor(
    private readonly services: BotServices,
    children: Dialog[] = [],
  ) {
    super(RootDialog.id);
    for (const child of children) this.addDialog(child);
  }

  /**
   * True while one of the question flows (symptom check, booking, forget me...) waits for the user's
   * answer; `dc` is the bot's dialog context, on whose stack this dialog sits.
   */
  flowIsAsking(dc: DialogContext): boolean {
    // Read from this dialog's own state: dc.child builds a whole DialogContext (memory scopes and all)
    // each time it is read, and the bot asks this several times a turn. The state is there from the
    // moment this dialog began (ComponentDialog keeps its inner stack under 'dialogs').
    const instance = dc.activeDialog;
    if (instance?.id !== this.id) return Boolean(dc.child?.activeDialog);
    const inner = (instance.state as { dialogs?: DialogState } | undefined)?.dialogs?.dialogStack;
    return Array.isArray(inner) && inner.length > 0;
  }

  protected async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.respond(innerDc);
  }

  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.respond(innerDc);
  }

  /**
   * True when the text, with no question flow waiting, gets a knowledge answer (one topic or two) rather
   * than a clarifying menu, small talk or an action: the bot uses it to answer before a safety question.
   */
  answersWithKnowledge(text: string): boolean {
    const { kb, intentModel } = this.services;
    if (topicByTitle(kb, text)) return true;
    const prediction = this.understand(text);
    if (prediction.intent === null || looksForeign(text, prediction)) return false;
    if (compoundPlan(intentModel, text, (id) => kb.topicsById.has(id))) return true;
    return prediction.score >= intentModel.threshold && kb.topicsById.has(prediction.intent);
  }

  /** The classifier's reading of a message; "ok thanks, what stretches help?" is read as its question. */
  private understand(text: string): IntentPrediction {
    const asked = text.replace(LEADING_ACKNOWLEDGEMENT, '');
    const whole = classifyIntent(this.services.intentModel, text);
    const rest = asked !== text && asked.trim().length > 3 ? classifyIntent(this.services.intentModel, asked) : null;
    return rest?.intent && this.services.kb.topicsById.has(rest.intent) && rest.score >= whole.score * 0.5 ? rest : whole;
  }

  private async respond(dc: DialogContext): Promise<DialogTurnResult> {
    const text = dc.context.activity.text ?? '';
    const prediction = this.understand(text);
    const confidentIntent = prediction.score >= INTERRUPTION_THRESHOLD ? prediction.intent : null;

    const tap = tapOf(dc.context.activity);
    if (!dc.activeDialog && tap && !isRepeatedSend(text, tap)) {
      // An answer button from a question that is over (an old card, a double tap): never a new answer,
      // and never read as the words on it ("Cancel" is not "start over").
      noteIntent(dc.context, 'stale_button', 1);
      await this.services.send(dc.context, { text: this.services.questionWording.staleButtonNoQuestion, choices: this.starterChoices() });
      return Dialog.EndOfTurn;
    }

    if (dc.activeDialog && isCancel(text, this.services.safety.lexicon)) {
      // "cancel" stops the question flow and nothing else: an escalation said earlier still stands.
      noteIntent(dc.context, 'cancel', 1);
      await dc.cancelAllDialogs();
      await this.services.send(dc.context, { text: this.services.questionWording.cancelled, choices: this.starterChoices() });
      return Dialog.EndOfTurn;
    }

    if (confidentIntent === 'start_over') {
      noteIntent(dc.context, 'start_over', prediction.score);
      await this.startOver(dc);
      return Dialog.EndOfTurn;
    }

    if (dc.activeDialog) {
      if (confidentIntent === 'help') {
        noteIntent(dc.context, 'help', prediction.score);
        await this.services.send(dc.context, { text: this.services.say('help') });
        await dc.repromptDialog();
        return Dialog.EndOfTurn;
      }
      if (confidentIntent === 'book_physio' && dc.activeDialog.id !== 'book_physio') {
        // Asking to book in the middle of the symptom check means "let's book now", not an answer.
        noteIntent(dc.context, 'book_physio', prediction.score);
        await dc.cancelAllDialogs();
        await dc.beginDialog('book_physio');
        return Dialog.EndOfTurn;
      }
      const result = await dc.continueDialog();
      // "Forget me" confirmed: what the curation store kept for this user goes with the rest.
      if (isForgetRequested(dc.context)) await this.services.curation.forget(userKeyOf(dc.context));
      if (result.status !== DialogTurnStatus.empty) return Dialog.EndOfTurn;
    }

    await this.answer(dc, text, prediction);
    return Dialog.EndOfTurn;
  }

  /** Answers a message that no child dialog is waiting for. */
  private async answer(dc: DialogContext, text: string, prediction: IntentPrediction): Promise<void> {
    const { kb, say, send } = this.services;
    const context = dc.context;
    const data = await conversationDataOf(this.services, context);

    if (data.lastBookingReference && isRepeatedSend(text, tapOf(context.activity))) {
      // A repeated "send" (double tap, retry) after the request went: the same request, not a second one.
      noteIntent(context, 'book_physio.already_sent', 1);
      await send(context, { text: fillPlaceholders(this.services.booking.alreadySent, { reference: data.lastBookingReference }) });
      return;
    }

    const book = this.services.menu.intentChoices.book_physio;
    const tapped = topicByTitle(kb, text);
    if (tapped) {
      noteIntent(context, tapped.id, 1);
      data.lastTopicId = tapped.id;
      await send(context, topicAnswer(kb, say, tapped, book));
      return;
    }

    if (looksForeign(text, prediction)) {
      noteIntent(context, 'other_language', prediction.score);
      await send(context, { text: say('other_language'), choices: this.starterChoices() });
      return;
    }
    if (prediction.intent === null) {
      noteIntent(context, 'none', 0);
      await send(context, { text: say('clarify_nothing'), choices: this.starterChoices() });
      await this.keepGap(context, text, 'none', prediction);
      return;
    }

    const compound = compoundPlan(this.services.intentModel, text, (id) => kb.topicsById.has(id));
    if (compound) {
      const topics = compound.topics.map((id) => kb.topicsById.get(id)!);
      noteIntent(context, topics[0].id, compound.scores[0]);
      data.lastTopicId = topics[Math.min(1, topics.length - 1)].id;
      for (const reply of compoundAnswers(kb, say, topics, book)) await send(context, reply);
      return;
    }

    if (prediction.score < this.services.intentModel.threshold) {
      if (!prediction.onTopic) {
        // Nothing of the bot's subject in the message: say what it covers, not a menu of guesses.
        noteIntent(context, 'out_of_scope', prediction.score);
        await send(context, { text: say('out_of_scope'), choices: this.starterChoices() });
        await this.keepGap(context, text, 'out_of_scope', prediction);
        return;
      }
      noteIntent(context, 'clarify', prediction.score);
      await send(context, { text: say('clarify'), choices: this.clarifyChoices(prediction) });
      await this.keepGap(context, text, 'clarify', prediction);
      return;
    }

    const intent = prediction.intent;
    noteIntent(context, intent, prediction.score);
    const topic = kb.topicsById.get(intent);
    if (topic) {
      data.lastTopicId = topic.id;
      const answer = topicAnswer(kb, say, topic, book);
      const check = this.services.menu.intentChoices.symptom_check;
      // Someone describing their own pain gets the offer to look at it properly, after the general answer.
      if (check && describesOwnPain(text)) {
        const choices = answer.choices ?? [];
        const booking = choices.filter((c) => c.value === book.value);
        answer.choices = [...choices.filter((c) => c.value !== book.value).slice(0, 3 - booking.length), check, ...booking];
      }
      await send(context, answer);
      return;
    }
    if (intent === 'tell_me_more') {
      const last = data.lastTopicId ? kb.topicsById.get(data.lastTopicId) : undefined;
      if (last) await send(context, topicMore(kb, say, last, book));
      else await send(context, { text: say('clarify_nothing'), choices: this.starterChoices() });
      return;
    }
    if (intent === 'show_my_data') {
      const bookings = await this.services.bookings.forUser(userKeyOf(context));
      const user = await this.services.userData.get(context, {});
      await send(context, { text: storedDataReport(this.services.privacy, user, data, bookings) });
      return;
    }
    if (intent === 'help') {
      await send(context, { text: say('help'), choices: this.starterChoices() });
      return;
    }
    if (intent === 'start_over') {
      await this.startOver(dc);
      return;
    }
    if ((SMALL_TALK as readonly string[]).includes(intent)) {
      const key = intent as (typeof SMALL_TALK)[number];
      await send(context, { text: say(key), choices: key === 'goodbye' ? [] : this.starterChoices() });
      if (key === 'out_of_scope') await this.keepGap(context, text, 'out_of_scope', prediction);
      return;
    }
    if (this.findDialog(intent)) {
      await dc.beginDialog(intent, { description: text });
      return;
    }
    // An intent with training examples but no behaviour yet: say what the bot can do rather than guess.
    await send(context, { text: say('help'), choices: this.starterChoices() });
  }

  /**
   * Back to the top: no dialog and a fresh conversation record, except an emergency or urgent
   * escalation, which still stands (the bot's reminder says so after this reply).
   */
  private async startOver(dc: DialogContext): Promise<void> {
    await dc.cancelAllDialogs();
    const { triage, redFlags, crisis } = await conversationDataOf(this.services, dc.context);
    const kept = triage === 'emergency' || triage === 'urgent' ? { triage, redFlags, ...(crisis ? { crisis } : {}) } : {};
    await this.services.conversationData.set(dc.context, { ...emptyConversationData(), ...kept, welcomed: true });
    await this.services.send(dc.context, { text: this.services.say('start_over'), choices: this.starterChoices() });
  }

  /**
   * A question the bot could not answer confidently, kept for the clinic's editors (`npm run kb:gaps`)
   * only when the user agreed to let the bot keep their answers, with names, contacts and numbers removed.
   */
  private async keepGap(context: TurnContext, text: string, outcome: string, prediction: IntentPrediction): Promise<void> {
    const user = await this.services.userData.get(context, {});
    if (user.storageConsent !== true) return;
    const guesses = prediction.ranked.slice(0, 3).map(({ intent, score }) => ({ intent, score: Math.round(score * 1000) / 1000 }));
    await this.services.curation.add(userKeyOf(context), {
      kind: 'unanswered',
      at: new Date().toISOString(),
      text: redactQuestion(text, (word) => isKnownWord(this.services.intentModel, word)),
      outcome,
      guesses,
    });
  }

  private clarifyChoices(prediction: IntentPrediction): ReplyChoice[] {
    const choices: ReplyChoice[] = [];
    for (const { intent } of prediction.ranked) {
      const topic = this.services.kb.topicsById.get(intent);
      const action = this.services.menu.intentChoices[intent];
      if (topic) choices.push(choice(topic.title));
      else if (action) choices.push(action);
      if (choices.length === 3) break;
    }
    return choices;
  }

  private starterChoices(): ReplyChoice[] {
    return this.services.menu.starters;
  }
}

/** A message with no known words and few English function words is probably not English. */
function looksForeign(text: string, prediction: IntentPrediction): boolean {
  if (isMostlyNonLatin(text)) return true;
  const words = wordsOf(text);
  if (words.length < 3 || prediction.knownWordShare > 0.34) return false;
  const englishShare = words.filter(isStopword).length / words.length;
  return englishShare < 0.2;
}
