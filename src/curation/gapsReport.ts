/**
 * The report behind `npm run kb:gaps`: unanswered questions grouped by the topic the bot thought most
 * likely (with how many, and its best guesses for each question), then ratings per topic with comments,
 * so a physio can add examples to a topic, reword an answer or add a topic. Plain functions.
 */
import type { CurationEntry, Rating } from './curationStore';

type Unanswered = Extract<CurationEntry, { kind: 'unanswered' }>;
type Feedback = Extract<CurationEntry, { kind: 'feedback' }>;

export interface GapGroup {
  /** The best guess's intent id, or "out_of_scope" / "none". */
  likelyTopic: string;
  count: number;
  questions: Array<{ text: string; outcome: string; guesses: string }>;
}

export interface FeedbackGroup {
  topic: string;
  ratings: Record<Rating, number>;
  comments: string[];
}

export interface GapsReport {
  gaps: GapGroup[];
  feedback: FeedbackGroup[];
}

export function gapsReport(entries: CurationEntry[], titleOf: (id: string) => string | undefined = () => undefined): GapsReport {
  const groups = new Map<string, GapGroup>();
  for (const entry of entries.filter((e): e is Unanswered => e.kind === 'unanswered')) {
    const likely = entry.outcome === 'out_of_scope' ? 'out_of_scope' : (entry.guesses[0]?.intent ?? 'none');
    const group = groups.get(likely) ?? { likelyTopic: likely, count: 0, questions: [] };
    group.count += 1;
    const guesses = entry.guesses.map((g) => `${titleOf(g.intent) ?? g.intent} ${g.score.toFixed(2)}`).join(', ');
    group.questions.push({ text: entry.text, outcome: entry.outcome, guesses });
    groups.set(likely, group);
  }
  const ratings = new Map<string, FeedbackGroup>();
  for (const entry of entries.filter((e): e is Feedback => e.kind === 'feedback')) {
    const group = ratings.get(entry.topic) ?? { topic: entry.topic, ratings: { helpful: 0, partly: 0, not_helpful: 0 }, comments: [] };
    group.ratings[entry.rating] += 1;
    if (entry.comment) group.comments.push(entry.comment);
    ratings.set(entry.topic, group);
  }
  const worstFirst = (g: FeedbackGroup) => g.ratings.not_helpful * 2 + g.ratings.partly;
  return {
    gaps: [...groups.values()].sort((a, b) => b.count - a.count || a.likelyTopic.localeCompare(b.likelyTopic)),
    feedback: [...ratings.values()].sort((a, b) => worstFirst(b) - worstFirst(a) || a.topic.localeCompare(b.topic)),
  };
}

export function formatGapsReport(
  report: GapsReport,
  retentionDays: number,
  titleOf: (id: string) => string | undefined = () => undefined,
): string {
  const lines: string[] = [];
  const total = report.gaps.reduce((n, g) => n + g.count, 0);
  lines.push(`Questions the bot could not answer confidently (last ${retentionDays} days, users who agreed to storage): ${total}`);
  for (const group of report.gaps) {
    const name = titleOf(group.likelyTopic) ? `${group.likelyTopic} (${titleOf(group.likelyTopic)})` : group.likelyTopic;
    lines.push(`\n  ${name}: ${group.count}`);
    for (const q of group.questions) lines.push(`    - "${q.text}"  [${q.outcome}]${q.guesses ? `  guesses: ${q.guesses}` : ''}`);
  }
  lines.push(`\nRatings of answers, by topic (worst first): ${report.feedback.length} topic(s)`);
  for (const group of report.feedback) {
    const { helpful, partly, not_helpful } = group.ratings;
    lines.push(`  ${group.topic}: helpful ${helpful}, partly ${partly}, not helpful ${not_helpful}`);
    for (const comment of group.comments) lines.push(`    - "${comment}"`);
  }
  return lines.join('\n');
}
