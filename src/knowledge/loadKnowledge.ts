/**
 * Reads the knowledge/ folder into memory once at start-up. Reading is separate from checking
 * (checkKnowledge.ts) so the bot refuses to start on content the check would reject.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { projectRoot } from '../projectRoot';
import {
  conversationIntentFileSchema,
  heldOutFileSchema,
  menuFileSchema,
  type Menu,
  sourcesFileSchema,
  topicFileSchema,
  wordingFileSchema,
  type ConversationIntent,
  type LabelledUtterance,
  type Source,
  type Topic,
  type Wording,
} from './schema';

export const DEFAULT_KNOWLEDGE_DIR = path.join(projectRoot(), 'knowledge');

export interface KnowledgeBase {
  dir: string;
  topics: Topic[];
  topicsById: Map<string, Topic>;
  conversationIntents: ConversationIntent[];
  sources: Map<string, Source>;
  wording: Wording;
  menu: Menu;
}

/** A file that failed to parse or match its schema, with the reason in words a content editor can act on. */
export class KnowledgeFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'KnowledgeFileError';
  }
}

export function readYamlFile<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  let doc: YAML.Document.Parsed;
  const lines = new YAML.LineCounter();
  try {
    doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter: lines });
    if (doc.errors.length > 0) throw doc.errors[0];
    raw = doc.toJS();
  } catch (error) {
    throw new KnowledgeFileError(file, [`cannot be read as YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new KnowledgeFileError(file, parsed.error.issues.map((issue) => describeIssue(issue, doc, lines)));
  }
  return parsed.data;
}

/** "line 40, confirm.reask: is missing": where the problem is, in an editor's words. */
function describeIssue(issue: z.core.$ZodIssue, doc: YAML.Document.Parsed, lines: YAML.LineCounter): string {
  const at = issue.path.map(String);
  const line = lineOfPath(doc, lines, at);
  const where = `${line ? `line ${line}, ` : ''}${at.join('.') || '(file)'}`;
  if (issue.code === 'unrecognized_keys') return `${where}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')} (misspelt or renamed?)`;
  if (issue.code === 'invalid_type' && doc.getIn(at) === undefined) return `${where}: is missing (was it renamed or deleted?)`;
  return `${where}: ${issue.message}`;
}

/** The line of the deepest node on `path` that exists (a missing key: the entry that should hold it). */
export function lineOfPath(doc: YAML.Document.Parsed, lines: YAML.LineCounter, path: string[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

export function topicFiles(dir: string): string[] {
  const topicsDir = path.join(dir, 'topics');
  return fs
    .readdirSync(topicsDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => path.join(topicsDir, name));
}

export function loadKnowledgeBase(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeBase {
  const topics = topicFiles(dir).flatMap((file) => readYamlFile(file, topicFileSchema).topics);
  const { intents } = readYamlFile(path.join(dir, 'intents.yaml'), conversationIntentFileSchema);
  const { sources } = readYamlFile(path.join(dir, 'sources.yaml'), sourcesFileSchema);
  const { messages } = readYamlFile(path.join(dir, 'wording.yaml'), wordingFileSchema);
  const menu = readYamlFile(path.join(dir, 'menu.yaml'), menuFileSchema);
  return {
    dir,
    topics,
    topicsById: new Map(topics.map((topic) => [topic.id, topic])),
    conversationIntents: intents,
    sources: new Map(sources.map((source) => [source.file, source])),
    wording: messages,
    menu,
  };
}

export function loadHeldOutUtterances(dir: string = DEFAULT_KNOWLEDGE_DIR): LabelledUtterance[] {
  return readYamlFile(path.join(dir, 'evaluation', 'heldout-intents.yaml'), heldOutFileSchema).utterances;
}
