/**
 * The name the clinic should use. A name is a few words of letters; a request ("book a physio"), a
 * question ("what is sciatica?"), a yes/no or a contact detail is not one, so the name is asked again.
 * "My name is Sam", "I'm Sam Taylor", "call me Sam" give the name itself.
 */
import { normalisedWords } from '../../language/normalise';
import type { ReadContext } from '../answerTypes';
import { readYesNo } from './yesNo';

const MAX_NAME_LENGTH = 80;
const MAX_NAME_WORDS = 5;

/** Words a person's name is very unlikely to be made of, but a request or a question is. */
const NOT_NAME_WORDS = new Set(
  (
    'a an the is are was what how why when where who which can could should would do does did i me my you your it this that ' +
    'book booking physio physiotherapist appointment pain back hurt hurts help cancel stop start over yes no ok okay sure hi hello ' +
    'hey thanks thank please not sciatica stretch stretches exercise exercises run running runner leg legs about want need with for ' +
    'to of in on at from have has had am be been tell know check symptoms symptom forget data name skip nothing none'
  ).split(' '),
);

const INTRO =
  /^\s*(?:hi|hello|hey)?[\s,]*(?:(?:you can |please |just )*(?:use|put(?: me down as)?|go with|book it (?:under|for)|under)|my name(?:'s| is)|i am|i'm|im|it's|its|it is|this is|call me|name(?:'s| is)?:?|just)\s+/i;
/** "Jo is fine", "Sam will do": the name, then a word that it is enough. */
const ENOUGH = /\s+(?:is fine|is ok|is okay|is good|will do|is enough|please|thanks|thank you)$/i;

/** "priya patel" -> "Priya Patel", "tom o'neill" -> "Tom O'Neill"; a name typed with capitals is kept as typed. */
function capitalised(name: string): string {
  if (name !== name.toLowerCase()) return name;
  return name.replace(/(^|[\s'-])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * "put it under my son's name, Ethan Clarke", "the name's for my wife: Amy Lee", "it's for my son, Oliver
 * Hughes": the name follows the words about it.
 */
const NAME_AFTER = /^[^,:;]*\b(?:name|for my [\p{L}-]+)\b[^,:;]*[,:;]\s*(?=\S)/iu;
/** "Mrs K Patel", "Dr Lee": a title opens a name, so an initial "k" is not "ok". */
const TITLE = /^(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+\S/i;

export function readName(text: string, context: ReadContext): string | undefined {
  const name = nameIn(text, context);
  if (name !== undefined || !NAME_AFTER.test(text)) return name;
  return nameIn(text.replace(NAME_AFTER, ''), context);
}

function nameIn(text: string, context: ReadContext): string | undefined {
  const trimmed = text.trim().replace(/[.!]+$/, '');
  if (!trimmed || trimmed.length > MAX_NAME_LENGTH || /[?@\d]/.test(trimmed)) return undefined;
  const name = capitalised(trimmed.replace(INTRO, '').replace(ENOUGH, '').trim());
  if (!/^[\p{L}][\p{L}\p{M}' .-]*$/u.test(name)) return undefined;
  const words = normalisedWords(name, context.language).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return undefined;
  if (words.some((w) => NOT_NAME_WORDS.has(w))) return undefined;
  if (!TITLE.test(name) && readYesNo(name, { language: context.language }) !== 'unclear') return undefined;
  return name;
}
