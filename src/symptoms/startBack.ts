/**
 * Keele STarT Back tool, as described in docs/safety.md ("The symptom check").
 * Nine agree/disagree items about the last 2 weeks, 1 point per agree:
 *   1 pain spreading down the leg (taken from the location / leg answers, never asked again)
 *   2 shoulder or neck pain   3 walked only short distances   4 dressed more slowly
 *   5 not safe to be physically active   6 worrying thoughts   7 pain terrible, never better
 *   8 not enjoying things   9 overall bothersomeness (agree only for "very much" or "extremely")
 * Items 5 to 9 are the psychosocial subscale. Total 0-3: low risk. Total 4+: medium if the subscale is 3 or
 * less, high if it is 4 or more. Its authors say it is not a standalone online screen: it shapes the
 * advice and the offer to book, never a diagnosis. Plain functions.
 */
import type { StartBackItem, StartBackRisk, SymptomAnswers } from './types';

export interface StartBackScore {
  /** 0 to 9. */
  total: number;
  /** Items 5 to 9, 0 to 5. */
  psychosocial: number;
  risk: StartBackRisk;
}

const PSYCHOSOCIAL_ITEMS: StartBackItem[] = [5, 6, 7, 8, 9];
const OTHER_ASKED_ITEMS: StartBackItem[] = [2, 3, 4];

/** Item 1: pain spreading down the leg, from what the user already said (buttock, thigh, below the knee, leg symptoms). */
export function legPainSpreads(answers: SymptomAnswers): boolean {
  const area = answers.location?.area;
  const spreads = area === 'buttock' || area === 'thigh' || area === 'below_knee';
  const legs = answers.legSymptoms?.legs;
  return spreads || legs === 'one' || legs === 'both';
}

/**
 * The STarT Back score, or undefined when none of items 2 to 9 has been answered (the check asks them only
 * when they can change the advice). Unanswered items count as "disagree".
 */
export function scoreStartBack(answers: SymptomAnswers): StartBackScore | undefined {
  const items = answers.startBack;
  if (!items || Object.values(items).every((value) => value === undefined)) return undefined;
  const agreed = (item: StartBackItem): number => (items[item] === true ? 1 : 0);
  const psychosocial = PSYCHOSOCIAL_ITEMS.reduce((sum, item) => sum + agreed(item), 0);
  const total = (legPainSpreads(answers) ? 1 : 0) + OTHER_ASKED_ITEMS.reduce((sum, item) => sum + agreed(item), 0) + psychosocial;
  const risk: StartBackRisk = total <= 3 ? 'low' : psychosocial <= 3 ? 'medium' : 'high';
  return { total, psychosocial, risk };
}

/** Advice keys per risk group (same key names as the assessment's adviceKeys). */
export type StartBackAdviceKey = 'self-management' | 'physiotherapy' | 'psychological-support';

/** Low: self-management advice; medium: physiotherapy; high: physiotherapy with psychological support. */
export function startBackAdvice(risk: StartBackRisk): StartBackAdviceKey[] {
  switch (risk) {
    case 'low':
      return ['self-management'];
    case 'medium':
      return ['physiotherapy'];
    case 'high':
      return ['physiotherapy', 'psychological-support'];
  }
}

/**
 * Item 9 on its 5-point scale: "not at all" / "slightly" / "moderately" -> false (disagree), "very much" /
 * "extremely" -> true (agree). Also 1-5 when the user answers with the option's number. Unclear -> undefined.
 */
export function parseBothersomeness(text: string): boolean | undefined {
  const t = ` ${text
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\b(do|does|did|is|was|are|were|has|have|had|ca|wo)n'?t\b/g, '$1 not')
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
  if (t.trim() === '') return undefined;
  if (/^ ([1-5]) $/.test(t)) return Number(t.trim()) >= 4;
  // Negated intensity first: "not very much", "not a lot", "not that bad" are at most moderate.
  if (/\b(not) (at all|very|a lot|that|too|so|really|much|hugely|massively|extremely)\b/.test(t)) return false;
  if (/\b(not at all|none|no|nope|nah|not|never|zero|nothing)\b/.test(t) && !/\b(very|extrem\w*|a lot|loads)\b/.test(t)) return false;
  if (
    /\b(extr[ea]m\w*|exterm\w*|xtreme\w*|very ?(very )?much|v much|very|massively|hugely|terribly|horribly|unbearabl\w*|a lot|lots|loads|so much|really badly|really bad|awful(ly)?|a huge amount|enormously|severely)\b/.test(
      t,
    )
  )
    return true;
  if (
    /\b(slight\w*|sligh\w*|a (little|bit)|little|mild\w*|barely|hardly|not much|somewhat|moderat\w*|medium|fairly|a fair bit|quite|some|ok ?ish|okay|average|in between|middling|so so)\b/.test(
      t,
    )
  )
    return false;
  return undefined;
}
