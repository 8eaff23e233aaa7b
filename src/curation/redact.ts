/**
 * Strips what could identify someone from a question before it is kept for the clinic's editors:
 * email addresses, web links, phone numbers and every other number become placeholders, and so do names
 * ("my name is Sam", "I'm called Sam Jones", a capitalised word the bot never learnt). Plain function.
 */
import { isStopword } from '../nlp/textNormalizer';

/** Titles stay ("Dr [name]"): they say who was asked about without saying who. */
const TITLES = new Set(['Dr', 'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Prof']);

const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;
const NUMBER = /\d+(?:[.,:/]\d+)*/g;
/** "my name is Sam", "i'm called Sam", "call me Sam", "this is Sam Jones", "name's Sam": the next one or two words. */
const INTRODUCTION =
  /\b(my name is|my name's|name's|i am called|i'm called|im called|call me|this is|it's|signed)\s+([A-Za-z][\w'-]*)(\s+[A-Z][\w'-]*)?/gi;

export function redactQuestion(text: string, isKnownWord: (word: string) => boolean): string {
  const stripped = text
    .replace(EMAIL, '[email]')
    .replace(LINK, '[link]')
    .replace(PHONE, '[phone]')
    .replace(NUMBER, '[number]')
    .replace(INTRODUCTION, (all, lead: string, first: string) => {
      const word = first.toLowerCase();
      // "call me on 0770...", "this is my back": not a name.
      if (isStopword(word) || (/^(this is|it's)$/i.test(lead) && isKnownWord(word))) return all;
      return `${lead} [name]`;
    });
  // A capitalised word mid-sentence that the bot never learnt is most likely a name ("ask Dr Patel").
  return stripped
    .replace(/(?<=\S\s+)([A-Z][a-z'-]+)\b/g, (word) =>
      isKnownWord(word.toLowerCase()) || isStopword(word.toLowerCase()) || TITLES.has(word) || word === 'I' ? word : '[name]',
    )
    .slice(0, 500);
}
