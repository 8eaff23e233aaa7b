import type { AnswerWordsLexicon } from '../language/answerWords';
import type { ContractionsLexicon } from '../language/contractions';
import type { MentionLexicon } from '../language/mentionStatus';
import type { NormaliserLexicon } from '../language/normalise';
import type { SecondOpinion } from './secondOpinion';
import type { ConceptRules } from './conceptRules';
/**
 * Types of the red-flag screen and the escalation it leads to. The clinical rules themselves live in
 * knowledge/safety/*.yaml (data a clinician can review); these types are what the loader compiles them to.
 */

/** How soon the user should get care. Ordered here from the most to the least urgent. */
export type TriageLevel = 'emergency' | 'urgent' | 'routine' | 'self-care';

/** Every level, most urgent first. */
export const TRIAGE_LEVELS: readonly TriageLevel[] = ['emergency', 'urgent', 'routine', 'self-care'];

/** One phrase pattern of a red flag, compiled. */
export interface CompiledPattern {
  /** The pattern as written in red-flags.yaml (macros expanded), for error messages and reviews. */
  source: string;
  regex: RegExp;
  /** Other parts that must also be affirmed somewhere in the same message (e.g. osteoporosis AND a fall). */
  also: RegExp[];
  /** When the clause also matches one of these, the mention is ambiguous: ask the flag's question instead. */
  askIf: RegExp[];
  /** When the clause also matches one of these, the match is not this red flag at all. */
  unless: RegExp[];
}

/** A red flag from knowledge/safety/red-flags.yaml, ready to match. */
export interface RedFlagRule {
  id: string;
  level: TriageLevel;
  /** What it may point to, in plain words ("pressure on the nerves at the base of the spine"). */
  suggests: string;
  /** One sentence for the escalation message: why this matters, in plain words. */
  reason: string;
  /** A yes/no question that confirms the flag when a mention is unclear. */
  question: string;
  /** Suicide or self-harm: the reply uses the crisis wording. */
  crisis: boolean;
  patterns: CompiledPattern[];
  /** Mentions too vague to escalate on ("numbness?", "my bladder is weird"): ask `question`. */
  unclear: RegExp[];
  /** An unclear mention in a clause matching one of these is not asked about. */
  unclearUnless: RegExp[];
  /** Ids of flags that replace this one when both are found (one-leg sciatica vs both legs). */
  overriddenBy: string[];
}

/**
 * The language rules the detector applies around every match: the shared normaliser's spelling fixes and
 * idioms, the mention-status word lists (negation, hypotheticals, other people...), and where a sentence
 * splits into clauses.
 */
export interface DetectorLexicon extends NormaliserLexicon, MentionLexicon, AnswerWordsLexicon, ContractionsLexicon {
  /** Where a sentence splits into clauses that scope negation ("but", ", and I ..."). */
  clauseBreaks: RegExp;
  /** Words for how bad the pain is and the 0-10 band each stands for (knowledge/nlp/lexicon.yaml `severity`). */
  severity?: ReadonlyArray<{ words: string; band: [number, number] }>;
}

export interface RedFlagRules {
  flags: RedFlagRule[];
  lexicon: DetectorLexicon;
  /** Each flag's level, by id (compiled once: the screen looks levels up for every finding). */
  levelOf: ReadonlyMap<string, TriageLevel>;
  /** Ids of the suicide and self-harm flags. */
  crisisIds: ReadonlySet<string>;
  /** The concept net (red-flag-concepts.yaml); absent in small inline rule sets used by tests. */
  concepts?: ConceptRules;
  /** The classifier whose strong suspicions above what the rules found become yes/no questions (trained once). */
  secondOpinion?: SecondOpinion;
}

export interface RedFlagHit {
  id: string;
  level: TriageLevel;
  suggests: string;
}

/** A mention too vague to act on, and the one yes/no question that settles it. */
export interface UnclearMention {
  id: string;
  question: string;
  /** Only the second opinion (the classifier) leans to it: no rule matched. */
  byClassifier?: boolean;
}

export interface RedFlagScreen {
  /** Red flags the message clearly reports, most urgent first. */
  hits: RedFlagHit[];
  /** The most urgent level among the hits; null when there is none. */
  level: TriageLevel | null;
  /** Unclear mentions of flags that did not hit, most urgent first; ask the first question. */
  unclear: UnclearMention[];
  /** Thoughts of suicide or self-harm: reply with the crisis wording. */
  crisis: boolean;
  /** Pain or body words in another language ("dolor de espalda"): the reply gives the emergency number. */
  healthWordsInAnotherLanguage?: boolean;
  /** Every hit is someone else's ("my son can't pee"): the escalation is addressed to the person writing. */
  forSomeoneElse?: boolean;
}

/** Phone numbers and routes to care for one region. */
export interface RegionSettings {
  /** Region key in regions.yaml ("uk", "us", "eu"). */
  code: string;
  name: string;
  emergencyNumber: string;
  /** What the emergency department is called there ("A&E", "the ER"). */
  emergencyDepartment: string;
  /** Completes "Please ... today." ("get an urgent GP appointment or call NHS 111"). */
  urgentRoute: string;
  /** Who to contact in a crisis, with the number ("Samaritans on 116 123, free, day or night"). */
  crisisLine: string;
  /** The replies' locale, and how the chat page writes dates and times ("en-GB": 13:05). */
  locale: string;
}

export interface RegionsConfig {
  /** Used for unknown or missing region codes. */
  defaultRegion: string;
  regions: Record<string, RegionSettings & { aliases: string[] }>;
}

/** Values from the environment that replace a region's defaults; empty strings are ignored. */
export interface RegionOverrides {
  emergencyNumber?: string;
  crisisLine?: string;
  urgentRoute?: string;
}

/** The wording of escalations, from knowledge/safety/escalation-messages.yaml. */
export interface EscalationMessages {
  /** The short "this is not a diagnosis" line; every triage message contains it. */
  notDiagnosis: string;
  /** One template per level. */
  levels: Record<TriageLevel, string>;
  /** Suicide or self-harm. */
  crisis: string;
  /** Added to the crisis message when the same message also reports a physical emergency/urgent flag. */
  crisisAlsoPhysical: string;
  /** Put before the escalation when every red flag found is someone else's (a parent about their child). */
  forSomeoneElse: string;
  /** Reminders on later turns after an escalation. */
  reminders: { emergency: string; urgent: string; crisis: string };
}

/** Everything the safety layer needs at run time, loaded once at start-up. */
export interface SafetyRules extends RedFlagRules {
  dir: string;
  regions: RegionsConfig;
  messages: EscalationMessages;
}
