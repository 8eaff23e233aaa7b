/** What the bot remembers about one conversation (besides the dialog stack). */
import type { TriageLevel } from '../safety/types';

export interface ConversationData {
  /** The last knowledge topic answered, so "tell me more" knows what "more" is about. */
  lastTopicId?: string;
  /** Highest triage said in this conversation; never lowered until the user starts over. */
  triage: TriageLevel | null;
  /** True once the user mentioned thoughts of suicide or self-harm: reminders then use the crisis line. */
  crisis?: boolean;
  /** Red flags the user has reported in this conversation. */
  redFlags: string[];
  /** The result of the last symptom check, kept only with the user's consent (for the booking summary). */
  lastSymptomCheck?: { triage: TriageLevel; reasons: string[]; completedAt: string };
  /** The reference of the booking request made in this conversation, if any. */
  lastBookingReference?: string;
  /** A red flag mentioned unclearly, whose yes/no question the bot has just asked. */
  pendingRedFlagQuestion?: string;
  /**
   * The message that raised that question, answered after a "no" (it held a question of its own:
   * "i upped my mileage and my back hurts"). Kept one turn only, then dropped.
   */
  pendingRedFlagMessage?: string;
  /** Red-flag questions answered "no" during a question flow: not asked again there. */
  clearedRedFlagQuestions?: string[];
  /** The id of the question the bot's last reply asked (knowledge/*.yaml), while it waits for the answer. */
  awaitingAnswerTo?: string;
  /** True once the welcome (with its disclaimer) has been shown. */
  welcomed?: boolean;
}

export const emptyConversationData = (): ConversationData => ({ triage: null, redFlags: [] });
