/**
 * "Forget me": asks once to confirm, then removes personal data from the user's booking requests and
 * asks the bot to delete the conversation and user state at the end of the turn (src/conversation/turn.ts),
 * saying honestly what the clinic already received. Only a plain yes deletes: "yes but keep my
 * booking" is not a yes, so the question is asked again with what exactly would go.
 */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
// The classes from their own modules: the package's index also loads every prompt and its text recognizers (~0.5 s of start-up).
import { Dialog } from 'botbuilder-dialogs/lib/dialog';
import { escalatedThisTurn, noteIntent, requestForget } from '../src/conversation/turn';
import type { BotServices } from '../src/services';
import { userKeyOf } from '../src/booking/userKey';
import { fillPlaceholders } from '../src/conversation/wording';
import { questionById } from '../src/questions/questionCatalogue';
import { choicesOf, readAnswerOf } from '../src/questions/readAnswer';
import { readContextOf } from '../src/questions/readContext';
import { tapOf } from '../src/questions/tap';

export class ForgetMeDialog extends Dialog {
  static readonly id = 'forget_me';

  constructor(private readonly services: BotServices) {
    super(ForgetMeDialog.id);
  }

  private get question() {
    return questionById(this.services.questions, this.services.privacy.forget.id);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await this.services.send(dc.context, { text: this.question.text, choices: choicesOf(this.question) });
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    // An urgent sign was just said: nothing is deleted on a message that was about something else.
    if (escalatedThisTurn(dc.context, 'urgent')) return dc.endDialog();
    const { privacy, bookings, send, transcripts, questionWording } = this.services;
    const question = this.question;
    const answer = readAnswerOf(
      question,
      dc.context.activity.text ?? '',
      tapOf(dc.context.activity),
      readContextOf(this.services.reading, dc.context.activity),
    );
    if (answer.status !== 'answered') {
      if (answer.status === 'stale') await send(dc.context, { text: questionWording.staleButton });
      await send(dc.context, { text: answer.status === 'stale' ? question.text : question.reask, choices: choicesOf(question) });
      return Dialog.EndOfTurn;
    }
    if (answer.value !== true) {
      noteIntent(dc.context, 'forget_me.cancelled', 1);
      await send(dc.context, { text: privacy.forgetCancelled });
      return dc.endDialog();
    }
    const userKey = userKeyOf(dc.context);
    const sent = (await bookings.forUser(userKey)).filter((b) => b.status === 'sent').map((b) => b.reference);
    await bookings.redactUser(userKey);
    transcripts.forget(dc.context.activity.conversation.id);
    requestForget(dc.context);
    noteIntent(dc.context, 'forget_me.done', 1);
    const clinicNote = sent.length ? `\n\n${fillPlaceholders(privacy.forgetAlreadySent, { references: sent.join(', ') })}` : '';
    await send(dc.context, { text: privacy.forgetDone + clinicNote });
    return dc.endDialog();
  }
}
