/**
 * The red-flag screen: plain functions, no I/O. Every message goes through `screenForRedFlags` before
 * any classifier or dialog sees it.
 *
 * How a message is read:
 *   1. normalise: lower case, straight quotes, apostrophes dropped ("can't" -> "cant"), common typos
 *      fixed ("cnt" -> "cant"), benign idioms removed ("hit the wall", "fell asleep");
 *   2. split into sentences and clauses ("but", ", and I ...") so a negation only reaches its own clause;
 *   3. match every flag's patterns; for each match look at the words around it:
 *      - a negation before it in the clause ("no", "never", "don't") or a denial after it ("... are
 *        normal", "numbness? no") dismisses it. A negation that is part of the symptom ("can't pee",
 *        "no feeling down there") belongs to the match, so it is not read as a denial;
 *      - someone else's symptom ("my mum had cancer") is not the user's;
 *      - a question about a symptom ("what if I can't pee?"), or doubt ("not sure if it's numb"), is
 *        asked about rather than escalated or dismissed;
 *   4. vague mentions ("numbness?", "my bladder is weird") become yes/no questions, not hits.
 */
import { splitIntoClauses, type Clause } from '../language/clauses';
import { statusOf } from '../language/mentionStatus';
import { normaliseText } from '../language/normalise';
import { findConceptFlags, resolvedClauses } from './conceptScreen';
import { wordStartFilter, type WordStartFilter } from './wordStartFilter';
import { strongEnough, suspicionsOf, type MessageReading, type Suspicion } from './secondOpinion';
import {
  TRIAGE_LEVELS,
  type RedFlagHit,
  type RedFlagRule,
  type RedFlagRules,
  type RedFlagScreen,
  type TriageLevel,
  type UnclearMention,
} from './types';

const rank = (level: TriageLevel): number => TRIAGE_LEVELS.length - TRIAGE_LEVELS.indexOf(level);

function matches(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  const found = regex.test(text);
  regex.lastIndex = 0;
  return found;
}

/** Is this regex affirmed (mentioned, not denied, by the user) anywhere in the message? */
function affirmedAnywhere(regex: RegExp, clauses: Clause[], rules: RedFlagRules): boolean {
  for (const clause of clauses) {
    for (const m of clause.text.matchAll(regex)) {
      if (statusOf(clause, { start: m.index, end: m.index + m[0].length }, rules.lexicon) === 'affirmed') return true;
    }
  }
  return false;
}

/**
 * How much of a message is screened. Messages up to the length limit (MAX_MESSAGE_LENGTH, 2,000 by
 * default) are screened whole; of longer text, which the bot asks to shorten, the first 4,000
 * characters are, so no message can make the screen slow.
 */
export const SCREENED_PREFIX = 4000;

export interface ScreenContext {
  /** The id of the question the message answers (knowledge/symptom-check.yaml), if any. */
  answering?: string;
}

/**
 * Does answering this question change how a message is screened? Only a question whose subject the
 * answer implies (red-flag-concepts.yaml `implied`) does; for any other, the screen in its light is the
 * screen without it, so a turn need not screen its message twice.
 */
export function answerImpliesConcepts(rules: RedFlagRules, answering: string): boolean {
  return (rules.concepts?.implied[answering]?.length ?? 0) > 0;
}

/** Screens one message. `rules` comes from loadSafetyRules (or compileRedFlags in tests). */
export function screenForRedFlags(text: string, rules: RedFlagRules, context: ScreenContext = {}): RedFlagScreen {
  const screened = (text ?? '').slice(0, SCREENED_PREFIX);
  const phrases = phraseScreen(screened, rules);
  const { normalised } = phrases;
  const hitIds = new Set(phrases.hits);
  const askIds = new Set(phrases.asks);
  const levelOf = (id: string) => rules.levelOf.get(id);

  let forSomeoneElse = false;
  let reading: MessageReading = { clauses: [], mentions: [] };
  if (rules.concepts) {
    const fresh = splitIntoClauses(normalised, rules.lexicon.clauseBreaks);
    const found = findConceptFlags(fresh, rules.concepts, rules.lexicon, levelOf, context.answering);
    reading = { clauses: fresh, mentions: found.mentions };
    for (const id of found.hits) hitIds.add(id);
    // Someone else's red flag, told by the person with them: escalate, addressed to the writer.
    if (hitIds.size === 0 && found.forOthers.size > 0) forSomeoneElse = true;
    for (const id of found.forOthers) hitIds.add(id);
    // Already escalating: a concept's lesser doubt adds no question ("sore thoracic area since my fall"),
    // and after an emergency's "call 999 now" only a doubt about a crisis is still worth asking.
    const top = topRank(hitIds, levelOf);
    for (const id of found.asks) {
      const level = rank(levelOf(id) ?? 'self-care');
      if (top < rank('urgent') || (top === rank('urgent') && level > top) || rules.crisisIds.has(id)) askIds.add(id);
    }
  }
  const leaning = new Set<string>();
  if (rules.secondOpinion) {
    phrases.suspicions ??= suspicionsOf(rules.concepts ? reading : readForSecondOpinion(screened, rules), rules.secondOpinion);
    // The model speaks only above what the rules found: it never silences a hit, and a hunch at or
    // below the rules' level adds nothing the rules did not already say or ask.
    const found = new Set([...hitIds, ...askIds]);
    const top = topRank(found, levelOf);
    const crisisFound = [...found].some((id) => rules.crisisIds.has(id));
    for (const suspicion of phrases.suspicions) {
      const above = suspicion.kind === 'crisis' ? !crisisFound : rank(suspicion.kind) > top;
      if (above && !hitIds.has(suspicion.flag) && strongEnough(suspicion, rules.secondOpinion, found.size > 0)) {
        askIds.add(suspicion.flag);
        leaning.add(suspicion.flag);
      }
    }
  }
  const screen = buildScreen(rules.flags, hitIds, askIds);
  if (forSomeoneElse) screen.forSomeoneElse = true;
  for (const mention of screen.unclear) if (leaning.has(mention.id)) mention.byClassifier = true;
  const foreign = rules.concepts?.foreignHealth;
  if (foreign) {
    foreign.lastIndex = 0;
    if (foreign.test(screened.normalize('NFKC').toLowerCase())) screen.healthWordsInAnotherLanguage = true;
  }
  return screen;
}

