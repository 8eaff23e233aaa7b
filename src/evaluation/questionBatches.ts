/**
 * Blind question batches: runner questions written from the five seed articles by authors who never saw
 * knowledge/, frozen in knowledge/evaluation/blind/questions-*.yaml before their first run. Each message
 * is played through the whole bot in a fresh conversation. Gold topics live beside the batch in
 * questions-*.labels.yaml, labelled from the question and the topic list only.
 *   - on-topic: answered directly (no clarifying question) with a gold topic's answer among the replies;
 *   - out-of-scope: no knowledge topic's answer among the replies.
 * Coverage is a rough extra: the share of the content words of `answer_should_cover` found in the reply.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { MAX_HELD_OUT_OVERLAP, overlap, wordSet } from '../knowledge/checkKnowledge';
import { readYamlFile } from '../knowledge/loadKnowledge';
import type { KnowledgeBase } from '../knowledge/loadKnowledge';
import { isStopword, stem, wordsOf } from '../nlp/textNormalizer';
import { BLIND_DIR } from './blindBatches';
import { InProcessBot, type Turn } from './inProcessBot';

const questionSchema = z.object({
  text: z.string().min(1),
  seed: z.string().default(''),
  answer_should_cover: z.string().default(''),
  kind: z.enum(['on-topic', 'out-of-scope']),
});
const questionsFileSchema = z.object({ questions: z.array(questionSchema).min(1) });
// An out-of-scope question may be listed with `topics: []`; an on-topic question without a topic is refused below.
const labelsFileSchema = z.object({ labels: z.array(z.object({ text: z.string(), topics: z.array(z.string()) })) });
export type BlindQuestion = z.infer<typeof questionSchema>;

export function questionBatchFiles(dir = BLIND_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^questions-[a-z]+\.yaml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

export interface QuestionOutcome {
  question: BlindQuestion;
  gold: string[];
  /** Topics whose answer the bot gave, in order; action intents (book_physio...) as the turn's intent. */
  answered: string[];
  intent: string;
  onGoldTopic: boolean;
  /** A clarifying reply that offered a gold topic as a button. */
  clarifiedWithGold: boolean;
  coverage: number;
  reply: string;
  /** A training example shares most of its words (as kb:check counts a held-out leak): not a test of generalisation. */
  nearCopy: string | undefined;
}

export interface QuestionBatchReport {
  name: string;
  onTopic: QuestionOutcome[];
  outOfScope: QuestionOutcome[];
}

const contentStems = (text: string): string[] => [
  ...new Set(
    wordsOf(text)
      .filter((w) => !isStopword(w) && w.length > 2)
      .map(stem),
  ),
];

// Channels lay lists out with blank lines around them, so answers are compared with whitespace collapsed.
const collapsed = (text: string): string => text.replace(/\s+/g, ' ').trim();

function answeredTopics(kb: KnowledgeBase, turn: Turn): string[] {
  const replies = turn.texts.map(collapsed);
  return kb.topics.filter((topic) => replies.some((text) => text.includes(collapsed(topic.answer)))).map((t) => t.id);
}

export async function evaluateQuestionBatch(file: string): Promise<QuestionBatchReport> {
  const questions = readYamlFile(file, questionsFileSchema).questions;
  const labelsFile = file.replace(/\.yaml$/, '.labels.yaml');
  const labels = new Map(readYamlFile(labelsFile, labelsFileSchema).labels.map((l) => [l.text, l.topics]));
  const report: QuestionBatchReport = { name: path.basename(file, '.yaml'), onTopic: [], outOfScope: [] };
  let examples: Array<{ text: string; words: Set<string> }> | undefined;
  for (const question of questions) {
    const bot = new InProcessBot();
    const { kb } = bot.services;
    examples ??= [...kb.topics, ...kb.conversationIntents].flatMap((i) => i.examples.map((text) => ({ text, words: wordSet(text) })));
    const words = wordSet(question.text);
    const turn = await bot.say(question.text);
    const answered = answeredTopics(kb, turn);
    const intent = turn.summary?.intent ?? 'none';
    const gold = labels.get(question.text) ?? [];
    if (question.kind === 'on-topic' && gold.length === 0)
      throw new Error(`${path.basename(labelsFile)} has no label for "${question.text}"`);
    const actions = gold.filter((id) => !kb.topicsById.has(id));
    const onGoldTopic = answered.some((id) => gold.includes(id)) || actions.some((id) => intent === id || intent.startsWith(`${id}.`));
    const goldTitles = gold.flatMap((id) => kb.topicsById.get(id)?.title ?? []);
    const want = contentStems(question.answer_should_cover);
    const got = new Set(contentStems(turn.text));
    const outcome: QuestionOutcome = {
      question,
      gold,
      answered,
      intent,
      onGoldTopic,
      clarifiedWithGold: answered.length === 0 && turn.buttons.some((b) => goldTitles.includes(b)),
      coverage: want.length ? want.filter((s) => got.has(s)).length / want.length : 1,
      reply: turn.text,
      nearCopy: examples.find((e) => overlap(words, e.words) >= MAX_HELD_OUT_OVERLAP)?.text,
    };
    (question.kind === 'on-topic' ? report.onTopic : report.outOfScope).push(outcome);
  }
  return report;
}

