/**
 * The one yes/no reader, for every yes/no question the bot asks (symptom-check screens, consent,
 * booking, forget me, the red-flag "quick check"). Plain function: text in, 'yes' | 'no' | 'unclear' out.
 *
 * "yes but ..." and "yeah no" are unclear: the user is adding a condition or changing their mind, and
 * acting on half of it (sending a booking, deleting everything) would be wrong. "not really" is no. For a
 * safety question a partial yes ("maybe", "a bit", "sometimes") counts as yes: a false alarm is cheaper
 * than a missed sign. Words and clauses come from the one language layer (src/language): its normaliser
 * and lexicon, and its clause splitting for a short answer followed by a story.
 */
import { splitIntoClauses } from '../../language/clauses';
import { isEnglishWord } from '../../language/dictionary';
import { normalisedWords, normaliseText } from '../../language/normalise';
import { correctTowards } from '../../language/spelling';
import { shortForm } from '../../language/contractions';
import type { DetectorLexicon } from '../../safety/types';

export type YesNo = 'yes' | 'no' | 'unclear';

export interface YesNoOptions {
  /** The one language layer's lexicon. */
  language: DetectorLexicon;
  /** A safety question: "maybe", "a bit", "sometimes", "kind of" mean yes. */
  partialMeansYes?: boolean;
  /**
   * An agree/disagree item (STarT Back): a degree ("kind of", "a bit", "a little") is agreement, as a
   * two-box form would be ticked. Doubt ("maybe", "probably") is not.
   */
  degreeMeansYes?: boolean;
  /**
   * A yes that acts (send the booking, delete everything): a yes followed by a new subject ("ok, tell
   * me about shoes") is not one.
   */
  strict?: boolean;
}

const YES_PHRASES = [
  'yes',
  'ye',
  'yeah',
  'yea',
  'yeh',
  'ya',
  'yep',
  'yup',
  'yes please',
  'aye',
  'sure',
  'ok',
  'okay',
  'k',
  'okey',
  'alright',
  'all right',
  'definitely',
  'absolutely',
  'certainly',
  'of course',
  'correct',
  'right',
  'that is right',
  'true',
  'indeed',
  'affirmative',
  'i do',
  'i have',
  'i did',
  'i am',
  'i had',
  'it does',
  'it is',
  'it did',
  'they do',
  'i think so',
  'think so',
  'i believe so',
  'afraid so',
  'go ahead',
  'go for it',
  'please do',
  'do it',
  'fine',
  'agree',
  'agreed',
  'y',
  'yass',
  'yas',
  'ys',
  'yess',
  'yesss',
  'totally',
  'for sure',
  'sounds good',
  'that is fine',
  'please',
  'keep them',
  'yes keep them',
  'go on',
];
const NO_PHRASES = [
  'no',
  'nope',
  'nah',
  'naw',
  'n',
  'nop',
  'noo',
  'never',
  'none',
  'nothing',
  'neither',
  'negative',
  'not really',
  'not at all',
  'no thanks',
  'no thank you',
  'not that i know of',
  'not that i have noticed',
  'i do not',
  'i have not',
  'i did not',
  'i am not',
  'it does not',
  'it is not',
  'nothing like that',
  'none of those',
  'none of them',
  'none of that',
  'no way',
  'disagree',
  'do not',
  'i do not think so',
  'do not think so',
  'no i do not think so',
  'no do not think so',
  'no i dont think so',
  'not',
  'nil',
  'no no',
  'not me',
  'all fine',
  'all good',
  'i am fine',
  'rather not',
  'i would rather not',
  'no i do not',
  'no i have not',
  'no not really',
  'nope none',
  'not anymore',
  'leave it out',
  'leave that out',
  'leave them out',
  'definitely not',
  'absolutely not',
  'certainly not',
  'of course not',
];
const PARTIAL_PHRASES = [
  'maybe',
  'perhaps',
  'possibly',
  'probably',
  'a bit',
  'a little',
  'a little bit',
  'bit',
  'slightly',
  'sometimes',
  'occasionally',
  'kind of',
  'sort of',
  'kinda',
  'sorta',
  'i guess',
  'might be',
  'might have',
  'i might',
  'a touch',
  'now and then',
  'on and off',
  'somewhat',
  'a tiny bit',
  'partly',
  'once or twice',
  'a little maybe',
];
/** Partial answers that are doubt about the answer, not a degree of it: only a safety question reads them as yes. */
const DOUBT = new Set(['maybe', 'perhaps', 'possibly', 'probably', 'i guess', 'might be', 'might have', 'i might', 'a little maybe']);
/**
 * Not knowing the answer. "It depends" is not here: it says the answer varies and what follows says how
 * ("depends, 3 on a good day but 8 when it flares").
 */
