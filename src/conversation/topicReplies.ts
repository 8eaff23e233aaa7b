/** Builds the replies that present knowledge: an answer with its sources, "tell me more", a clarifying choice. */
import type { KnowledgeBase } from '../knowledge/loadKnowledge';
import type { Topic } from '../knowledge/schema';
import { choice, type BotReply, type ReplyChoice } from './botReply';
import type { Say } from './wording';

export function sourceTitles(kb: KnowledgeBase, topic: Topic): string[] {
  return topic.sources.map((file) => {
    const source = kb.sources.get(file);
    return source ? `${source.title}${source.publisher ? ` (${source.publisher})` : ''}` : file;
  });
}

const relatedChoices = (kb: KnowledgeBase, topic: Topic): ReplyChoice[] =>
  topic.related.flatMap((id) => {
    const related = kb.topicsById.get(id);
    return related ? [choice(related.title)] : [];
  });

/** An answer that sends the reader to a physio ("see a physio", "a physio can...") offers to book one. */
export const recommendsPhysio = (text: string): boolean => /\bphysio(therapist)?s?\b/i.test(text);

/** Buttons under an answer: at most four, and the booking button (when given) always among them. */
function withBooking(choices: ReplyChoice[], text: string, book?: ReplyChoice): ReplyChoice[] {
  if (!book || !recommendsPhysio(text)) return choices.slice(0, 4);
  return [...choices.filter((c) => c.value !== book.value).slice(0, 3), book];
}

export function topicAnswer(kb: KnowledgeBase, say: Say, topic: Topic, book?: ReplyChoice): BotReply {
  const more = topic.more ? [choice(say('tell_me_more_prompt'))] : [];
  return {
    text: topic.answer,
    sources: sourceTitles(kb, topic),
    choices: withBooking([...more, ...relatedChoices(kb, topic)], topic.answer, book),
  };
}

export function topicMore(kb: KnowledgeBase, say: Say, topic: Topic, book?: ReplyChoice): BotReply {
  if (!topic.more) return { text: say('no_more_detail'), choices: relatedChoices(kb, topic) };
  return {
    text: topic.more,
    sources: sourceTitles(kb, topic),
    choices: withBooking(relatedChoices(kb, topic).slice(0, 3), topic.more, book),
  };
}

/**
 * Two answers for a question that asked two things: each with its own sources, the buttons under the
 * last one only (tell me more about it, the topics asked about but not answered, then related ones).
 */
export function compoundAnswers(kb: KnowledgeBase, say: Say, topics: Topic[], book?: ReplyChoice): BotReply[] {
  const answered = topics.slice(0, 2);
  const rest = topics.slice(2).map((t) => choice(t.title));
  return answered.map((topic, i) => {
    const reply: BotReply = { text: topic.answer, sources: sourceTitles(kb, topic) };
    if (i === answered.length - 1) {
      const more = topic.more ? [choice(say('tell_me_more_prompt'))] : [];
      const texts = answered.map((t) => t.answer).join(' ');
      const related = answered.flatMap((t) => relatedChoices(kb, t)).filter((c) => !answered.some((t) => t.title === c.label));
      reply.choices = withBooking(dedupe([...rest, ...more, ...related]), texts, book);
    }
    return reply;
  });
}

const dedupe = (choices: ReplyChoice[]): ReplyChoice[] => choices.filter((c, i) => choices.findIndex((d) => d.value === c.value) === i);

/** Finds a topic by its exact title, so a tapped (or typed) suggestion button always lands. */
export function topicByTitle(kb: KnowledgeBase, text: string): Topic | undefined {
  const wanted = text.trim().toLowerCase();
  return kb.topics.find((topic) => topic.title.toLowerCase() === wanted);
}