const pct = (n: number, d: number): string => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;

export function questionBatchFigures(report: QuestionBatchReport) {
  const on = report.onTopic;
  const direct = on.filter((o) => o.onGoldTopic).length;
  const clarified = on.filter((o) => o.clarifiedWithGold).length;
  const notTopic = report.outOfScope.filter((o) => o.answered.length === 0).length;
  const coverage = on.filter((o) => o.onGoldTopic).reduce((sum, o) => sum + o.coverage, 0) / Math.max(direct, 1);
  const unseen = on.filter((o) => !o.nearCopy);
  // A compound reply that also answered something not asked ("do they hurt it more" read as a second topic).
  const extraTopic = on.filter((o) => o.answered.some((id) => !o.gold.includes(id))).length;
  const unseenOut = report.outOfScope.filter((o) => !o.nearCopy);
  return {
    onTopic: on.length,
    direct,
    clarified,
    outOfScope: report.outOfScope.length,
    notTopic,
    coverage,
    extraTopic,
    unseenOnTopic: unseen.length,
    unseenDirect: unseen.filter((o) => o.onGoldTopic).length,
    unseenOutOfScope: unseenOut.length,
    unseenNotTopic: unseenOut.filter((o) => o.answered.length === 0).length,
  };
}

export function formatQuestionBatch(report: QuestionBatchReport, showMisses: boolean): string {
  const f = questionBatchFigures(report);
  const lines = [
    `Blind questions ${report.name}:`,
    `  on-topic answered directly on a gold topic   ${f.direct}/${f.onTopic}  ${pct(f.direct, f.onTopic)}   (bar 92%)`,
    `  ... or a clarifying question offering it      ${f.direct + f.clarified}/${f.onTopic}  ${pct(f.direct + f.clarified, f.onTopic)}`,
    `  out-of-scope not answered as a topic         ${f.notTopic}/${f.outOfScope}  ${pct(f.notTopic, f.outOfScope)}   (bar 90%)`,
    `  words of answer_should_cover found in the on-topic answers: ${(100 * f.coverage).toFixed(0)}% on average`,
    `  on-topic replies that also answered a topic not in the gold list: ${f.extraTopic}/${f.onTopic}`,
    `  without a near copy among the training examples: on topic ${f.unseenDirect}/${f.unseenOnTopic}  ${pct(f.unseenDirect, f.unseenOnTopic)}, out of scope kept out ${f.unseenNotTopic}/${f.unseenOutOfScope}`,
  ];
  if (showMisses) {
    for (const o of report.onTopic.filter((x) => !x.onGoldTopic)) {
      lines.push(
        `  MISS on-topic  "${o.question.text}"  gold [${o.gold.join(', ')}]  got ${o.answered.length ? o.answered.join(', ') : o.intent}${o.nearCopy ? '  (near copy of an example)' : ''}`,
      );
    }
    for (const o of report.outOfScope.filter((x) => x.answered.length > 0)) {
      lines.push(`  MISS out-of-scope  "${o.question.text}"  answered ${o.answered.join(', ')}`);
    }
  }
  return lines.join('\n');
}
