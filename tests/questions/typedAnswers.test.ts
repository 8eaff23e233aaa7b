/**
 * Kinds of typed answer the readers once misread (issue 12): each case is a phrasing a runner might
 * type, read through readAnswer(questionId, text) exactly as a blind batch scores it.
 */
import { readAnswer } from '../../src/questions/answerBatch';

const today = new Date('2026-12-02T12:00:00');
const read = (question: string, text: string): string => readAnswer(question, text, { today, phoneCountry: 'GB' });

describe('UK phone numbers', () => {
  it.each([
    // Ofcom's drama range and any block the library's metadata does not list yet: shaped like a mobile.
    ['07700 900555', '+447700900555'],
    ['call me on 07911 123456 in the evening', '+447911123456'],
    ['+44 (0) 7911 123456', '+447911123456'],
    ['0044-7911-123456', '+447911123456'],
    ['07911.123.456', '+447911123456'],
    ['landline is 0161 496 0000', '+441614960000'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('booking.contact', text)).toBe(expected);
  });

  it.each(['07911 12345', '0123 456 789', '1234567', 'after 6pm please'])('"%s" is not a phone number: asked again', (text) => {
    expect(read('booking.contact', text)).toBe('unclear');
  });
});

describe('pain severity in words: the band the lexicon gives the word', () => {
  it.each([
    ['quite mild', '2-3'],
    ['moderat i guess', '4-6'],
    ['honestly severe', '7-8'],
    ['extremely severe at its worst', '9-10'],
    ['excrutiating when it spasms', '9-10'],
    // Of two words the worse counts, as "6-7" counts as 7.
    ['somewhere between moderate and severe', '7-8'],
    // A number still wins over a word.
    ['severe, about a 6', '6'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.severity', text)).toBe(expected);
  });

  it.each(['not severe', 'bad', 'it varies'])('"%s" names no band: asked again', (text) => {
    expect(read('symptoms.severity', text)).toBe('unclear');
  });
});

describe('hedged yes and no', () => {
  it.each([
    // A second thought standing next to the one answer is the answer.
    ['privacy.forget', 'hang on, wait... no', 'no'],
    ['privacy.forget', 'hmm, actually no', 'no'],
    ['symptoms.caudaEquina', 'actually yes, my wee has been weird', 'yes'],
    // Both answers, or a second thought with a condition, is asked again.
    ['privacy.forget', 'yes, wait, no', 'unclear'],
    ['privacy.forget', 'no actually yes', 'unclear'],
    // Answer words inside the story after the answer are the story.
    ['symptoms.pastInjury', 'yeah, a knee that never healed right', 'yes'],
    ['symptoms.morningStiffness', "nope, I'm sure it's nothing like that", 'no'],
    // A narrowed yes on a safety screen is still a yes; a narrowed no is asked again.
    ['symptoms.painBendingBackwards', 'yes but only a tiny bit on the left', 'yes'],
    ['symptoms.painBendingBackwards', 'no but only because I have not tried', 'unclear'],
    // A degree of yes is yes; doubt is not, except on a safety screen.
    ['symptoms.morningStiffness', 'yeah a little', 'yes'],
    ['symptoms.morningStiffness', 'probably', 'unclear'],
    ['symptoms.consent', 'yeah no', 'unclear'],
    ['symptoms.consent', 'not really', 'no'],
    ['symptoms.consent', 'I think so', 'yes'],
  ])('%s: "%s" -> %s', (question, text, expected) => {
    expect(read(question, text)).toBe(expected);
  });
});

describe('agreement items: a degree of agreement is agreement', () => {
  it.each([
    ['symptoms.startBack6', 'sort of agree', 'yes'],
    ['symptoms.startBack6', 'a little, yeah', 'yes'],
    ['symptoms.startBack8', 'kinda', 'yes'],
    ['symptoms.startBack8', 'maybe', 'unclear'],
    ['symptoms.startBack7', "no, I'm sure I'll be fine", 'no'],
    ['symptoms.startBack7', 'yes, it feels like it will never end', 'yes'],
  ])('%s: "%s" -> %s', (question, text, expected) => {
    expect(read(question, text)).toBe(expected);
  });
});

describe('typed duration ranges: the button whose range holds them', () => {
  it.each([
    ['3-5 weeks', '7-41 days'],
    ['between 2 and 4 wks', '7-41 days'],
    ['7–10 weeks', '42-83 days'],
    // A range across two buttons is kept as typed, never a made-up midpoint.
    ['3 - 8 weeks', '21-55 days'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.duration', text)).toBe(expected);
  });
});

describe('named days and a year said with a date (on 2 December 2026)', () => {
  it.each([
    // UK bank holidays from knowledge/nlp/named-days.yaml: the weekday of the month, not the 1st of it.
    ['since the summer bank holiday', '93 days'],
    ['since the early may bank holiday', '212 days'],
    ['since remembrance sunday', '24 days'],
    // "last year" belongs to the date before it, not a year ago.
    ['since bonfire night last year', '392 days'],
    ['since april last year', '610 days'],
    ['since june this year', '184 days'],
    ['since last year', '365 days'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.duration', text)).toBe(expected);
  });
});

describe('booking replies', () => {
  it.each([
    ['booking.name', 'you can put me down as Ana Silva', 'Ana Silva'],
    ['booking.name', 'just go with Kit', 'Kit'],
    ['booking.name', 'use my nickname', 'unclear'],
    // A no with closing words is no notes.
    ['booking.notes', "nah that's it thanks", 'none'],
    ['booking.notes', 'nothing else, cheers', 'none'],
    ['booking.notes', 'no running for me this week please note', 'no running for me this week please note'],
    // A question back to the bot is not a note or a time; a question for the clinic is kept.
    ['booking.notes', 'what should I wear?', 'unclear'],
    ['booking.notes', 'can they look at my knee too?', 'can they look at my knee too?'],
    ['booking.preferredTimes', 'when are they open?', 'unclear'],
    // A cancel with nothing to change cancels.
    ['booking.confirm', 'nah scrap it', 'cancel'],
    ['booking.confirm', 'hmm, never mind, cancel', 'cancel'],
    ['booking.confirm', 'actually change the name', 'change name'],
  ])('%s: "%s" -> %s', (question, text, expected) => {
    expect(read(question, text)).toBe(expected);
  });
});
