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
import { TRIAGE_LEVELS, type RedFlagHit, type RedFlagRule, type RedFlagRules, type RedFlagScreen, type TriageLevel, type UnclearMention } from './types';

type Status = 'affirmed' | 'negated' | 'far-negation' | 'hypothetical' | 'third-person';

interface Span {
  start: number;
  end: number;
}

interface Clause {
  text: string;
  /**
   * The clause with its neighbours in the same sentence, for context conditions (askIf/unless):
   * "can't lift my leg | because it hurts".
   */
  context: string;
  /** Spans of every pattern match in the clause, used to tell a symptom's own "no"/"can't" from a denial. */
  mentions: Span[];
}

/** How many neighbouring clauses on each side count as a mention's context. */
const CONTEXT_CLAUSES = 2;

const rank = (level: TriageLevel): number => TRIAGE_LEVELS.length - TRIAGE_LEVELS.indexOf(level);

/** Lower-cases and tidies a message the way the patterns expect it. */
export function normaliseText(text: string, rules: RedFlagRules): string {
  let t = text.normalize('NFKC').toLowerCase();
  t = t.replace(/[\u2018\u2019\u201b\u2032`\u00b4]/g, "'").replace(/[\u201c\u201d\u201e\u2033]/g, '"');
  t = t.replace(/[\u2013\u2014\u2212]/g, ' - ').replace(/\u2026/g, '. ');
  t = t.replace(/'ll\b/g, ' will').replace(/'/g, '');
  t = t.replace(/&/g, ' and ').replace(/\+/g, ' plus ');
  // "10k", "5kg", "38c": the number and the unit become separate words.
  t = t.replace(/(\d)([a-z])/g, '$1 $2');
  // Hyphens inside words ("self-harm", "light-headed") become spaces; a dash between words ends a clause.
  t = t.replace(/([a-z])-(?=[a-z])/g, '$1 ').replace(/\s-+\s/g, '; ');
  // Anything that is not a letter, digit or clause punctuation goes (emoji, markup, brackets).
  t = t.replace(/[^a-z0-9.,;:!?/\n ]+/g, ' ');
  // "soooo", "peeeee": three or more of a letter become two.
  t = t.replace(/([a-z])\1{2,}/g, '$1$1');
  t = t.replace(/[ \t]+/g, ' ');
  for (const { from, to } of rules.lexicon.spelling) t = t.replace(from, to);
  for (const idiom of rules.lexicon.benign) t = t.replace(idiom, ' ');
  return t.replace(/[ \t]+/g, ' ').trim();
}

/** Sentences, then clauses inside each sentence. */
export function splitClauses(normalised: string, rules: RedFlagRules): string[] {
  return splitIntoClauses(normalised, rules).map((c) => c.text);
}

function splitIntoClauses(normalised: string, rules: RedFlagRules): Clause[] {
  const tidy = (part: string): string => part.replace(/^[\s,.:]+|[\s,.:]+$/g, '').replace(/\s+/g, ' ');
  // "numbness? no" is one answer: keep a question mark followed by a bare denial in the same clause.
  const text = normalised.replace(/\?\s*(?=(?:no|none|nope|nah|never|not really)\b)/g, ' ');
  const clauses: Clause[] = [];
  for (const sentence of text.split(/[!?;\n]+|\.(?!\d)|:(?=\s*$)/)) {
    const parts = tidy(sentence)
      .split(rules.lexicon.clauseBreaks)
      .map((part) => tidy(part ?? ''))
      .filter((part) => part.length > 0);
    parts.forEach((part, i) => {
      const context = parts.slice(Math.max(0, i - CONTEXT_CLAUSES), i + CONTEXT_CLAUSES + 1).join(' ');
      clauses.push({ text: part, context, mentions: [] });
    });
  }
  return clauses;
}

/** Blanks the given spans (keeps positions). */
function blank(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) {
    const start = Math.max(0, s.start);
    const end = Math.min(out.length, s.end);
    if (end > start) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  }
  return out;
}

function wordsBetween(text: string, from: number, to: number): number {
  const between = text.slice(from, to).trim();
  return between.length === 0 ? 0 : between.split(/\s+/).filter((w) => /\w/.test(w)).length;
}

/** Reads the words around one mention and decides whether the user is reporting it. */
function statusOf(clause: Clause, span: Span, rules: RedFlagRules): Status {
  const lex = rules.lexicon;
  // Other mentions' own words ("no feeling down there", "can't pee") are not denials of this one.
  // Only mentions that end before this one starts: overlapping ones are about the same words.
  const others = clause.mentions.filter((m) => m.end <= span.start);
  let pre = blank(clause.text.slice(0, span.start), others);
  const own = clause.text.slice(span.start, span.end);

  // Someone else's symptom: a third person named before it, and no "I/me/my" since (nor in the mention).
  for (const cue of pre.matchAll(lex.thirdPerson)) {
    const after = pre.slice(cue.index + cue[0].length) + ' ' + own;
    lex.firstPerson.lastIndex = 0;
    if (!lex.firstPerson.test(after)) return 'third-person';
  }

  // Doubt or a question about the symptom: read on the clause as written (cues may span other mentions,
  // as in "can sciatica cause numbness in both legs").
  let questioning = false;
  const cueSpans: Span[] = [];
  for (const cue of clause.text.slice(0, span.start).matchAll(lex.uncertainty)) {
    questioning = true;
    cueSpans.push({ start: cue.index, end: cue.index + cue[0].length });
  }
  for (const cue of clause.text.matchAll(lex.hypothetical)) {
    if (cue.index >= span.start) continue;
    questioning = true;
    cueSpans.push({ start: cue.index, end: Math.min(span.start, cue.index + cue[0].length) });
  }
  for (const cue of pre.matchAll(lex.notNegation)) cueSpans.push({ start: cue.index, end: cue.index + cue[0].length });
  pre = blank(pre, cueSpans);

  let negation: Status | null = null;
  // A mention that carries its own negation ("lying down doesn't help", "no feeling down there") is not
  // denied again by an earlier one: double negatives are rare, and the earlier "no" is about something else.
  lex.negation.lastIndex = 0;
  const ownNegation = lex.negation.test(own);
  lex.negation.lastIndex = 0;
  for (const cue of ownNegation ? [] : pre.matchAll(lex.negation)) {
    const distance = wordsBetween(pre, cue.index + cue[0].length, pre.length);
    if (distance <= lex.negationWindow) {
      negation = distance <= lex.closeNegation ? 'negated' : 'far-negation';
    }
  }
  if (negation === null) {
    // What follows the mention, up to the next comma: "bladder and bowels are normal", "fever: no".
    const rest = (clause.text.slice(span.end).replace(/^[\s:;,-]+/, '').split(',')[0] ?? '').trim();
    if (rest.length > 0 && lex.postNegation.test(rest)) negation = 'negated';
  }
  if (negation) return negation;
  return questioning ? 'hypothetical' : 'affirmed';
}

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
      if (statusOf(clause, { start: m.index, end: m.index + m[0].length }, rules) === 'affirmed') return true;
    }
  }
  return false;
}

/** Screens one message. `rules` comes from loadSafetyRules (or compileRedFlags in tests). */
export function screenForRedFlags(text: string, rules: RedFlagRules): RedFlagScreen {
  const clauses = splitIntoClauses(normaliseText(text ?? '', rules), rules);

  // Quick pre-check on all clauses at once: most patterns match nowhere and need no clause-by-clause look.
  const joined = clauses.map((c) => c.text).join('\n');
  const present = new Set<RegExp>();
  for (const flag of rules.flags) {
    for (const regex of [...flag.patterns.map((p) => p.regex), ...flag.unclear]) if (matches(regex, joined)) present.add(regex);
  }

  // First pass: where every pattern matches, so each mention's own words can be told apart from denials.
  for (const clause of clauses) {
    for (const regex of present) {
      for (const m of clause.text.matchAll(regex)) clause.mentions.push({ start: m.index, end: m.index + m[0].length });
    }
  }

  const hitIds = new Set<string>();
  const askIds = new Set<string>();
  for (const flag of rules.flags) {
    for (const clause of clauses) {
      for (const pattern of flag.patterns) {
        if (!present.has(pattern.regex)) continue;
        for (const m of clause.text.matchAll(pattern.regex)) {
          if (pattern.unless.some((r) => matches(r, clause.context))) continue;
          const status = statusOf(clause, { start: m.index, end: m.index + m[0].length }, rules);
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
          hitIds.add(flag.id);
        }
      }
      for (const regex of flag.unclear) {
        if (askIds.has(flag.id)) break;
        if (!present.has(regex)) continue;
        for (const m of clause.text.matchAll(regex)) {
          const status = statusOf(clause, { start: m.index, end: m.index + m[0].length }, rules);
          const asks = status === 'affirmed' || status === 'hypothetical' || (status === 'far-negation' && flag.level === 'emergency');
          if (asks && !flag.unclearUnless.some((r) => matches(r, clause.context))) {
            askIds.add(flag.id);
            break;
          }
        }
      }
    }
  }

  return buildScreen(rules.flags, hitIds, askIds);
}

function buildScreen(flags: RedFlagRule[], hitIds: Set<string>, askIds: Set<string>): RedFlagScreen {
  const byId = new Map(flags.map((f) => [f.id, f]));
  const order = new Map(flags.map((f, i) => [f.id, i]));
  const kept = [...hitIds].filter((id) => !(byId.get(id)?.overriddenBy ?? []).some((other) => hitIds.has(other)));
  const sortFlags = (a: RedFlagRule, b: RedFlagRule): number =>
    Number(b.crisis) - Number(a.crisis) || rank(b.level) - rank(a.level) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);

  const hitFlags = kept.map((id) => byId.get(id)).filter((f): f is RedFlagRule => f !== undefined).sort(sortFlags);
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

/**
 * Reads a reply to a yes/no question. Doubtful answers ("a bit", "maybe", "I think so") count as yes:
 * a false alarm is better than a miss. Anything else ("not sure", "no idea", "no, but ...") is null:
 * ask again or treat it with care.
 */
export function interpretYesNo(text: string): 'yes' | 'no' | null {
  const t = text.toLowerCase().replace(/[\u2018\u2019']/g, '').replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (t === '' || /^(?:no idea|not sure|dont know|unsure|no clue)\b/.test(t)) return null;
  const yes = /^(?:yes|yeah|yea|yep|yup|ya|y|aye|i do|i have|it is|correct|right|sort of|kind of|a bit|a little|slightly|maybe|possibly|i think so|think so|probably|sometimes)\b/;
  const no = /^(?:no|nope|nah|not really|not at all|none|never|negative|n|i dont|i havent|it isnt|its not)\b/;
  if (yes.test(t)) return 'yes';
  if (no.test(t) && !/\b(?:but|although|though|except|yes|yeah)\b/.test(t)) return 'no';
  return null;
}

/** The first question to ask for a screen's unclear mentions, or null. */
export function unclearQuestion(screen: RedFlagScreen): string | null {
  return screen.unclear[0]?.question ?? null;
}
