/**
 * The red-flag screen's second opinion: a learnt net behind the rules. It turns a strong suspicion the
 * rules did not reach into one direct yes/no question, never an escalation of its own, and never
 * silences what a rule found.
 */
import * as path from 'node:path';
import { loadTrainedKnowledge, ordinaryMessages } from '../../src/services';
import { loadBlindPhrases } from '../../src/evaluation/blindPhrases';
import { BLIND_DIR } from '../../src/evaluation/blindBatches';
import { screenForRedFlags } from '../../src/safety/redFlagDetector';
import { trainRedFlagSecondOpinion } from '../../src/safety/secondOpinionTraining';
import { startBot, HttpUser, type RunningBot } from '../helpers/runningBot';
import type { ReplyActivity } from '../../src/cli/directPost';

const { safety, kb } = loadTrainedKnowledge();
const rulesOnly = { ...safety, secondOpinion: undefined };

describe('a second opinion trained without a batch, on that batch', () => {
  // What the model adds is measured on text it never trained on: here batch d, left out.
  const heldOut = {
    ...safety,
    secondOpinion: trainRedFlagSecondOpinion(kb.dir, safety, ordinaryMessages(kb), { leaveOut: 'red-flags-d' }),
  };
  const phrases = loadBlindPhrases(path.join(BLIND_DIR, 'red-flags-d.yaml'));

  test('never escalates by itself and never silences a rule: every hit and level is the rules’, questions only added', () => {
    const changed = phrases.filter(({ text }) => {
      const withModel = screenForRedFlags(text, heldOut);
      const alone = screenForRedFlags(text, rulesOnly);
      const ids = (s: typeof alone) => s.hits.map((h) => h.id).join(',');
      const asked = new Set(withModel.unclear.map((u) => u.id));
      return ids(withModel) !== ids(alone) || withModel.level !== alone.level || alone.unclear.some((u) => !asked.has(u.id));
    });
    expect(changed.map((p) => p.text)).toEqual([]);
  });

  test('leaves benign near-misses it never saw nearly all alone: at most one in ten gets a question', () => {
    const benign = phrases.filter((p) => p.level === 'none');
    const asked = benign.filter((p) => screenForRedFlags(p.text, heldOut).unclear.some((u) => u.byClassifier));
    expect(asked.length).toBeLessThanOrEqual(benign.length * 0.1);
  });
});

describe('the second opinion in the conversation, over HTTP', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.stop());
  const text = (replies: ReplyActivity[]) => replies.map((r) => r.text ?? '').join('\n');

  test('a lower rule hit does not silence a stronger suspicion: pain on pooing is urgent, then the saddle question', async () => {
    const user = new HttpUser(bot.url);
    const replies = await user.say('it hurts loads when i push doing a number two and its numb');
    // Pain on pooing is urgent (clinical-safety.md), said at once...
    expect(text(replies)).toMatch(/urgent GP appointment or call NHS 111 today/);
    // ...and the classifier's stronger suspicion, a possible cauda equina sign, gets its one direct question.
    expect(text(replies)).toMatch(/genitals, bottom or inner thighs.*\(yes\/no\)/s);
    const confirmed = await user.say('yes');
    expect(text(confirmed)).toMatch(/999/);
  });

  test('sciatica getting worse every day is urgent', async () => {
    const replies = await new HttpUser(bot.url).say(
      'leg pain was mild monday now its unbearable and spreading to my foot, way worse every day',
    );
    expect(text(replies)).toMatch(/urgent GP appointment or call NHS 111 today/);
  });

  test('ordinary runner questions get their answer, no question first', async () => {
    for (const question of ['what stretches help my lower back', 'how often should i replace my running shoes']) {
      const replies = await new HttpUser(bot.url).say(question);
      expect(text(replies)).not.toMatch(/\(yes\/no\)/);
    }
  });
});
