/**
 * The concept net: finds red flags described in words the exact phrases never listed. Plain function,
 * no I/O, linear in the length of the text (each concept is one regular expression over each clause).
 *
 * For each sentence: which concepts are mentioned, and is each mention reported by the user (the same
 * status rules as the phrases: negation in its clause, denial after it, someone else, a question)? A
 * flag is found when all concepts of one of its `hit` combinations are reported in the sentence; a
 * combination whose parts are only asked about, or an `ask` combination, gets the flag's yes/no question.
 */
import type { Clause } from '../language/clauses';
import { statusOf, wordsBetween, type MentionLexicon, type MentionStatus } from '../language/mentionStatus';
import type { ConceptRules } from './conceptRules';
import type { TriageLevel } from './types';
import { wordStartFilter, type WordStartFilter } from './wordStartFilter';

/** Each sentence's text, by its index. */
export function sentencesOf(clauses: Clause[]): Map<number, string> {
  const sentences = new Map<number, string>();
  for (const clause of clauses) sentences.set(clause.sentence, `${sentences.get(clause.sentence) ?? ''} ${clause.text}`.trim());
  return sentences;
}

/** A clause that points back at the one before: "... but that's long gone", "... and it went away". */
const POINTS_BACK = /^(?:but |and |which )?(?:that|thats|it|its|this|both|all that|which)\b/;

/**
 * Clauses that say the problem is over or long ago ("had a fever last month, long gone"). One that
 * points back ("I had a fever in August with covid, but that's long gone") resolves the clause before it
 * in the same sentence too.
 */
export function resolvedClauses(clauses: Clause[], rules: ConceptRules): Set<Clause> {
  const resolved = new Set<Clause>();
  const sentences = sentencesOf(clauses);
  clauses.forEach((clause, i) => {
    // "stopped running ages ago but it's still there": still there now is not over.
    if (!rules.resolved.test(clause.text) || rules.stillNow.test(sentences.get(clause.sentence) ?? '')) return;
    resolved.add(clause);
    const before = clauses[i - 1];
    if (before && before.sentence === clause.sentence && POINTS_BACK.test(clause.text)) resolved.add(before);
  });
  return resolved;
}

const conceptFilters = new WeakMap<ConceptRules, WordStartFilter>();

/** Which concepts may be mentioned at all in a message, from its words: built once per rule set. */
function conceptFilterOf(rules: ConceptRules): WordStartFilter {
  let filter = conceptFilters.get(rules);
  if (!filter) {
    filter = wordStartFilter(rules.concepts.values());
    conceptFilters.set(rules, filter);
  }
  return filter;
}

/** "she sat down hard": the sentence goes on about that person. */
const PRONOUN = /\b(?:he|she|they|hes|shes|theyre|him|her|them)\b/;
/** "my mum tripped over the dog and now has sudden back pain": the verb goes on about them, subject left out. */
const ELIDED_SUBJECT = /\b(?:and|then|now) (?:now )?(?:has|is|cant|says|keeps)\b/;

export interface ConceptFindings {
  hits: Set<string>;
  asks: Set<string>;
  /** Hits reported only of someone else the writer is with or cares for ("my son can't pee"). */
  forOthers: Set<string>;
  /** Every concept mention and how it was said: what the second opinion reads beyond the words. */
  mentions: ConceptMention[];
}

export interface ConceptMention {
  concept: string;
  sentence: number;
  status: MentionStatus;
  /** Said of the past ("had a fever last month, long gone"). */
  past: boolean;
}

/** What one sentence says about someone else, read once for every flag. */
interface SentenceReading {
  index: number;
  text: string;
  /** A particular person the writer is with or cares for is named ("my son", "he"). */
  namesPerson: boolean;
  /** Their body is the subject: said of them, or in a sentence about them without the writer's "I/my". */
  theirBody: boolean;
  /** The sentence's mentions, by concept. */
  byConcept: Map<string, ConceptMention[]>;
}

/**
 * `clauses` come from splitIntoClauses over the normalised text; `levelOf` gives each flag's level.
 * `answering` is the id of the question the message answers, whose subject it implies.
 */
