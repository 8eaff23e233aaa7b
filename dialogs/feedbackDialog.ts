/**
 * "I want to give feedback" / "that wasn't helpful": a rating of the last answer (asked with buttons,
 * or taken from the message when it already says it), then an optional comment. The rating is counted
 * per topic in metrics (bot_feedback_total); rating and comment are kept for `npm run kb:gaps` only
 * when the user agreed to let the bot keep their answers, and the comment is redacted first.
 */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
// The classes from their own modules: the package's index also loads every prompt and its text recognizers (~0.5 s of start-up).
import { Dialog } from 'botbuilder-dialogs/lib/dialog';
import { conversationDataOf, type BotServices } from '../src/services';
import { noteIntent } from '../src/conversation/turn';
import { userKeyOf } from '../src/booking/userKey';
import { choice } from '../src/conversation/botReply';
import { redactQuestion } from '../src/curation/redact';
import type { Rating } from '../src/curation/curationStore';
import { wordsOf } from '../src/nlp/textNormalizer';
import { isKnownWord } from '../src/nlp/intentClassifier';

interface FeedbackState {
  topic: string;
  rating?: Rating;
}

/** The rating a message gives, if it gives one: "not helpful", "that didn't help", "partly", "great". */
export function ratingIn(text: string): Rating | undefined {
  const t = wordsOf(text).join(' ');
  if (
    /\b(not|wasn't|was not|didn't|did not|no) (really )?(helpful|help|useful|use|good|right)\b|\b(unhelpful|useless|wrong|rubbish|bad|not what)\b/.test(
      t,
    )
  )
    return 'not_helpful';
  if (/\b(partly|partially|sort of|kind of|somewhat|a bit|a little)\b/.test(t)) return 'partly';
  if (/^(helpful|very helpful|yes|great|good|useful|it helped|that helped)$/.test(t)) return 'helpful';
  return undefined;
}

export class FeedbackDialog extends Dialog {
  static readonly id = 'feedback';

  constructor(private readonly services: BotServices) {
    super(FeedbackDialog.id);
  }

  async beginDialog(dc: DialogContext, options?: { description?: string }): Promise<DialogTurnResult> {
    const { say, send, kb } = this.services;
    const data = await conversationDataOf(this.services, dc.context);
    const topic = data.lastTopicId ? kb.topicsById.get(data.lastTopicId) : undefined;
    if (!topic) {
      await send(dc.context, { text: say('feedback_nothing_to_rate'), choices: this.services.menu.starters });
      return dc.endDialog();
    }
    const state = dc.activeDialog!.state as FeedbackState;
    state.topic = topic.id;
    const given = ratingIn(options?.description ?? '');
    if (given) return this.rated(dc, state, given);
    await send(dc.context, { text: say('feedback_ask', { aboutTopic: ` (${topic.title})` }), choices: this.ratingChoices() });
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as FeedbackState;
    const text = dc.context.activity.text ?? '';
    if (!state.rating) {
      const rating = this.ratingFromButton(text) ?? ratingIn(text);
      if (!rating) {
        await this.services.send(dc.context, { text: this.services.say('feedback_reask'), choices: this.ratingChoices() });
        return Dialog.EndOfTurn;
      }
      return this.rated(dc, state, rating);
    }
    const skipped = text.trim().toLowerCase() === this.services.say('feedback_no_comment').toLowerCase();
    return this.finish(dc, state, skipped ? undefined : text);
  }

  /** With consent a comment is worth asking for; without, the rating is all that is counted. */
  private async rated(dc: DialogContext, state: FeedbackState, rating: Rating): Promise<DialogTurnResult> {
    state.rating = rating;
    this.services.metrics.feedback.inc({ topic: state.topic, rating });
    if (!(await this.mayKeep(dc))) {
      noteIntent(dc.context, 'feedback.rated', 1);
      await this.services.send(dc.context, { text: this.services.say('feedback_thanks_not_kept') });
      return dc.endDialog();
    }
    await this.services.send(dc.context, {
      text: this.services.say('feedback_ask_comment'),
      choices: [choice(this.services.say('feedback_no_comment'))],
    });
    return Dialog.EndOfTurn;
  }

  private async finish(dc: DialogContext, state: FeedbackState, comment: string | undefined): Promise<DialogTurnResult> {
    const { curation, intentModel, say, send } = this.services;
    const isKnown = (word: string) => isKnownWord(intentModel, word);
    await curation.add(userKeyOf(dc.context), {
      kind: 'feedback',
      at: new Date().toISOString(),
      topic: state.topic,
      rating: state.rating!,
      ...(comment?.trim() ? { comment: redactQuestion(comment.trim(), isKnown) } : {}),
    });
    noteIntent(dc.context, 'feedback.kept', 1);
    await send(dc.context, { text: say('feedback_thanks') });
    return dc.endDialog();
  }

  private async mayKeep(dc: DialogContext): Promise<boolean> {
    return (await this.services.userData.get(dc.context, {})).storageConsent === true;
  }

  private ratingChoices() {
    const { say } = this.services;
    return [choice(say('rating_helpful')), choice(say('rating_partly')), choice(say('rating_not_helpful'))];
  }

  private ratingFromButton(text: string): Rating | undefined {
    const { say } = this.services;
    const wanted = text.trim().toLowerCase();
    const byLabel: Array<[string, Rating]> = [
      [say('rating_helpful'), 'helpful'],
      [say('rating_partly'), 'partly'],
      [say('rating_not_helpful'), 'not_helpful'],
    ];
    return byLabel.find(([label]) => label.toLowerCase() === wanted)?.[1];
  }
}
