/**
 * A conversation fuzzer: at every question of every flow, every button is tapped, typed as its label
 * and tapped twice, and a few common non-answers are typed. The flow must move on or escalate, never
 * apply a tap to another question, never ask one question three times, and never take a non-answer
 * as an answer. In process (src/evaluation/inProcessBot.ts), so it stays fast.
 */
import type { CardAction } from 'botbuilder';
import { InProcessBot, type Turn } from '../../src/evaluation/inProcessBot';

type Step = { tap: string } | { say: string };

/** Questions without buttons, answered with a fixed value. */
const TYPED: Array<[RegExp, string, string]> = [
  [/name (should )?the clinic should use|What name should the clinic use/, 'booking.name', 'Sam Taylor'],
  [/How can the clinic reach you|email address or phone number/, 'booking.contact', 'sam@example.com'],
  [/How old are you|your age in years/, 'symptoms.age', '34'],
];
const NON_ANSWERS = ['what do you mean?', 'hmm not sure'];
/** The symptom check's safety screens are asked until they get a yes or no. */
const ASKED_UNTIL_ANSWERED = new Set(['symptoms.caudaEquina', 'symptoms.seriousSigns']);
/** Free-text questions take any text as their answer. */
const FREE_TEXT = new Set(['booking.preferredTimes', 'booking.notes']);

const answerButtons = (turn: Turn): CardAction[] => turn.actions.filter((a) => a.type === 'messageBack');
function questionOf(turn: Turn): string | undefined {
  const tapped = answerButtons(turn)[0]?.value as { questionId?: string } | undefined;
  if (tapped?.questionId) return tapped.questionId;
  return TYPED.find(([pattern]) => pattern.test(turn.texts.at(-1) ?? ''))?.[1];
}
const escalated = (turn: Turn) => turn.summary.triage === 'emergency' || turn.summary.triage === 'urgent';

async function replay(opener: string, path: Step[]): Promise<{ bot: InProcessBot; turn: Turn }> {
  const bot = new InProcessBot();
  let turn = await bot.say(opener);
  for (const step of path) turn = 'tap' in step ? await bot.tap(step.tap) : await bot.say(step.say);
  return { bot, turn };
}

/** The path through a flow taking the first button (or the fixed answer) at every question. */
async function walk(opener: string): Promise<Array<{ path: Step[]; question: string; turn: Turn }>> {
  const points: Array<{ path: Step[]; question: string; turn: Turn }> = [];
  const path: Step[] = [];
  let { turn } = await replay(opener, []);
  const asked = new Map<string, number>();
  for (let i = 0; i < 30; i += 1) {
    const question = questionOf(turn);
    if (!question) break;
    asked.set(question, (asked.get(question) ?? 0) + 1);
    expect(asked.get(question)).toBeLessThan(3);
    points.push({ path: [...path], question, turn });
    const step: Step = answerButtons(turn).length
      ? { tap: String(answerButtons(turn)[0].title) }
      : { say: TYPED.find(([, id]) => id === question)![2] };
    path.push(step);
    ({ turn } = await replay(opener, path));
  }
  return points;
}

describe.each([
  ['the symptom check', 'check my symptoms'],
  ['booking', 'book a physio'],
  ['forget me', 'forget me'],
])('%s', (_name, opener) => {
  it('moves on or escalates for every button, tapped, typed or tapped twice, and re-asks non-answers', async () => {
    const points = await walk(opener);
    expect(points.length).toBeGreaterThan(0);
    for (const { path, question, turn } of points) {
      for (const button of answerButtons(turn)) {
        const label = String(button.title);
        const where = `${question} / "${label}"`;
        // Tapped, then the same tap again.
        const { bot, turn: tapped } = await replay(opener, path);
        void tapped;
        const first = await bot.tap(label, button);
        const next = questionOf(first);
        expect({ where, moved: next !== question || escalated(first) }).toEqual({ where, moved: true });
        if (!escalated(first)) {
          const again = await bot.tap(label, button);
          // A repeated tap is recognised: never a second answer (a repeated "Send it" is the same request).
          expect({ where, text: /earlier question|already with the clinic/.test(again.text) }).toEqual({ where, text: true });
          expect({ where, still: questionOf(again) }).toEqual({ where, still: next });
        }
        // Typed as its label: the same question comes next as after the tap.
        const typed = await replay(opener, [...path, { say: label }]);
        expect({ where, typedNext: questionOf(typed.turn) ?? null, escalated: escalated(typed.turn) }).toEqual({
          where,
          typedNext: escalated(typed.turn) ? (questionOf(typed.turn) ?? null) : (next ?? null),
          escalated: escalated(typed.turn),
        });
      }
      if (FREE_TEXT.has(question)) continue;
      for (const text of NON_ANSWERS) {
        const { turn: reply } = await replay(opener, [...path, { say: text }]);
        // Not an answer: the same question again (never stored, never moved on from).
        expect({ question, text, next: questionOf(reply) }).toEqual({ question, text, next: question });
      }
      // Asked at most twice: after a second non-answer the check moves on (its safety screens excepted:
      // they wait for a yes or no).
      if (question.startsWith('symptoms.') && !ASKED_UNTIL_ANSWERED.has(question)) {
        const { turn: twice } = await replay(opener, [...path, { say: NON_ANSWERS[0] }, { say: NON_ANSWERS[1] }]);
        expect({ question, third: questionOf(twice) === question }).toEqual({ question, third: false });
      }
      // A request to do something else is never taken as the answer: it starts booking, or (in the
      // booking itself) the question is asked again.
      const { turn: switched } = await replay(opener, [...path, { say: 'book a physio' }]);
      expect({ question, next: questionOf(switched) }).toEqual({
        question,
        next: question.startsWith('booking.') ? question : expect.stringMatching(/^booking\.(consent|name)$/),
      });
    }
  });
});
