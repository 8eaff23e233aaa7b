/**
 * "What is your privacy policy" / "terms": what the bot keeps, for how long and who sees it, with the
 * retention period and the clinic's contact filled in from configuration, so the notice never drifts
 * from what the bot actually does. One turn.
 */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
// The classes from their own modules: the package's index also loads every prompt and its text recognizers (~0.5 s of start-up).
import { Dialog } from 'botbuilder-dialogs/lib/dialog';
import type { BotServices } from '../src/services';

export class PrivacyPolicyDialog extends Dialog {
  static readonly id = 'privacy_policy';

  constructor(private readonly services: BotServices) {
    super(PrivacyPolicyDialog.id);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { config, say, send } = this.services;
    const text = say('privacy_policy', {
      retentionDays: String(config.DATA_RETENTION_DAYS),
      clinicContact: config.CLINIC_CONTACT ?? say('clinic_contact_unset'),
    });
    const { show_my_data, forget_me } = this.services.menu.intentChoices;
    await send(dc.context, { text, choices: [show_my_data, forget_me].filter(Boolean) });
    return dc.endDialog();
  }
}
