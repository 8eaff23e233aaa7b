/**
 * "Forget me": asks once to confirm, then removes personal data from the user's booking requests and
 * asks the bot to delete the conversation and user state at the end of the turn (src/bot/forgetUser.ts),
 * saying honestly what the clinic already received.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { requestForget } from '../src/bot/forgetUser';
import type { BotServices } from '../src/bot/services';
import { noteIntent } from '../src/bot/turnSummary';
import { userKeyOf } from '../src/booking/userKey';
import { fillPlaceholders } from '../src/conversation/wording';
import { parseYesNo } from '../src/symptoms/answerParsers';

export class ForgetMeDialog extends Dialog {
  static readonly id = 'forget_me';

  constructor(private readonly services: BotServices) {
    super(ForgetMeDialog.id);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await this.services.send(dc.context, { text: this.services.privacy.forgetConfirm, choices: this.services.menu.yesNo });
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { privacy, bookings, send, menu, transcripts } = this.services;
    const answer = parseYesNo(dc.context.activity.text ?? '');
    if (answer === undefined) {
      await send(dc.context, { text: privacy.forgetReask, choices: menu.yesNo });
      return Dialog.EndOfTurn;
    }
    if (!answer) {
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
