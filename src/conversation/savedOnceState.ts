/**
 * Conversation and user state that serialise a turn's state once to tell whether it changed.
 *
 * botbuilder's BotState computes a change hash (its own stringify, whose replacer runs on every value,
 * then sha256) when it loads, again when it saves and a third time after writing: per state, per turn.
 * Here the JSON text of the state as loaded is what saving compares with, and the text saved becomes the
 * next reference. With lowdb neither costs a stringify of its own: the storage hands over the text of
 * what it read and takes the text compared as the one to write (src/storage/itemText.ts). The rule stays the SDK's: read once per turn, write only what changed (eTag `*`), the
 * eTag not counted as a change; clear() forces a write and delete() forgets the turn's copy.
 */
import { ConversationState, UserState, type BotState, type TurnContext } from 'botbuilder';
import { noteWriteText, stringifyItem, takeReadText } from '../storage/itemText';

type State = Record<string, unknown>;

interface Loaded {
  state: State;
  /** The state's JSON text (eTag left out) when it was read or last written; '' means "write it". */
  text: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor takes the base class's arguments
type StateClass = new (...args: any[]) => BotState;

function savedOnce<Base extends StateClass>(base: Base) {
  return class extends base {
    /** Where this state's copy for the turn is kept in the turn's state. */
    private readonly turnKey = Symbol('saved-once state');

    override async load(context: TurnContext, force = false): Promise<State> {
      const loaded = context.turnState.get(this.turnKey) as Loaded | undefined;
      if (loaded && !force) return loaded.state;
      const key = await this.storageKey(context);
      const items = await this.storage.read([key]);
      const state = (items[key] as State | undefined) ?? {};
      context.turnState.set(this.turnKey, { state, text: takeReadText(state) } satisfies Loaded);
      return state;
    }

    override async saveChanges(context: TurnContext, force = false): Promise<void> {
      const loaded = (context.turnState.get(this.turnKey) as Loaded | undefined) ?? (force ? { state: {}, text: '' } : undefined);
      if (!loaded) return;
      const text = stringifyItem(loaded.state);
      if (!force && text === loaded.text) return;
      const key = await this.storageKey(context);
      loaded.state.eTag = '*';
      noteWriteText(loaded.state, text);
      await this.storage.write({ [key]: loaded.state });
      loaded.text = text;
      context.turnState.set(this.turnKey, loaded);
    }

    override async clear(context: TurnContext): Promise<void> {
      context.turnState.set(this.turnKey, { state: {}, text: '' } satisfies Loaded);
    }

    override async delete(context: TurnContext): Promise<void> {
      context.turnState.delete(this.turnKey);
      const key = await this.storageKey(context);
      await this.storage.delete([key]);
    }

    override get(context: TurnContext): State | undefined {
      return (context.turnState.get(this.turnKey) as Loaded | undefined)?.state;
    }
  };
}

export const SavedOnceConversationState = savedOnce(ConversationState);
export const SavedOnceUserState = savedOnce(UserState);
