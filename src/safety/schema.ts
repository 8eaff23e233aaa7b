/**
 * The shape of the files under knowledge/safety/. The loader holds them to these schemas and to the
 * clinical wording rules (emergency messages give the number and "now", never booking or exercise),
 * so a careless edit stops the bot at start-up instead of reaching a user.
 */
import { z } from 'zod';
import { idSchema } from '../knowledge/schema';

export const triageLevelSchema = z.enum(['emergency', 'urgent', 'routine', 'self-care']);

const regexList = z.array(z.string().min(1)).default([]);

/** A phrase pattern: a regular expression, or one with conditions. */
export const patternSchema = z.union([
  z.string().min(1),
  z.object({
    match: z.string().min(1),
    /** Each must also be affirmed somewhere in the message. */
    also: regexList,
    /** If the clause matches one of these, ask the flag's question instead of escalating. */
    askIf: regexList,
    /** If the clause matches one of these, this is not the red flag. */
    unless: regexList,
  }),
]);

export const redFlagSchema = z.object({
  id: idSchema,
  level: triageLevelSchema,
  suggests: z.string().min(5),
  reason: z.string().min(10).max(300),
  question: z
    .string()
    .min(10)
    .regex(/\(yes\/no\)\s*$/, 'the question ends with "(yes/no)" so the user knows how to answer'),
  crisis: z.boolean().default(false),
  /** The spec row(s) this flag covers, for reviewers. */
  covers: z.string().min(5),
  patterns: z.array(patternSchema).min(1),
  unclear: regexList,
  unclearUnless: regexList,
  overriddenBy: z.array(idSchema).default([]),
});

export const detectorSchema = z.object({
  /** Extra spelling fixes for one rule set; the shared ones are in knowledge/nlp/lexicon.yaml. */
  spelling: z.record(z.string().min(1), z.string()).default({}),
  benign: regexList,
  clauseBreaks: z.array(z.string().min(1)).min(1),
  negation: z.array(z.string().min(1)).min(1),
  notNegation: regexList,
  postNegation: z.array(z.string().min(1)).min(1),
  uncertainty: z.array(z.string().min(1)).min(1),
  hypothetical: z.array(z.string().min(1)).min(1),
  thirdPerson: z.array(z.string().min(1)).min(1),
  firstPerson: z.array(z.string().min(1)).min(1),
  negationWindow: z.number().int().min(1).max(20),
  closeNegation: z.number().int().min(1).max(20),
});

export const redFlagsFileSchema = z.object({
  macros: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'macro names are UPPER_CASE'), z.string().min(1)).default({}),
  detector: detectorSchema,
  flags: z.array(redFlagSchema).min(1),
});

const regionSchema = z.object({
  name: z.string().min(2),
  aliases: z.array(z.string().min(2)).default([]),
  emergencyNumber: z.string().regex(/^[0-9 ]{3,}$/, 'an emergency number is digits'),
  emergencyDepartment: z.string().min(2),
  urgentRoute: z.string().min(10),
  crisisLine: z
    .string()
    .min(3)
    .regex(/[0-9]{3}/, 'a crisis line names its number'),
  locale: z.string().regex(/^en-[A-Z]{2}$/, 'a locale is English with a country: en-GB'),
});

export const regionsFileSchema = z
  .object({
    defaultRegion: z.string().min(2),
    regions: z.record(z.string().regex(/^[a-z]{2,}$/), regionSchema),
  })
  .refine((file) => file.defaultRegion in file.regions, { message: 'defaultRegion must be one of the regions' });

export const PLACEHOLDERS = ['emergencyNumber', 'emergencyDepartment', 'urgentRoute', 'crisisLine', 'reason', 'notDiagnosis'] as const;

export const escalationMessagesFileSchema = z.object({
  notDiagnosis: z.string().min(10),
  levels: z.object({
    emergency: z.string().min(10),
    urgent: z.string().min(10),
    routine: z.string().min(10),
    'self-care': z.string().min(10),
  }),
  crisis: z.string().min(10),
  crisisAlsoPhysical: z.string().min(10),
  /** Put before the escalation when the red flag is someone else's (a parent about their child). */
  forSomeoneElse: z.string().min(10),
  reminders: z.object({ emergency: z.string().min(10), urgent: z.string().min(10), crisis: z.string().min(10) }),
});

/** One labelled phrasing for tests and `npm run eval`. */
export const redFlagPhraseSchema = z.object({
  text: z.string().min(1),
  /** Exactly the flag ids the screen must report (empty: none). */
  expect: z.array(idSchema),
  /** The screen's level (null: no hit). */
  level: triageLevelSchema.nullable(),
  /** True when the screen must ask a yes/no question (an unclear mention). */
  unclear: z.boolean().default(false),
  /** The flag this phrasing exercises (a positive or a near-miss), for per-flag counts. */
  about: z.string().min(2),
});

export const redFlagPhrasesFileSchema = z.object({ phrases: z.array(redFlagPhraseSchema).min(1) });

export type RedFlagsFile = z.infer<typeof redFlagsFileSchema>;
export type RedFlagPhrase = z.infer<typeof redFlagPhraseSchema>;