export function findConceptFlags(
  clauses: Clause[],
  rules: ConceptRules,
  lexicon: MentionLexicon,
  levelOf: (id: string) => TriageLevel | undefined,
  answering?: string,
): ConceptFindings {
  const joined = clauses.map((c) => c.text).join('\n');
  const candidates = conceptFilterOf(rules).candidates(joined);
  const found: Array<{ name: string; clause: Clause; start: number; end: number }> = [];
  for (const [name, regex] of rules.concepts) {
    if (!candidates.has(regex)) continue;
    regex.lastIndex = 0;
    const present = regex.test(joined);
    // matchAll starts where test() stopped: rewind first.
    regex.lastIndex = 0;
    if (!present) continue;
    for (const clause of clauses) {
      for (const m of clause.text.matchAll(regex)) found.push({ name, clause, start: m.index, end: m.index + m[0].length });
    }
  }
  // Every concept's own words ("no feeling", "cant control") are part of a mention, not a denial of the next.
  for (const f of found) f.clause.mentions.push({ start: f.start, end: f.end });
  const past = resolvedClauses(clauses, rules);
  const mentions: ConceptMention[] = found.map((f) => ({
    concept: f.name,
    sentence: f.clause.sentence,
    status: statusOf(f.clause, { start: f.start, end: f.end }, lexicon),
    past: past.has(f.clause) && !rules.lasting.has(f.name),
  }));

  const test = (regex: RegExp, text: string): boolean => ((regex.lastIndex = 0), regex.test(text));
  const other = rules.someoneElse;
  const readings = readSentences(clauses, mentions, other, lexicon, test);
  const implied = new Set(answering ? (rules.implied[answering] ?? []) : []);

  const hits = new Set<string>();
  const asks = new Set<string>();
  const forOthers = new Set<string>();
  // Someone else's red flag counts when the writer is worried or asks what to do (emergencies), or when
  // it is that person's own current back trouble ("her back is hurting"): not a passing mention.
  const worried = other ? test(other.care, joined) : false;
  for (const flag of rules.flags) {
    const emergency = levelOf(flag.id) === 'emergency';
    // Someone else's possible emergency ("my dad has collapsed") and a far-back denial are asked about.
    // A question about a sign, or a denial far back from a possible emergency, is asked about.
    const counts = (status: MentionStatus, forAsk: boolean): boolean =>
      status === 'affirmed' || (forAsk && (status === 'hypothetical' || (emergency && status === 'far-negation')));
    const combos = [...flag.hit, ...flag.ask];
    for (const sentence of readings) {
      // A hit, an ask or someone else's flag all need every concept of one combination in the sentence
      // (or implied by the question): a sentence without one can say nothing of this flag, so its
      // `unless` and `doubtIf` words, the costliest reads here, are not looked for.
      if (!combos.some((combo) => combo.every((name) => implied.has(name) || sentence.byConcept.has(name)))) continue;
      // Runner talk ("suicide sprints") rules the flag out here, unless the sentence also says what keeps
      // the doubt alive ("my knee buckles more every day, is it DOMS?"); a joke marker ("haha") leaves a doubt.
      const current = (name: string, keep: (m: ConceptMention) => boolean): boolean =>
        implied.has(name) || (sentence.byConcept.get(name) ?? []).some((m) => (!m.past || flag.pastCounts) && keep(m));
      const ruledOut = flag.unless !== null && saysUnless(flag.unless, sentence.text, lexicon);
      if (ruledOut && !flag.askDespite.some((name) => current(name, (m) => m.status === 'affirmed'))) continue;
      const excused = ruledOut || (flag.doubtIf !== null && test(flag.doubtIf, sentence.text));
      const reported = (name: string, forAsk: boolean): boolean => current(name, (m) => counts(m.status, forAsk));
      if (!excused && flag.hit.some((combo) => combo.every((name) => reported(name, false)))) {
        hits.add(flag.id);
        forOthers.delete(flag.id);
        break;
      }
      // A crisis told of someone else always gets the crisis line: whoever it is, it is the right help.
      const framed = sentence.namesPerson && (flag.crisis || sentence.theirBody || (emergency && worried));
      const ofThem = (name: string): boolean => current(name, (m) => m.status === 'affirmed' || m.status === 'third-person');
      if (framed && !excused && !hits.has(flag.id) && flag.hit.some((combo) => combo.every(ofThem))) forOthers.add(flag.id);
      if (combos.some((combo) => combo.every((name) => reported(name, true)))) asks.add(flag.id);
    }
  }
  return { hits, asks, forOthers, mentions };
}

/**
 * Does the sentence say one of the flag's `unless` terms? A denied one does not count: "not after a run,
 * just standing" is not the tiredness after a run that rules weak legs out.
 */
function saysUnless(unless: RegExp, text: string, lexicon: MentionLexicon): boolean {
  unless.lastIndex = 0;
  for (const m of text.matchAll(unless)) {
    const before = text.slice(Math.max(0, m.index - UNLESS_NEGATION_CHARS), m.index);
    lexicon.negation.lastIndex = 0;
    const denied = [...before.matchAll(lexicon.negation)].some(
      (cue) => wordsBetween(before, cue.index + cue[0].length, before.length) <= 1,
    );
    if (!denied) return true;
  }
  return false;
}

/** How far back (characters) a denial of an `unless` term is looked for: a word or two. */
const UNLESS_NEGATION_CHARS = 24;

function readSentences(
  clauses: Clause[],
  mentions: ConceptMention[],
  other: ConceptRules['someoneElse'],
  lexicon: MentionLexicon,
  test: (regex: RegExp, text: string) => boolean,
): SentenceReading[] {
  const readings = new Map<number, SentenceReading>();
  for (const [index, text] of sentencesOf(clauses)) {
    // "my dog can't control her bladder since her back op": her is the dog, no one to escalate for.
    const namesPerson = other !== null && test(other.person, text) && !(other.animal !== null && test(other.animal, text));
    readings.set(index, { index, text, namesPerson, theirBody: false, byConcept: new Map() });
  }
  for (const m of mentions) {
    const byConcept = readings.get(m.sentence)?.byConcept;
    if (!byConcept) continue;
    const list = byConcept.get(m.concept) ?? [];
    list.push(m);
    byConcept.set(m.concept, list);
  }
  if (other === null) return [...readings.values()];
  for (const reading of readings.values()) {
    if (!reading.namesPerson) continue;
    const sentenceMentions = [...reading.byConcept.values()].flat();
    const aboutThem = sentenceMentions.some((m) => m.status === 'third-person');
    // "my mum has osteopenia, she sat down hard and now can barely move for back pain": no "I/me/my"
    // in the sentence other than in naming the person, and a pronoun that goes on about them.
    const writerSpeaks = test(lexicon.firstPerson, reading.text.replace(other.person, ' '));
    const goesOnAboutThem = aboutThem && (PRONOUN.test(reading.text) || ELIDED_SUBJECT.test(reading.text)) && !writerSpeaks;
    reading.theirBody = other.body.some((name) =>
      (reading.byConcept.get(name) ?? []).some((m) => m.status === 'third-person' || (m.status === 'affirmed' && goesOnAboutThem)),
    );
  }
  return [...readings.values()];
}
