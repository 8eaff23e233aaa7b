/**
 * Dialog contexts for a DialogSet, built without repeating per-turn set-up the SDK does not need.
 *
 * botbuilder-dialogs builds its memory-scope configuration anew for every DialogContext unless turn state
 * already holds one under DIALOG_STATE_CONFIGURATION_KEY (a component registry walk with schema checks,
 * about a fifth of a bare dialog turn). DialogManager hands its own over the same way. The scopes hold no
 * turn data, so the configuration the first context builds serves every later turn.
 *
 * Even with that configuration, every DialogContext (a turn builds several: the bot's, the root dialog's
 * inner one, one per child a dialog looks at) registers a `new DialogsComponentRegistration()`, whose
 * constructor builds a service collection and every memory scope and path resolver factory, only for
 * ComponentRegistration.add to replace the previous instance of that class with it. The SDK reads the
 * class from its module's exports at each construction, so it is pointed at one instance made once:
 * the registry holds the same kind of object, and nothing reads the discarded ones.
 */
import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogSet, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import * as registration from 'botbuilder-dialogs/lib/dialogsComponentRegistration';

const { DialogsComponentRegistration } = registration;
const sharedRegistration = new DialogsComponentRegistration();
/** `new` on it gives the one instance (a constructor returning an object gives that object). */
function OneDialogsComponentRegistration(): InstanceType<typeof DialogsComponentRegistration> {
  return sharedRegistration;
}
OneDialogsComponentRegistration.prototype = DialogsComponentRegistration.prototype;
(registration as { DialogsComponentRegistration: unknown }).DialogsComponentRegistration = OneDialogsComponentRegistration;

export const DIALOG_STATE_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

export class DialogContextFactory {
  private configuration?: DialogStateManagerConfiguration;

  constructor(private readonly dialogs: DialogSet) {}

  async create(context: TurnContext): Promise<DialogContext> {
    if (this.configuration) context.turnState.set(DIALOG_STATE_CONFIGURATION_KEY, this.configuration);
    const dc = await this.dialogs.createContext(context);
    this.configuration ??= dc.state.configuration;
    return dc;
  }
}
