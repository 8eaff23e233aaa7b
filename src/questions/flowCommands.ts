/**
 * Words that control a question flow rather than answer its question. "cancel" stops the flow and
 * changes nothing else (an escalation stands); it is not "start over". Plain function.
 */
import { normalisedWords, type NormaliserLexicon } from '../language/normalise';

const CANCEL =
  /^(?:please )?(?:cancel|stop|quit|exit|abort|end)(?: (?:it|that|this|the check|the symptom check|the booking|booking|checking|please|now))*(?: please)?$|^(?:i want to |i would like to |can we |can i |let us |lets )(?:cancel|stop|quit)(?: (?:it|that|this|the check|the booking|now))*$|^(?:never mind|nevermind|forget it)$/;

export function isCancel(text: string, lexicon: NormaliserLexicon): boolean {
  return CANCEL.test(normalisedWords(text, lexicon));
}
