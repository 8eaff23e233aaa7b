/**
 * A tapped answer button, as every channel delivers it: Web Chat messageBack value, Teams Action.Submit
 * data (or its messageBack value), Slack's button value decoded by the Slack bridge. The text of the
 * activity is the button's label, shown as what the user said.
 */
export interface Tap {
  questionId: string;
  value: string;
}

export function tapOf(activity: { value?: unknown }): Tap | undefined {
  const value = activity.value as { questionId?: unknown; answer?: unknown } | null | undefined;
  if (!value || typeof value !== 'object') return undefined;
  return typeof value.questionId === 'string' && typeof value.answer === 'string'
    ? { questionId: value.questionId, value: value.answer }
    : undefined;
}

/** What a button sends along with its label. */
export const tapPayload = (questionId: string, value: string): { questionId: string; answer: string } => ({ questionId, answer: value });
