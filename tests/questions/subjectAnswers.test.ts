/**
 * Yes/no questions answered by what they ask about rather than by a yes (issue 12, answers-c kinds), in
 * our own phrasings: the injury named, a screened sign the red-flag screen finds, a sign said unsure of
 * itself on a safety screen. A question back about it is still asked again.
 */
import { readAnswer } from '../../src/questions/answerBatch';

const today = new Date('2026-12-03T12:00:00');
const read = (question: string, text: string): string => readAnswer(question, text, { today, phoneCountry: 'GB' });

describe('past injury: naming it is the yes', () => {
  it.each([
    ['tore my hamstring two summers ago', 'yes'],
    ['had knee surgery on my meniscus in 2021', 'yes'],
    ['achilles tendinopathy a few years back', 'yes'],
    ['stress fracture in my shin at uni', 'yes'],
    // Denied or someone else's is not.
    ['never been injured', 'no'],
    ['my brother broke his leg skiing', 'unclear'],
    // Asked back: asked again.
    ['a rolled ankle, is that the kind of thing?', 'unclear'],
    // Doubt whether it matters is not doubt about the answer.
    ['dunno if its relevant but I tore my calf last spring', 'yes'],
    ['not sure if it matters', 'unclear'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.pastInjury', text)).toBe(expected);
  });
});

describe('serious-signs screen: a sign the red-flag screen finds is the yes', () => {
  it.each([
    ['been running a temperature since the weekend', 'yes'],
    ['had chemo for bowel cancer a while ago', 'yes'],
    ['it never lets up, even in bed', 'yes'],
    ['nothing like that', 'no'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.seriousSigns', text)).toBe(expected);
  });
});

describe('cauda equina screen: signs said roundabout or unsure', () => {
  it.each([
    ['keep having to rush to the toilet lately', 'yes'],
    ['dunno, maybe a bit numb down there?', 'yes'],
    ['a bit of a change with erections, yes', 'yes'],
    ['not sure', 'unclear'],
    ['what do you mean by bowel trouble?', 'unclear'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.caudaEquina', text)).toBe(expected);
  });
});

describe('words that look like an answer and are not', () => {
  it.each([
    // "5k" is kilometres, not "ok".
    ['symptoms.startBack3', 'walked 5k to work and back', 'unclear'],
    // "please" with a no is politeness.
    ['booking.shareSummary', 'leave that out please', 'no'],
    ['booking.shareSummary', 'please', 'yes'],
  ])('%s: "%s" -> %s', (question, text, expected) => {
    expect(read(question, text)).toBe(expected);
  });
});

describe('booking replies in text-speak', () => {
  it.each([
    ['booking.notes', 'nah thats all thx', 'none'],
    ['booking.confirm', 'hang on the phone numbers wrong', 'change contact'],
  ])('%s: "%s" -> %s', (question, text, expected) => {
    expect(read(question, text)).toBe(expected);
  });

  it('"during and after tbh" is both', () => {
    expect(read('symptoms.timing', 'after and during tbh')).toBe('during_running, after_running');
  });
});

describe('slips in short answers: corrected towards the words the reader knows, never into a no', () => {
  it.each([
    ['booking.consent', 'yse go ahaed', 'yes'],
    ['booking.confirm', 'pls sedn it', 'send'],
    ['booking.confirm', 'cancle', 'cancel'],
    ['symptoms.consent', 'definately', 'yes'],
    // "nit" is a real word, and no slip is read as a no: asked again.
    ['symptoms.caudaEquina', 'nit really', 'unclear'],
    ['symptoms.caudaEquina', 'noe', 'unclear'],
  ])('%s: "%s" -> %s', (question, text, expected) => {
    expect(read(question, text)).toBe(expected);
  });
});

describe('morning stiffness: the length said answers the half-hour question', () => {
  it.each([
    ['loosens up after ten minutes or so', 'no'],
    ['a couple of mins, nothing major', 'no'],
    ['takes about an hour to ease off', 'yes'],
    ['45 minutes most days', 'yes'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.morningStiffness', text)).toBe(expected);
  });
});

describe('the name after the words about it, and "one" to "one leg or both?"', () => {
  it.each([
    ['booking.name', 'book it under my wifes name: Amy Lee', 'Amy Lee'],
    ['booking.name', 'my name, what for?', 'unclear'],
    ['symptoms.legSymptoms', 'just the one, left', 'one'],
    ['symptoms.legSymptoms', 'in one', 'one'],
  ])('%s: "%s" -> %s', (question, text, expected) => {
    expect(read(question, text)).toBe(expected);
  });
});
