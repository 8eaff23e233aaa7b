/** The bot and its dialogs, wired once, for the server, the tests and the evaluation alike. */
import { RootDialog } from '../../dialogs/rootDialog';
import { BookingDialog } from '../../dialogs/bookingDialog';
import { ForgetMeDialog } from '../../dialogs/forgetMeDialog';
import { SymptomCheckDialog } from '../../dialogs/symptomCheckDialog';
import { FeedbackDialog } from '../../dialogs/feedbackDialog';
import { PrivacyPolicyDialog } from '../../dialogs/privacyPolicyDialog';
import { TalkToPersonDialog } from '../../dialogs/talkToPersonDialog';
import { BackOnTrackBot } from './backOnTrackBot';
import type { BotServices } from '../services';

export function createBot(services: BotServices): BackOnTrackBot {
  return new BackOnTrackBot(
    services,
    new RootDialog(services, [
      new SymptomCheckDialog(services),
      new BookingDialog(services),
      new ForgetMeDialog(services),
      new FeedbackDialog(services),
      new PrivacyPolicyDialog(services),
      new TalkToPersonDialog(services),
    ]),
  );
}
