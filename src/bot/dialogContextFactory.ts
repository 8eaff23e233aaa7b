/**
 * Dialog contexts for a DialogSet, built without repeating per-turn set-up the SDK does not need.
 *
 * botbuilder-dialogs builds its memory-scope configuration anew for every DialogContext unless turn state
 * already holds one under DIALOG_STATE_CONFIGURATION_KEY (a component registry walk with schema checks,
 * about a fifth of a bare dialog turn). DialogManager hands its own over the same way. The scopes hold no
 * turn data, so the configuration the first context builds serves every later turn.
 */
import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogSet, DialogStateManagerConfiguration } from 'botbuilder-dialogs';

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
