/**
 * "Can I talk to a person": with HANDOFF_ENABLED the conversation goes to the clinic's agent hub (the
 * Bot Framework handoff.initiate event); otherwise the bot says how to reach the clinic (CLINIC_CONTACT)
 * and offers to send a booking request. One turn, then back to the root dialog.
 */
import { EventFactory } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
// The classes from their own modules: the package's index also loads every prompt and its text recognizers (~0.5 s of start-up).
import { Dialog } from 'botbuilder-dialogs/lib/dialog';
import type { BotServices } from '../src/services';
import { noteIntent } from '../src/conversation/turn';

export class TalkToPersonDialog extends Dialog {
  static readonly id = 'talk_to_person';

  constructor(private readonly services: BotServices) {
    super(TalkToPersonDialog.id);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { config, say, send, menu } = this.services;
    if (config.HANDOFF_ENABLED) {
      await send(dc.context, { text: say('talk_to_person_handoff') });
      await dc.context.sendActivity(EventFactory.createHandoffInitiation(dc.context, { reason: 'asked-for-a-person' }));
      noteIntent(dc.context, 'talk_to_person.handoff', 1);
      return dc.endDialog();
    }
    const clinicContact = config.CLINIC_CONTACT ?? say('clinic_contact_unset');
    await send(dc.context, { text: say('talk_to_person_contact', { clinicContact }), choices: [menu.intentChoices.book_physio] });
    noteIntent(dc.context, 'talk_to_person.contact', 1);
    return dc.endDialog();
  }
}
