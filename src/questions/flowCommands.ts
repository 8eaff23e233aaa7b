/**
 * Words that control a question flow rather than answer its question. "cancel" stops the flow and
 * changes nothing else (an escalation stands); it is not "start over". Plain function.
 */
import { wordsOf } from '../nlp/textNormalizer';

const CANCEL =
  /^(?:please )?(?:cancel|stop|quit|exit|abort|end)(?: (?:it|that|this|the check|the symptom check|the booking|booking|checking|please|now))*(?: please)?$|^(?:i want to |i would like to |can we |can i |let us |lets )(?:cancel|stop|quit)(?: (?:it|that|this|the check|the booking|now))*$|^(?:never mind|nevermind|forget it)$/;

export function isCancel(text: string): boolean {
  return CANCEL.test(wordsOf(text).join(' '));
}
