/**
 * One contractions table (knowledge/nlp/lexicon.yaml `contractions`) for every reader: the symptom-check
 * readers and the yes/no reader read "can't", "cant" and "can not" alike, from the same data.
 */
import { expandContractions, shortForm } from '../../src/language/contractions';
import { readYesNo } from '../../src/questions/readers/yesNo';
import { parseLegSymptoms, parseTrainingChanges } from '../../src/symptoms/answerParsers';
import { shippedReading } from '../helpers/answerReading';

const { language } = shippedReading();

describe('the lexicon contractions', () => {
  it('writes contractions in full, with or without the apostrophe', () => {
    expect(expandContractions("i can't and they're sure it's fine, i dont", language)).toBe(
      'i can not and they are sure it fine, i do not',
    );
    expect(expandContractions("i've been fine", language)).toBe('i have been fine');
  });

  it('gives the yes/no reader the short form the normaliser leaves, but not "ive"', () => {
    expect(shortForm('i have not', language)).toBe('i havent');
    expect(shortForm('can not', language)).toBe('cant');
    expect(shortForm('i have', language)).toBe('i have');
  });

  it('reads a curly-apostrophe denial the same as a typed-out one in the symptom readers', () => {
    const curly = parseLegSymptoms('I don\u2019t have anything in my legs', { language });
    expect(curly).toEqual({ legs: 'none' });
    expect(parseLegSymptoms('I do not have anything in my legs', { language })).toEqual(curly);
    expect(parseTrainingChanges('havent changed anything', { language })).toEqual(
      parseTrainingChanges("haven't changed anything", { language }),
    );
  });

  it('reads "I dont", "I don\u2019t" and "I do not" alike at a yes/no question', () => {
    for (const reply of ['I dont', 'I don\u2019t', 'I do not']) expect(readYesNo(reply, { language })).toBe('no');
    expect(readYesNo('ive still been walking the dog 5k every day', { language })).not.toBe('yes');
  });
});
