/** The one reader per answer type, through readAnswer(questionId, text) as a blind batch scores it. */
import { readAnswer } from '../../src/questions/answerBatch';
import { readYesNo } from '../../src/questions/readers/yesNo';
import { shippedReading } from '../helpers/answerReading';

const language = shippedReading().language;

const today = new Date('2026-12-02T12:00:00');

describe('readYesNo', () => {
  it.each([
    ['yes', 'yes'],
    ['sure', 'yes'],
    ['ok', 'yes'],
    ['yep', 'yes'],
    ['Yes please', 'yes'],
    ['no', 'no'],
    ['not really', 'no'],
    ['nope, nothing like that', 'no'],
    ["I don't", 'no'],
    ['yes but change the time', 'unclear'],
    ['yeah no', 'unclear'],
    ['what do you mean?', 'unclear'],
    ['ok thanks, what stretches help?', 'unclear'],
    ['not sure', 'unclear'],
    ['maybe', 'unclear'],
    ['a bit', 'unclear'],
    // Once the symptom parsers' own yes/no reader (now removed): the one reader reads them the same.
    ['y', 'yes'],
    ['yess', 'yes'],
    ['i think so', 'yes'],
    ['definitely', 'yes'],
    ['Yeah, I do', 'yes'],
    ['agree', 'yes'],
    ['Nope!', 'no'],
    ['n', 'no'],
    ['none', 'no'],
    ['no none of those', 'no'],
    ['neither', 'no'],
    ["i don't think so", 'no'],
    ["No I don't think so", 'no'],
    ['definitely not', 'no'],
    ["no i haven't", 'no'],
    ['disagree', 'no'],
    ['idk', 'unclear'],
    ['no, but I had a fever last week', 'unclear'],
    ['', 'unclear'],
  ])('"%s" -> %s', (text, expected) => {
    expect(readYesNo(text, { language })).toBe(expected);
  });

  it.each(['maybe', 'a bit', 'sometimes', 'kind of'])('"%s" is yes to a safety question', (text) => {
    expect(readYesNo(text, { partialMeansYes: true, language })).toBe('yes');
  });
});

describe('readAnswer', () => {
  it.each([
    ['symptoms.duration', 'eight weeks', '56 days'],
    ['symptoms.duration', 'a fortnight', '14 days'],
    ['symptoms.duration', 'since the 7th of November', '25 days'],
    ['symptoms.duration', 'since 14/11', '18 days'],
    ['symptoms.duration', '1 to 6 weeks', '7-41 days'],
    ['symptoms.severity', 'solid eight', '8'],
    ['symptoms.severity', '7/10', '7'],
    ['symptoms.severity', 'Severe (7-8)', '7-8'],
    ['symptoms.location', 'lower back', 'central'],
    ['symptoms.location', 'lumbar', 'central'],
    ['symptoms.location', 'middle of my back', 'central'],
    ['symptoms.location', 'Below the knee', 'below_knee'],
    ['symptoms.location', 'down the back of my right leg', 'thigh right'],
    ['symptoms.timing', 'most of the time', 'all_the_time'],
    ['symptoms.timing', 'when I bend over', 'with_movement'],
    // Negation is read in its clause by the language layer: a "no" elsewhere does not cancel the movement.
    ['symptoms.timing', 'no pain running but it hurts when i bend over', 'with_movement'],
    ['symptoms.timing', 'never when lifting', 'unclear'],
    ['symptoms.startBack2', "I don't agree", 'no'],
    ['symptoms.startBack2', 'I agree', 'yes'],
    ['booking.confirm', "don't send it", 'cancel'],
    ['symptoms.legSymptoms', 'In one leg', 'one'],
    ['symptoms.legSymptoms', 'tingling in my left leg', 'one: tingling'],
    ['symptoms.caudaEquina', 'maybe', 'yes'],
    ['symptoms.consent', 'yeah no', 'unclear'],
    ['booking.name', 'book a physio', 'unclear'],
    ['booking.name', 'what is sciatica?', 'unclear'],
    ['booking.name', 'yes', 'unclear'],
    ['booking.name', "I'm Sam Taylor", 'Sam Taylor'],
    ['booking.contact', 'sam@example.com', 'sam@example.com'],
    ['booking.confirm', 'yes but change the time to evenings', 'change preferredTimes'],
    ['booking.confirm', 'Send it', 'send'],
    ['booking.notes', 'nothing else', 'none'],
    ['privacy.forget', 'yes but keep my booking', 'unclear'],
  ])('%s: "%s" -> %s', (question, text, expected) => {
    expect(readAnswer(question, text, { today })).toBe(expected);
  });
});

describe('readYesNo, in longer replies', () => {
  it.each([
    ['yes! right in one spot on the right, sharp when i lean back', 'yes'],
    ['no, no numbness or anything down there, peeing fine', 'no'],
    ["that's fine", 'yes'],
    ['thats fine', 'yes'],
    ['no, when would that matter?', 'unclear'],
    // A short answer, then the story: the answer stands (the screen reads the story).
    ['no. had a uti about a year ago but antibiotics sorted it, nothing since', 'no'],
    ['Yes. It started after the fall', 'yes'],
    ['no but sometimes i leak a bit', 'unclear'],
  ])('"%s" -> %s', (text, expected) => {
    expect(readYesNo(text, { language })).toBe(expected);
  });

  it.each([
    ['no, my mum had breast cancer but I havent', 'no'],
    ['nope, just the usual aches', 'no'],
    ['no, a bit sometimes', 'yes'],
    ['no, but my legs are numb', 'unclear'],
    ['no, not sure actually', 'unclear'],
    ['no, why do you ask?', 'unclear'],
    ['yes, since last week', 'yes'],
  ])('on a safety question "%s" -> %s', (text, expected) => {
    expect(readYesNo(text, { partialMeansYes: true, language })).toBe(expected);
  });

  it.each([
    ['yes, but change the time to evenings', 'unclear'],
    ['no, well a bit sometimes', 'unclear'],
  ])('elsewhere a comma does not end the answer: "%s" -> %s', (text, expected) => {
    expect(readYesNo(text, { language })).toBe(expected);
  });

  it('a yes that acts is not followed by a new subject', () => {
    expect(readYesNo('ok, tell me about running shoes', { strict: true, language })).toBe('unclear');
    expect(readYesNo('yes please go ahead', { strict: true, language })).toBe('yes');
  });
});
