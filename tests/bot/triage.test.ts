/** Triage over whole conversations, and red flags interrupting every question of the symptom check. */
import { InProcessBot } from '../../src/evaluation/inProcessBot';
import { loadLabelledConversations, triageAgreement } from '../../src/evaluation/safetyEvaluation';

describe('triage over labelled symptom-check conversations', () => {
  it('agrees with the labelled triage in every conversation', async () => {
    const { rows } = await triageAgreement(loadLabelledConversations());
    expect(rows.filter((r) => r.expected !== r.got)).toEqual([]);
  });
});

describe('a red flag interrupts the symptom check at every question, in the same turn', () => {
  // Answers that walk the check through each of its questions in turn (consent first).
  const answers = ['yes', 'in the middle', 'about 8 weeks', 'after runs', '6', 'no', 'no', 'no', 'upped my mileage', 'no', 'no', 'no'];
  it.each(answers.map((_, i) => i))('after %i answers', async (answered) => {
    const bot = new InProcessBot();
    await bot.sayAll(['check my symptoms', ...answers.slice(0, answered)]);
    const turn = await bot.say('my legs are going numb and i have pooed myself');
    expect(turn.summary.triage).toBe('emergency');
    expect(turn.texts).toHaveLength(1);
    expect(turn.text).toMatch(/999/);
    // Nothing from the check follows the escalation.
    const next = await bot.say('ok');
    expect(next.text).not.toMatch(/\?\s*$/m);
  });
});
