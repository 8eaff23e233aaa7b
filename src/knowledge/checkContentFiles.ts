/**
 * The knowledge check for every file the bot loads at start-up besides topics and intents: each is
 * loaded with the loader (and schema) the bot itself uses, every {placeholder} is checked against the
 * values the code fills it with, and every question's buttons are read by that question's reader.
 * Problems name the file, the line and the entry, in words an editor can act on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { loadBookingContent, type BookingContent } from '../booking/bookingContent';
import { loadNamedDays } from '../language/namedDays';
import { lexiconFileSchema } from '../nlp/lexiconSchema';
import { loadPrivacyContent, type PrivacyContent } from '../privacy/privacyContent';
import { buildQuestionCatalogue, questionsOf, type Question } from '../questions/questionCatalogue';
import { readerOf } from '../questions/readAnswer';
import { loadQuestionWording } from '../questions/questionWording';
import { loadSafetyRules } from '../safety/loadSafetyRules';
import type { SafetyRules } from '../safety/types';
import { loadSymptomCheckContent, type SymptomCheckContent } from '../symptoms/symptomCheckContent';
import { KnowledgeFileError, lineOfPath, readYamlFile, topicFiles } from './loadKnowledge';

/**
 * The placeholders each file's wording may use: what the code fills them with. A placeholder not listed
 * here is shown to the user as it is ("call {emergencyNumer} now"), so it is refused.
 */
export const PLACEHOLDERS: Record<string, readonly string[]> = {
  'wording.yaml': ['emergencyNumber', 'choices', 'retentionDays', 'clinicContact', 'aboutTopic'],
  'menu.yaml': [],
  'intents.yaml': [],
  'symptom-check.yaml': ['reasons'],
  'booking.yaml': ['reference', 'summary', 'bookingUrl', 'reasons', 'value'],
  'privacy.yaml': ['items', 'references', 'triage', 'reasons', 'reference', 'status', 'contact'],
  'questions.yaml': [],
  'nlp/named-days.yaml': [],
  'safety/escalation-messages.yaml': ['emergencyNumber', 'emergencyDepartment', 'urgentRoute', 'crisisLine', 'reason', 'notDiagnosis'],
  'safety/regions.yaml': [],
};

function describe(error: unknown, file: string): string {
  return error instanceof KnowledgeFileError ? error.message : `${file}: ${(error as Error).message}`;
}

/** Runs one loader; its problem, if any, goes into the list. */
function attempt<T>(problems: string[], file: string, load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    problems.push(describe(error, file));
    return undefined;
  }
}

interface Located {
  line: number;
  where: string;
  text: string;
}

/** Every string in a YAML file with its line and the id of the entry it belongs to (or its key path). */
function stringsOf(file: string): Located[] {
  const lines = new YAML.LineCounter();
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter: lines });
  const found: Located[] = [];
  const walk = (value: unknown, at: string[], entryId: string | undefined): void => {
    if (typeof value === 'string') {
      const line = lineOfPath(doc, lines, at) ?? 0;
      found.push({ line, where: entryId ? `entry "${entryId}" (${at.join('.')})` : at.join('.'), text: value });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...at, String(i)], entryId));
    } else if (value && typeof value === 'object') {
      const id = (value as { id?: unknown }).id;
      for (const [key, item] of Object.entries(value)) walk(item, [...at, key], typeof id === 'string' ? id : entryId);
    }
  };
  walk(doc.toJS(), [], undefined);
  return found;
}

function checkPlaceholders(dir: string, relative: string, allowed: readonly string[], problems: string[]): void {
  const file = path.join(dir, relative);
  if (!fs.existsSync(file)) return;
  for (const { line, where, text } of stringsOf(file)) {
    for (const match of text.matchAll(/\{(\w+)\}/g)) {
      if (allowed.includes(match[1])) continue;
      const known = allowed.length ? `the ones filled in here are ${allowed.map((p) => `{${p}}`).join(', ')}` : 'nothing is filled in here';
      problems.push(`${relative} line ${line}, ${where}: the placeholder {${match[1]}} is never filled in, so users would see it as typed (${known})`);
    }
  }
}

/** A question's `yesWhen`: only on a yes/no question, and every flag one red-flags.yaml defines. */
function checkYesWhen(question: Question, safety: SafetyRules | undefined, problems: string[]): void {
  if (!question.yesWhen) return;
  const where = `${question.file}, question "${question.id}"`;
  if (readerOf(question).fromChoice('yes') === undefined)
    problems.push(`${where}: yesWhen needs a yes/no question, and the ${question.answer} reader has no "yes"`);
  for (const flag of question.yesWhen.flags ?? []) {
    if (safety && !safety.levelOf.has(flag)) problems.push(`${where}: yesWhen names the red flag "${flag}", which safety/red-flags.yaml does not define`);
  }
}

export interface ContentFiles {
  symptomCheck?: SymptomCheckContent;
  booking?: BookingContent;
  privacy?: PrivacyContent;
}

export function checkContentFiles(dir: string): { problems: string[]; files: ContentFiles } {
  const problems: string[] = [];
  const symptomCheck = attempt(problems, 'symptom-check.yaml', () => loadSymptomCheckContent(dir));
  const booking = attempt(problems, 'booking.yaml', () => loadBookingContent(dir));
  const privacy = attempt(problems, 'privacy.yaml', () => loadPrivacyContent(dir));
  attempt(problems, 'questions.yaml', () => loadQuestionWording(dir));
  attempt(problems, 'nlp/named-days.yaml', () => loadNamedDays(dir));
  attempt(problems, 'nlp/lexicon.yaml', () => readYamlFile(path.join(dir, 'nlp', 'lexicon.yaml'), lexiconFileSchema));
  const safety = attempt(problems, 'safety/', () => loadSafetyRules(path.join(dir, 'safety')));

  for (const [relative, allowed] of Object.entries(PLACEHOLDERS)) checkPlaceholders(dir, relative, allowed, problems);
  for (const topicFile of topicFiles(dir)) checkPlaceholders(dir, path.relative(dir, topicFile), [], problems);

  if (symptomCheck && booking && privacy) {
    attempt(problems, 'questions', () => buildQuestionCatalogue({ symptomCheck, booking, privacy }));
    for (const question of questionsOf({ symptomCheck, booking, privacy })) {
      const reader = readerOf(question);
      const labels = new Set<string>();
      for (const choice of question.choices ?? []) {
        if (reader.fromChoice(choice.value) === undefined) {
          problems.push(
            `${question.file}, question "${question.id}": the button "${choice.label}" has the value "${choice.value}", which is not an answer the ${question.answer} reader knows`,
          );
        }
        if (labels.has(choice.label.toLowerCase())) problems.push(`${question.file}, question "${question.id}": two buttons are labelled "${choice.label}"`);
        labels.add(choice.label.toLowerCase());
      }
      checkYesWhen(question, safety, problems);
    }
  }
  return { problems, files: { symptomCheck, booking, privacy } };
}
