/**
 * Answers that were asked again though they answer: a doubled last letter, a guess at the score, "ye",
 * and a plain answer followed by "why?". Read through the shipped questions, as the dialogs read them.
 */
import { readAnswer } from '../../src/questions/answerBatch';

const today = new Date('2026-11-20T12:00:00Z');
const read = (question: string, text: string) => readAnswer(question, text, { today });

describe('answers with slips and asides', () => {
  it('reads a last letter typed twice as the word ("bothh", "one sidee")', () => {
    expect(read('symptoms.legSymptoms', 'bothh')).toBe('both');
    expect(read('symptoms.location', 'one sidee')).toBe('one_side');
  });

  it('takes a guessed score as the score, but not doubt alone or a question back', () => {
    expect(read('symptoms.severity', 'idk maybe 5?')).toBe('5');
    expect(read('symptoms.severity', 'mildish')).toBe('2-3');
    expect(read('symptoms.severity', 'idk')).toBe('unclear');
    expect(read('symptoms.severity', 'what is a 5?')).toBe('unclear');
  });

  it('reads "ye" as yes and "No. Why?" as no, but "No. what do you mean?" is asked again', () => {
    expect(read('symptoms.seriousSigns', 'ye')).toBe('yes');
    expect(read('symptoms.caudaEquina', 'No. Why?')).toBe('no');
    expect(read('symptoms.caudaEquina', 'No. what do you mean?')).toBe('unclear');
  });
});

describe('STarT Back items answered in the runner’s words', () => {
  it('reads the worry or hopelessness said as agreement, even with a "never" in it', () => {
    expect(read('symptoms.startBack6', 'honestly yes I keep worrying about it')).toBe('yes');
    expect(read('symptoms.startBack6', 'constantly worrying about whether ill make my race in april')).toBe('yes');
    expect(read('symptoms.startBack7', 'feels like itll never go away')).toBe('yes');
  });

  it('keeps a plain or denied answer as it is', () => {
    expect(read('symptoms.startBack7', 'no, I think it will get better')).toBe('no');
    expect(read('symptoms.startBack6', 'no')).toBe('no');
  });
});

describe('names given with words about them', () => {
  it('takes the name after "for my son," and a name that opens with a title', () => {
    expect(read('booking.name', "it's for my son, Oliver Hughes")).toBe('Oliver Hughes');
    expect(read('booking.name', 'mrs k patel')).toBe('Mrs K Patel');
    expect(read('booking.name', 'for my son, what is sciatica')).toBe('unclear');
    expect(read('booking.name', 'ok')).toBe('unclear');
  });
});
