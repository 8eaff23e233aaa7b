/** The first answer carries what its examples ask about; "tell me more" only adds detail. */
import { answerCoverageWarnings } from '../../src/knowledge/answerCoverage';
import { loadKnowledgeBase } from '../../src/knowledge/loadKnowledge';

describe('answer coverage', () => {
  const kb = loadKnowledgeBase();

  it('no example asks about something only its "tell me more" answers', () => {
    expect(answerCoverageWarnings(kb)).toEqual([]);
  });

  it('warns when the key point is moved behind "tell me more"', () => {
    const form = kb.topicsById.get('training-running-form')!;
    const hidden = { ...form, answer: 'Good form takes strain off your lower back. Run tall and relaxed.', more: `${form.more} Watch your pelvis on a treadmill with a mirror.`, examples: [...form.examples, 'how do i check my pelvis', 'is my pelvis tilted'] };
    const warnings = answerCoverageWarnings({ ...kb, topics: kb.topics.map((t) => (t.id === form.id ? hidden : t)) });
    expect(warnings).toEqual(expect.arrayContaining([expect.objectContaining({ topic: 'training-running-form', example: 'how do i check my pelvis', missing: ['pelvi'] })]));
  });

  it.each([
    ['stretch-stretching-flexibility', /deep squat challenge/],
    ['training-running-form', /treadmill in front of and beside a mirror/],
    ['exercise-bird-dog', /draw the knee to your chest\. Do 8 to 12/],
    ['cause-weak-core', /knee to your chest \(8 to 12 each leg\)/],
    ['exercise-glute-self-test', /only when I run, or at other times too/],
  ])('%s says it in the first answer', (id, point) => {
    expect(kb.topicsById.get(id)!.answer).toMatch(point);
  });
});