const UNSURE_PHRASES = [
  'not sure',
  'unsure',
  'i do not know',
  'do not know',
  'no idea',
  'dunno',
  'idk',
  'can not remember',
  'can not tell',
  'hard to say',
];
/**
 * Doubt about whether the answer matters, not about the answer: "broke my foot as a kid, not sure it
 * matters" has answered. Read as story words, so "not sure" in them is not unsure.
 */
const ASIDE_PHRASES = ['it matters', 'that matters', 'its relevant', 'thats relevant', 'relevant', 'it counts', 'that counts'].flatMap(
  (end) =>
    ['not sure', 'not sure if', 'dunno if', 'no idea if', 'i do not know if', 'i dont know if', 'not sure whether'].map(
      (start) => `${start} ${end}`,
    ),
);
/**
 * A second thought that is itself the answer: "wait no", "actually yes", "yes actually". Read as a turn
 * (unclear) unless it stands next to the one answer the reply gives.
 */
const SECOND_THOUGHTS = new Set(['wait', 'actually', 'hmm', 'hold']);
/** Words that turn a yes or no into something else: a condition, a change, or a second thought. */
const TURNS = new Set([
  'but',
  'except',
  'although',
  'though',
  'however',
  'unless',
  'only',
  'apart',
  'instead',
  'change',
  'keep',
  'wait',
  'actually',
  'hmm',
  'hold',
]);
/** Turns that change what is done with the answer ("yes but change the time"): nothing to change on a safety screen. */
const ACTING_TURNS = new Set(['change', 'keep', 'instead']);
const QUESTION_WORDS = new Set(['what', 'why', 'how', 'which', 'who', 'where', 'when', 'huh', 'pardon', 'mean', 'explain']);

/** Yes words that, after a noun, describe it ("peeing fine") rather than answer. */
const DESCRIPTIVE = new Set(['fine', 'ok', 'okay', 'alright', 'all right', 'right', 'true', 'correct']);

/** Politeness and filler that do not change a yes or no. */
const FILLER = new Set([
  'thats',
  'its',
  'im',
  'thanks',
  'thank',
  'you',
  'please',
  'mate',
  'ta',
  'cheers',
  'so',
  'just',
  'really',
  'well',
  'um',
  'uh',
  'er',
  'erm',
  'oh',
  'that',
  'is',
  'it',
  'the',
  'and',
  'i',
  'am',
  'very',
  'much',
  'lol',
  'haha',
]);

/** The reader's phrases, each also as the normaliser leaves it typed short ("i do not" is also "i dont"). */
interface Phrases {
  yes: string[][];
  no: string[][];
  partial: string[][];
  unsure: string[][];
  aside: string[][];
  vocabulary: ReadonlySet<string>;
  spelling: { minLength: number; keep: (word: string) => boolean };
}
const phrasesByLexicon = new WeakMap<DetectorLexicon, Phrases>();

/** The phrases with the lexicon's short forms of contractions, compiled once per lexicon. */
function phrasesOf(language: DetectorLexicon): Phrases {
  const known = phrasesByLexicon.get(language);
  if (known) return known;
  const phraseSet = (phrases: string[]) => [...new Set(phrases.flatMap((p) => [p, shortForm(p, language)]))].map((p) => p.split(' '));
  const [yes, no, partial, unsure, aside] = [YES_PHRASES, NO_PHRASES, PARTIAL_PHRASES, UNSURE_PHRASES, ASIDE_PHRASES].map(phraseSet);
  // The words a typo is corrected towards ("yse" -> "yes", "ahed" -> "ahead", "tem" -> "them"): those of
  // the yes, partial and unsure phrases and the turns. Never a word that is a no on its own ("not",
  // "none"): on a safety screen a slip read as "no" would hide a sign, where a slip left as typed is only
  // asked again.
  const vocabulary = new Set(
    [...yes, ...partial, ...unsure, ...[...TURNS].map((t) => [t])]
      .flat()
      .filter((w) => w.length >= 3 && !no.some((p) => p.length === 1 && p[0] === w)),
  );
  // Every word the reader knows, no words included: those are what they are, never slips for another.
  const everyWord = new Set([...yes, ...no, ...partial, ...unsure].flat().concat([...FILLER, ...TURNS, ...QUESTION_WORDS]));
  const phrases = {
    yes,
    no,
    partial,
    unsure,
    aside,
    vocabulary,
    spelling: { minLength: 3, keep: (w: string) => everyWord.has(w) || isEnglishWord(w) },
  };
  phrasesByLexicon.set(language, phrases);
  return phrases;
}