function topRank(ids: Iterable<string>, levelOf: (id: string) => TriageLevel | undefined): number {
  let top = 0;
  for (const id of ids) top = Math.max(top, rank(levelOf(id) ?? 'self-care'));
  return top;
}

/**
 * A message read as the screen reads it for the second opinion: normalised, split into clauses, and
 * the concept net's mentions with their status. The second opinion's training reads its examples so.
 */
export function readForSecondOpinion(text: string, rules: RedFlagRules): MessageReading {
  const clauses = splitIntoClauses(normaliseText((text ?? '').slice(0, SCREENED_PREFIX), rules.lexicon), rules.lexicon.clauseBreaks);
  if (!rules.concepts) return { clauses, mentions: [] };
  const { mentions } = findConceptFlags(clauses, rules.concepts, rules.lexicon, (id) => rules.levelOf.get(id));
  return { clauses, mentions };
}

/** What the exact phrases find in one message; the second opinion's suspicions are added when asked. */
interface PhraseScreen {
  screened: string;
  normalised: string;
  hits: string[];
  asks: string[];
  /** The second opinion's strong suspicions, once asked. */
  suspicions?: Suspicion[];
}

/**
 * The last message's phrase pass, per rule set: a turn screens its message a second time in the light of
 * the question it answers, and only the concepts read that question, so the rest is not done twice.
 */
const lastPhraseScreen = new WeakMap<RedFlagRules, PhraseScreen>();

function phraseScreen(screened: string, rules: RedFlagRules): PhraseScreen {
  const last = lastPhraseScreen.get(rules);
  if (last?.screened === screened) return last;
  const normalised = normaliseText(screened, rules.lexicon);
  const clauses = splitIntoClauses(normalised, rules.lexicon.clauseBreaks);

  // Quick pre-check on all clauses at once: most patterns match nowhere and need no clause-by-clause look.
  const joined = clauses.map((c) => c.text).join('\n');
  const { allRegexes, prefilter, pastCounts, regexesOfFlag } = ruleTablesOf(rules);
  const candidates = prefilter.candidates(joined);
  const present = new Set<RegExp>();
  for (const regex of allRegexes) if (candidates.has(regex) && matches(regex, joined)) present.add(regex);

  // First pass: where every pattern matches, so each mention's own words can be told apart from denials.
  for (const clause of clauses) {
    for (const regex of present) {
      for (const m of clause.text.matchAll(regex)) clause.mentions.push({ start: m.index, end: m.index + m[0].length });
    }
  }

  const hitIds = new Set<string>();
  const askIds = new Set<string>();
  // "Had a fever last month, long gone": nothing in a sentence about the past is a red flag now.
  const resolved = rules.concepts ? resolvedClauses(clauses, rules.concepts) : new Set<Clause>();
  for (let f = 0; f < rules.flags.length; f += 1) {
    const flag = rules.flags[f];
    // A flag none of whose patterns matched the message can find or ask nothing in any clause.
    if (!regexesOfFlag[f].some((regex) => present.has(regex))) continue;
    for (const clause of clauses) {
      const past = resolved.has(clause) && !pastCounts.has(flag.id);
      for (const pattern of flag.patterns) {
        if (!present.has(pattern.regex)) continue;
        for (const m of clause.text.matchAll(pattern.regex)) {
          if (pattern.unless.some((r) => matches(r, clause.context))) continue;
          const status = statusOf(clause, { start: m.index, end: m.index + m[0].length }, rules.lexicon);
          if (status === 'negated' || status === 'third-person') continue;
          if (status === 'far-negation') {
            // A denial many words back is not trusted for an emergency: ask. Otherwise it stands.
            if (flag.level === 'emergency') askIds.add(flag.id);
            continue;
          }
          if (status === 'hypothetical' || pattern.askIf.some((r) => matches(r, clause.context))) {
            askIds.add(flag.id);
            continue;
          }
          if (!pattern.also.every((r) => affirmedAnywhere(r, clauses, rules))) continue;
          if (past) continue;
          hitIds.add(flag.id);
        }
      }
      for (const regex of flag.unclear) {
        if (askIds.has(flag.id)) break;
        if (!present.has(regex)) continue;
        for (const m of clause.text.matchAll(regex)) {
          const status = statusOf(clause, { start: m.index, end: m.index + m[0].length }, rules.lexicon);
          const asks = status === 'affirmed' || status === 'hypothetical' || (status === 'far-negation' && flag.level === 'emergency');
          if (asks && !flag.unclearUnless.some((r) => matches(r, clause.context))) {
            askIds.add(flag.id);
            break;
          }
        }
      }
    }
  }

  const result: PhraseScreen = { screened, normalised, hits: [...hitIds], asks: [...askIds] };
  lastPhraseScreen.set(rules, result);
  return result;
}

