/**
 * Content checks beyond the schema: the rules that keep answers sourced and the classifier trainable.
 * Returns problems as sentences; an empty list means the knowledge base is fit to ship.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KnowledgeFileError, loadHeldOutUtterances, loadKnowledgeBase, type KnowledgeBase } from './loadKnowledge';
import { REQUIRED_WORDING_KEYS } from './wordingKeys';
import { ADVICE_KEYS } from '../symptoms/assessSymptoms';
import { checkContentFiles } from './checkContentFiles';

/** Fewer distinct words than this across an intent's examples means they are paraphrases of one line. */
const MIN_DISTINCT_WORDS_PER_INTENT = 12;

/** A held-out line sharing this share of its words with a training line of the same intent is a leak, not a test. */
export const MAX_HELD_OUT_OVERLAP = 0.6;

export const wordSet = (text: string): Set<string> => new Set(normalise(text).split(' ').filter(Boolean));
export const overlap = (a: Set<string>, b: Set<string>): number => {
  const shared = [...a].filter((w) => b.has(w)).length;
  return shared / (a.size + b.size - shared || 1);
};

const normalise = (text: string): string => text.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();

export interface KnowledgeCheckResult {
  problems: string[];
  counts: { topics: number; intents: number; examples: number; heldOut: number };
}

export function checkKnowledge(dir?: string, seedsDir?: string): KnowledgeCheckResult {
  const problems: string[] = [];
  let kb: KnowledgeBase;
  try {
    kb = loadKnowledgeBase(dir);
  } catch (error) {
    return { problems: [describe(error)], counts: { topics: 0, intents: 0, examples: 0, heldOut: 0 } };
  }

  const intentIds = [...kb.topics.map((t) => t.id), ...kb.conversationIntents.map((i) => i.id)];
  const seen = new Set<string>();
  for (const id of intentIds) {
    if (seen.has(id)) problems.push(`id "${id}" is used more than once`);
    seen.add(id);
  }

  for (const topic of kb.topics) {
    for (const file of topic.sources) {
      if (!kb.sources.has(file)) problems.push(`topic "${topic.id}" cites "${file}", which is not listed in sources.yaml`);
    }
    for (const related of topic.related) {
      if (!kb.topicsById.has(related)) problems.push(`topic "${topic.id}" relates to unknown topic "${related}"`);
      if (related === topic.id) problems.push(`topic "${topic.id}" lists itself as related`);
    }
  }

  if (seedsDir && fs.existsSync(seedsDir)) {
    for (const file of kb.sources.keys()) {
      if (!fs.existsSync(path.join(seedsDir, file))) problems.push(`sources.yaml lists "${file}", which is not in ${seedsDir}`);
    }
  }

  const owner = new Map<string, string>();
  const allIntents = [...kb.topics, ...kb.conversationIntents];
  for (const intent of allIntents) {
    const words = new Set<string>();
    const lines = new Set<string>();
    for (const example of intent.examples) {
      const line = normalise(example);
      if (lines.has(line)) problems.push(`intent "${intent.id}" repeats the example "${example}"`);
      lines.add(line);
      line.split(' ').forEach((w) => words.add(w));
      const other = owner.get(line);
      if (other && other !== intent.id) problems.push(`the example "${example}" is given for both "${other}" and "${intent.id}"`);
      owner.set(line, intent.id);
    }
    if (words.size < MIN_DISTINCT_WORDS_PER_INTENT) {
      problems.push(`intent "${intent.id}" needs more varied examples (${words.size} distinct words, want ${MIN_DISTINCT_WORDS_PER_INTENT})`);
    }
  }

  for (const intent of Object.keys(kb.menu.intentChoices)) {
    if (!seen.has(intent)) problems.push(`menu.yaml offers a button for unknown intent "${intent}"`);
  }

  for (const key of REQUIRED_WORDING_KEYS) {
    if (!(key in kb.wording)) problems.push(`wording.yaml is missing the message "${key}"`);
  }

  const content = checkContentFiles(kb.dir);
  problems.push(...content.problems);
  if (content.files.symptomCheck) {
    const { advice } = content.files.symptomCheck;
    for (const key of ADVICE_KEYS) {
      if (!advice[key]) problems.push(`symptom-check.yaml has no advice topics for "${key}"`);
    }
    for (const [key, ids] of Object.entries(advice)) {
      for (const id of ids) if (!kb.topicsById.has(id)) problems.push(`symptom-check.yaml advice "${key}" names unknown topic "${id}"`);
    }
  }

  let heldOut = 0;
  try {
    const utterances = loadHeldOutUtterances(dir);
    heldOut = utterances.length;
    for (const u of utterances) {
      if (!seen.has(u.intent)) problems.push(`held-out utterance "${u.text}" names unknown intent "${u.intent}"`);
      if (owner.has(normalise(u.text))) problems.push(`held-out utterance "${u.text}" is also a training example`);
      const words = wordSet(u.text);
      const twin = allIntents
        .find((intent) => intent.id === u.intent)
        ?.examples.find((example) => overlap(words, wordSet(example)) >= MAX_HELD_OUT_OVERLAP);
      if (twin) problems.push(`held-out utterance "${u.text}" is a near copy of the training example "${twin}"`);
    }
  } catch (error) {
    problems.push(describe(error));
  }

  return {
    problems,
    counts: {
      topics: kb.topics.length,
      intents: allIntents.length,
      examples: allIntents.reduce((sum, intent) => sum + intent.examples.length, 0),
      heldOut,
    },
  };
}

function describe(error: unknown): string {
  return error instanceof KnowledgeFileError ? error.message : `knowledge cannot be loaded: ${(error as Error).message}`;
}