const wordsOf = (text: string, language: DetectorLexicon): string[] => {
  const { vocabulary, spelling } = phrasesOf(language);
  return normalisedWords(text, language)
    .split(' ')
    .filter(Boolean)
    .map((word) => correctTowards(word, vocabulary, spelling));
};

function startsWith(words: string[], at: number, phrase: string[]): boolean {
  return phrase.every((w, i) => words[at + i] === w);
}

/** Finds the longest known phrase at each position; returns what each word was read as. */
function tag(
  words: string[],
  language: DetectorLexicon,
): Array<{ kind: 'yes' | 'no' | 'partial' | 'unsure' | 'other'; length: number; word: string }> {
  const tags: Array<{ kind: 'yes' | 'no' | 'partial' | 'unsure' | 'other'; length: number; word: string }> = [];
  const { yes, no, partial, unsure, aside } = phrasesOf(language);
  for (let i = 0; i < words.length;) {
    let best: { kind: 'yes' | 'no' | 'partial' | 'unsure' | 'other'; length: number } | undefined;
    for (const [kind, phrases] of [
      ['other', aside],
      ['unsure', unsure],
      ['no', no],
      ['partial', partial],
      ['yes', yes],
    ] as const) {
      for (const phrase of phrases)
        if (startsWith(words, i, phrase) && phrase.length > (best?.length ?? 0)) best = { kind, length: phrase.length };
    }
    if (best) {
      tags.push({ ...best, word: words.slice(i, i + best.length).join(' ') });
      i += best.length;
    } else {
      tags.push({ kind: 'other', length: 1, word: words[i] });
      i += 1;
    }
  }
  return tags;
}

/** "does that count?", "is that bad?": a clause asking the bot, when the message ends with a question mark. */
const ASKING_OPENER = /^(?:does|do|is|are|would|could|should|can|will|did) (?:that|this|it|i|you)\b/;

/** A question back: a clause that starts with a question word ("ok thanks, what stretches help"). */
function asksBack(text: string, language: DetectorLexicon): boolean {
  const asked = /\?\s*$/.test(text);
  return text.split(/[,.;:!?]+|\b(?:and|but|so)\b/i).some((clause) => {
    const words = wordsOf(clause, language);
    return QUESTION_WORDS.has(words[0] ?? '') || words.includes('mean') || (asked && ASKING_OPENER.test(words.join(' ')));
  });
}

/** "No. Why?", "Yes. Why do you ask?": the answer given, then a wish to know why it was asked. */
const WHY_ASKED = /^why(?: (?:do|would) you (?:ask|need to know|want to know)| is that| that| does it matter)?$/;

/**
 * "No. Had a UTI a year ago but antibiotics sorted it", "no, my mum had cancer but I haven't": a short
 * answer first and then the story. On a safety question the answer stands unless the story says the
 * opposite, turns ("no, but ...") or is unsure ("no, a bit sometimes": a partial yes is a yes), since the red-flag screen has already
 * read the story. A sentence break is enough for any question; a comma only on safety questions, where
 * asking again and again would lose the user.
 */