/** What every screen reads from a rule set, worked out once per rule set rather than per message. */
interface RuleTables {
  /** Every flag's patterns then its unclear ones, flag by flag: the pre-check's order. */
  allRegexes: RegExp[];
  /** Which of them may match a message at all, from the words it has (wordStartFilter.ts). */
  prefilter: WordStartFilter;
  /** Flags whose concepts count even when said of the past. */
  pastCounts: Set<string>;
  /** Each flag's patterns and unclear ones, by the flag's index in `rules.flags`. */
  regexesOfFlag: RegExp[][];
}

const ruleTables = new WeakMap<RedFlagRules, RuleTables>();

function ruleTablesOf(rules: RedFlagRules): RuleTables {
  let tables = ruleTables.get(rules);
  if (!tables) {
    const regexesOfFlag = rules.flags.map((flag) => [...flag.patterns.map((p) => p.regex), ...flag.unclear]);
    const allRegexes = regexesOfFlag.flat();
    tables = {
      allRegexes,
      regexesOfFlag,
      prefilter: wordStartFilter(allRegexes),
      pastCounts: new Set(rules.concepts?.flags.filter((f) => f.pastCounts).map((f) => f.id)),
    };
    ruleTables.set(rules, tables);
  }
  return tables;
}

/** Each flag list's flags by id and their order, built once per list. */
const flagIndexes = new WeakMap<RedFlagRule[], { byId: Map<string, RedFlagRule>; order: Map<string, number> }>();

function buildScreen(flags: RedFlagRule[], hitIds: Set<string>, askIds: Set<string>): RedFlagScreen {
  let index = flagIndexes.get(flags);
  if (!index) {
    index = { byId: new Map(flags.map((f) => [f.id, f])), order: new Map(flags.map((f, i) => [f.id, i])) };
    flagIndexes.set(flags, index);
  }
  const { byId, order } = index;
  const kept = [...hitIds].filter((id) => !(byId.get(id)?.overriddenBy ?? []).some((other) => hitIds.has(other)));
  const sortFlags = (a: RedFlagRule, b: RedFlagRule): number =>
    Number(b.crisis) - Number(a.crisis) || rank(b.level) - rank(a.level) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);

  const hitFlags = kept
    .map((id) => byId.get(id))
    .filter((f): f is RedFlagRule => f !== undefined)
    .sort(sortFlags);
  const hits: RedFlagHit[] = hitFlags.map((f) => ({ id: f.id, level: f.level, suggests: f.suggests }));
  const unclear: UnclearMention[] = [...askIds]
    .filter((id) => !hitIds.has(id))
    .map((id) => byId.get(id))
    .filter((f): f is RedFlagRule => f !== undefined)
    .sort(sortFlags)
    .map((f) => ({ id: f.id, question: f.question }));
  const level = hits.reduce<TriageLevel | null>((top, hit) => (top === null || rank(hit.level) > rank(top) ? hit.level : top), null);
  return { hits, level, unclear, crisis: hitFlags.some((f) => f.crisis) };
}

/** The screen for a flag the user confirmed with "yes" to its unclear question. */
export function confirmUnclear(id: string, rules: RedFlagRules): RedFlagScreen {
  if (!rules.flags.some((f) => f.id === id)) throw new Error(`Unknown red flag "${id}"`);
  return buildScreen(rules.flags, new Set([id]), new Set());
}

/** The first question to ask for a screen's unclear mentions, or null. */
export function unclearQuestion(screen: RedFlagScreen): string | null {
  return screen.unclear[0]?.question ?? null;
}
