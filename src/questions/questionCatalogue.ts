/**
 * Every question the dialogs ask, by id, gathered from the knowledge files that word them
 * (symptom-check.yaml, booking.yaml, privacy.yaml). The dialogs ask and read through this; kb:check
 * checks every entry's buttons against its reader.
 */
import type { BookingContent } from '../booking/bookingContent';
import type { PrivacyContent } from '../privacy/privacyContent';
import type { SymptomCheckContent } from '../symptoms/symptomCheckContent';
import type { QuestionEntry } from './questionSchema';

export interface Question extends QuestionEntry {
  /** The knowledge file that words it, for messages a physio can act on. */
  file: string;
}

export type QuestionCatalogue = ReadonlyMap<string, Question>;

export interface QuestionSources {
  symptomCheck: SymptomCheckContent;
  booking: BookingContent;
  privacy: PrivacyContent;
}

export function questionsOf({ symptomCheck, booking, privacy }: QuestionSources): Question[] {
  const from = (file: string, entries: QuestionEntry[]) => entries.map((entry) => ({ ...entry, file }));
  return [
    ...from('symptom-check.yaml', [
      symptomCheck.consent,
      ...Object.values(symptomCheck.questions),
      ...Object.values(symptomCheck.startBack.items),
    ]),
    ...from('booking.yaml', [
      booking.consent,
      booking.name,
      booking.contact,
      booking.preferredTimes,
      booking.notes,
      booking.shareSummary,
      booking.confirm,
      booking.changeField,
    ]),
    ...from('privacy.yaml', [privacy.forget]),
  ];
}

/** Builds the catalogue; a repeated id is a content error (kb:check names both files). */
export function buildQuestionCatalogue(sources: QuestionSources): QuestionCatalogue {
  const catalogue = new Map<string, Question>();
  for (const question of questionsOf(sources)) {
    const other = catalogue.get(question.id);
    if (other) throw new Error(`the question id "${question.id}" is used twice (${other.file} and ${question.file})`);
    catalogue.set(question.id, question);
  }
  return catalogue;
}

export function questionById(catalogue: QuestionCatalogue, id: string): Question {
  const question = catalogue.get(id);
  if (!question) throw new Error(`no question "${id}" in knowledge/`);
  return question;
}