function leadingAnswer(text: string, options: YesNoOptions): YesNo | undefined {
  const { language } = options;
  const safety = options.partialMeansYes === true;
  const normalised = normaliseText(text, language);
  const clauses = splitIntoClauses(normalised, language.clauseBreaks);
  // On a safety question a comma after the short answer also ends it ("no, a bit sometimes"), where the
  // screen's clause breaks keep a list together.
  const comma = safety && clauses.length === 1 ? clauses[0].text.indexOf(',') : -1;
  if (comma > 0) {
    const [whole] = clauses;
    clauses.splice(0, 1, { ...whole, text: whole.text.slice(0, comma).trim() }, { ...whole, text: whole.text.slice(comma + 1).trim() });
  }
  const [first, next] = clauses;
  // A new sentence is enough for any question; a clause break ("no, had a uti") only on safety questions.
  if (!first || !next || (!safety && next.sentence === first.sentence)) return undefined;
  if (wordsOf(first.text, language).length > 3) return undefined;
  const answer = readYesNo(first.text, options);
  if (answer === 'unclear') return undefined;
  const rest = clauses
    .slice(1)
    .map((c) => c.text)
    .join(', ');
  if (!safety) return answer;
  // "no, but my legs are numb": a turn after the answer takes it back (the clause break took the "but").
  const after = normalised.slice(normalised.indexOf(first.text) + first.text.length);
  // Only as a sentence of its own: "no, why do you ask?" may still be doubt about what was asked.
  if (next.sentence !== first.sentence && clauses.length === 2 && WHY_ASKED.test(wordsOf(rest, language).join(' '))) return answer;
  if (asksBack(rest, language) || /\?\s*$/.test(text) || /^[\s,.:;!-]*(?:but|though|although|except|apart|well|actually)\b/.test(after))
    return undefined;
  const kinds = new Set(tag(wordsOf(rest, language), language).map((t) => t.kind));
  if (kinds.has('unsure')) return undefined;
  if (answer === 'no' && kinds.has('yes')) return undefined;
  if (answer === 'no' && kinds.has('partial')) return 'yes';
  return answer;
}

/**
 * Reads a reply to a yes/no question. Anything that is not clearly one or the other, including a
 * question back ("what do you mean?"), a condition ("yes but ...") or both at once ("yeah no"), is
 * 'unclear', so the question is asked again rather than guessed.
 */
export function readYesNo(text: string, options: YesNoOptions): YesNo {
  const lead = leadingAnswer(text ?? '', options);
  if (lead) return lead;
  const words = wordsOf(text, options.language);
  if (words.length === 0) return 'unclear';
  const tags = readAsContent(tag(words, options.language));
  // A question mark alone is a question back, except on a safety question, where "maybe a little numb
  // around my bum?" is a sign said unsure of itself.
  const hedgedSign = options.partialMeansYes === true && tags.some((t) => t.kind === 'partial' || t.kind === 'yes');
  if (asksBack(text, options.language) || (/\?\s*$/.test(text) && !hedgedSign && !/^\s*(yes|no|yeah|nope)\b/i.test(text))) return 'unclear';
  const answers = tags.filter((t) => t.kind === 'yes' || t.kind === 'no');
  for (const [i, t] of tags.entries()) {
    if (t.kind !== 'other' || !TURNS.has(t.word)) continue;
    // On a safety screen nothing is acted on: "a change in that department, yeah" is the sign it asks about.
    if (options.partialMeansYes && ACTING_TURNS.has(t.word)) continue;
    if (SECOND_THOUGHTS.has(t.word) && nextToAnswer(tags, i) && new Set(answers.map((a) => a.kind)).size === 1) continue;
    if (options.partialMeansYes && narrowsYes(tags, i)) continue;
    return 'unclear';
  }
  const kinds = new Set(tags.filter((t) => t.kind !== 'other').map((t) => t.kind));
  // "not sure, maybe a little numb": on a safety question a sign said unsure of itself is a yes.
  if (kinds.has('unsure') && options.partialMeansYes && kinds.has('partial') && !kinds.has('no')) return 'yes';
  if (kinds.has('unsure')) return 'unclear';
  if (kinds.has('yes') && kinds.has('no')) return 'unclear';
  if (kinds.has('partial')) {
    if (kinds.has('no')) return 'unclear';
    if (options.partialMeansYes) return 'yes';
    // "kind of agree", "a bit slower, yeah": a degree of yes is a yes; "maybe" or "probably" is not.
    const doubt = tags.some((t) => t.kind === 'partial' && DOUBT.has(t.word));
    if (!doubt && (options.degreeMeansYes || (kinds.has('yes') && !options.strict))) return 'yes';
    return 'unclear';
  }
  if (!kinds.has('yes') && !kinds.has('no')) return 'unclear';
  const answer = kinds.has('yes') ? 'yes' : 'no';
  // "ok thanks, what stretches help?" is handled above (a question word); a yes or no followed by a long
  // new subject ("sure, tell me about shoes") is not an answer either.
  const others = tags.filter((t) => t.kind === 'other' && !FILLER.has(t.word));
  if (options.strict && answer === 'yes' && others.length > 2) return 'unclear';
  return answer;
}

