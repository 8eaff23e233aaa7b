/** What the bot remembers about one conversation (besides the dialog stack). */
import type { TriageLevel } from '../safety/types';

export interface ConversationData {
  /** The last knowledge topic answered, so "tell me more" knows what "more" is about. */
  lastTopicId?: string;
  /** Highest triage said in this conversation; never lowered until the user starts over. */
  triage: TriageLevel | null;
  /** Red flags the user has reported in this conversation. */
  redFlags: string[];
  /** True once the welcome (with its disclaimer) has been shown. */
  welcomed?: boolean;
}

export const emptyConversationData = (): ConversationData => ({ triage: null, redFlags: [] });
