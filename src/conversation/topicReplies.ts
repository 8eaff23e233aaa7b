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

export function topicAnswer(kb: KnowledgeBase, say: Say, topic: Topic): BotReply {
  const more = topic.more ? [choice(say('tell_me_more_prompt'))] : [];
  return { text: topic.answer, sources: sourceTitles(kb, topic), choices: [...more, ...relatedChoices(kb, topic)].slice(0, 4) };
}

export function topicMore(kb: KnowledgeBase, say: Say, topic: Topic): BotReply {
  if (!topic.more) return { text: say('no_more_detail'), choices: relatedChoices(kb, topic) };
  return { text: topic.more, sources: sourceTitles(kb, topic), choices: relatedChoices(kb, topic).slice(0, 3) };
}

/** Finds a topic by its exact title, so a tapped (or typed) suggestion button always lands. */
export function topicByTitle(kb: KnowledgeBase, text: string): Topic | undefined {
  const wanted = text.trim().toLowerCase();
  return kb.topics.find((topic) => topic.title.toLowerCase() === wanted);
}