type Tag = ReturnType<typeof tag>[number];

/**
 * Answer words that are part of what the user describes, not the answer: "peeing fine", "legs ok"
 * (a yes word after a noun); "yeah, feels like it will never go away", "yes, pain down my leg, no
 * numbness" (a yes or no word inside the story after the answer); "no, I'm sure it will pass" (sure
 * as certainty, not agreement).
 */
function readAsContent(tags: Tag[]): Tag[] {
  const content = (t: Tag): Tag => ({ ...t, kind: 'other' });
  const firstAnswer = tags.findIndex((t) => t.kind === 'yes' || t.kind === 'no');
  const story = (t: Tag | undefined): boolean => t !== undefined && t.kind === 'other' && !FILLER.has(t.word) && !TURNS.has(t.word);
  return tags.map((t, i) => {
    const before = tags[i - 1];
    if (t.kind === 'yes' && DESCRIPTIVE.has(t.word) && story(before)) return content(t);
    // Inside the story: a story word since the answer, before this one with only filler between ("a knee that never healed").
    let last = i - 1;
    while (last > firstAnswer && tags[last].kind === 'other' && FILLER.has(tags[last].word)) last -= 1;
    const inStory = last > firstAnswer && (story(tags[last]) || (tags[last].kind === 'partial' && story(tags[last - 1])));
    if ((t.kind === 'yes' || t.kind === 'no') && firstAnswer >= 0 && i > firstAnswer && inStory) return content(t);
    if (t.word === 'sure' && before && /^(im|i am)$/.test(before.word) && i < tags.length - 1) return content(t);
    // "leave it out please", "no thanks please": "please" is a yes only said alone.
    if (t.word === 'please' && tags.some((u) => u !== t && u.kind !== 'other')) return content(t);
    // "walking the dog 5k every day": "k" after a number is kilometres, not "ok".
    if (t.word === 'k' && before && /^\d+$/.test(before.word)) return content(t);
    if (/^(im|i am)$/.test(t.word) && tags[i + 1]?.word === 'sure' && i + 1 < tags.length - 1) return content(t);
    return t;
  });
}

/** The tag at `i` stands next to the answer ("wait no", "yes actually"), with only filler between. */
function nextToAnswer(tags: Tag[], i: number): boolean {
  const isAnswer = (t: Tag | undefined): boolean => t !== undefined && (t.kind === 'yes' || t.kind === 'no');
  const neighbour = (step: 1 | -1): Tag | undefined => {
    for (let j = i + step; j >= 0 && j < tags.length; j += step) {
      const t = tags[j];
      if (!(t.kind === 'other' && (FILLER.has(t.word) || SECOND_THOUGHTS.has(t.word)))) return t;
    }
    return undefined;
  };
  return isAnswer(neighbour(-1)) || isAnswer(neighbour(1));
}

/** On a safety question "yes but only a little", "yes, just the constant pain": a narrowed yes is still yes. */
function narrowsYes(tags: Tag[], i: number): boolean {
  const word = tags[i].word;
  if (word !== 'but' && word !== 'only') return false;
  const previous = tags
    .slice(0, i)
    .reverse()
    .find((t) => !(t.kind === 'other' && (FILLER.has(t.word) || t.word === 'but')));
  if (previous?.kind !== 'yes') return false;
  return word === 'only' || ['only', 'just', 'mainly', 'mostly'].includes(tags[i + 1]?.word ?? '') || tags[i + 1]?.kind === 'partial';
}

/**
 * A question back to the bot ("where is the clinic?", "what times do they have?"): a clause that starts
 * with a question word and a question mark. Free-text answers use it: a question is not a note for the clinic.
 */
export function isQuestionBack(text: string, language: DetectorLexicon): boolean {
  return /\?\s*$/.test(text) && asksBack(text, language);
}

/**
 * True for a reply that is not an answer to any question: unsure ("not sure", "dunno") or a question
 * back ("what do you mean?"). Readers of other kinds use it so that "not sure" is never read as a
 * negation ("no leg symptoms").
 */
export function isNonAnswer(text: string, language: DetectorLexicon): boolean {
  const words = wordsOf(text, language);
  if (words.length === 0) return true;
  if (asksBack(text, language) && (/\?\s*$/.test(text) || words.includes('mean'))) return true;
  return tag(words, language).some((t) => t.kind === 'unsure');
}
