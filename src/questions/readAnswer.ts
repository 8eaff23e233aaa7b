/**
 * Reading an answer to one question: a button tapped for this question, its label typed, or the
 * user's own words through the question's reader. A tap meant for another question (a double tap, an
 * old card) is 'stale': never applied here. Plain functions.
 */
import { normalisedWords } from '../language/normalise';
import type { ReplyChoice } from '../conversation/botReply';
import { ANSWER_READERS, type AnswerReader, type ReadContext } from './answerTypes';
import type { Question } from './questionCatalogue';
import { isNonAnswer } from './readers/yesNo';
import { flagsSubject, lengthAnswer, saysSubject } from './subjectAnswers';
import type { Tap } from './tap';

export type AnswerResult =
  | { status: 'answered'; value: unknown; canonical: string; /** The button's label, when one was tapped or typed. */ label?: string }
  | { status: 'unclear' }
  | { status: 'stale' };

const same = (a: string, b: string, context: ReadContext): boolean => {
  const x = normalisedWords(a, context.language);
  return x !== '' && x === normalisedWords(b, context.language);
};

export function readerOf(question: Question): AnswerReader<unknown> {
  return ANSWER_READERS[question.answer] as AnswerReader<unknown>;
}

export function readAnswerOf(question: Question, text: string, tap: Tap | undefined, context: ReadContext): AnswerResult {
  const reader = readerOf(question);
  if (tap) {
    if (tap.questionId !== question.id) return { status: 'stale' };
    const choice = question.choices?.find((c) => c.value === tap.value);
    const value = choice ? reader.fromChoice(choice.value) : undefined;
    if (value === undefined) return { status: 'stale' };
    return { status: 'answered', value, canonical: reader.canonical(value), label: choice!.label };
  }
  // Typing a button's label (or its value) is the same as tapping it.
  const typed = question.choices?.find((c) => same(text, c.label, context) || same(text, c.value, context));
  if (typed) {
    const value = reader.fromChoice(typed.value);
    if (value !== undefined) return { status: 'answered', value, canonical: reader.canonical(value), label: typed.label };
  }
  let value = reader.read(text, context);
  // "sprained my ankle last year" to "any injury before?": the subject said is the yes (not when asked
  // back), and so is a screened sign the red-flag screen finds, whatever the yes/no words: "feels like
  // it'll never go away" agrees that it won't get better, its "never" is part of what it says.
  if (question.yesWhen && !isNonAnswer(text, context.language)) {
    if (flagsSubject(question, text, context) || saysSubject(question, text, context)) value = reader.fromChoice('yes');
    // "bit stiff for like 5 min then fine" to "stiff for half an hour or more?": the length said answers.
    if (value === undefined) value = reader.fromChoice(lengthAnswer(question, text, context) ?? '');
  }
  if (value === undefined) return { status: 'unclear' };
  const choices = (question.choices ?? []).flatMap((c) => {
    const v = reader.fromChoice(c.value);
    return v === undefined ? [] : [{ choice: c, value: v }];
  });
  const standsFor = reader.choiceFor?.(
    value,
    choices.map((c) => c.value),
  );
  const button = standsFor === undefined ? undefined : choices.find((c) => c.value === standsFor);
  if (button) return { status: 'answered', value: button.value, canonical: reader.canonical(button.value), label: button.choice.label };
  return { status: 'answered', value, canonical: reader.canonical(value) };
}

/** The question's buttons, each carrying the question id with its canonical value. */
export function choicesOf(question: Question): ReplyChoice[] {
  return (question.choices ?? []).map((c) => ({ label: c.label, value: c.value, questionId: question.id }));
}
