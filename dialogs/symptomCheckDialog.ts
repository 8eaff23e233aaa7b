/**
 * The follow-up symptom check: asks one question at a time (skipping what the user already said),
 * re-asks unclear answers with an example, and ends with a triage level, a summary, advice that fits the
 * answers and the next step. An emergency answer ends it at once; an urgent one is said at once too, but
 * the questions go on until both safety screens are answered (the leg question and those screens can
 * make it an emergency), then the result.
 * Questions and their readers are data and plain functions (knowledge/symptom-check.yaml, src/questions,
 * src/symptoms); this file only holds the conversation.
 */
import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
// The classes from their own modules: the package's index also loads every prompt and its text recognizers (~0.5 s of start-up).
import { Dialog } from 'botbuilder-dialogs/lib/dialog';
import { recordTriage, screenOf, sendEscalation, triageCard } from '../src/conversation/escalation';
import { conversationDataOf, type BotServices } from '../src/services';
import { composeTriageMessage } from '../src/safety/triage';
import type { TriageLevel } from '../src/safety/types';
import { escalatedThisTurn, markEscalationSaid, noteIntent } from '../src/conversation/turn';
import type { BotReply } from '../src/conversation/botReply';
import { questionById, type Question } from '../src/questions/questionCatalogue';
import { choicesOf, readAnswerOf } from '../src/questions/readAnswer';
import { readContextOf } from '../src/questions/readContext';
import { tapOf } from '../src/questions/tap';
import { extractKnownAnswers } from '../src/symptoms/answerParsers';
import { applyAnswer } from '../src/symptoms/applyAnswer';
import { assessSymptoms, redFlagsInAnswers } from '../src/symptoms/assessSymptoms';
import { nextQuestion, pendingKey, type PendingQuestion } from '../src/symptoms/nextQuestion';
import { composeSymptomCheckResult } from '../src/symptoms/symptomCheckResult';
import type { SymptomAnswers } from '../src/symptoms/types';

/**
 * After this many unclear replies to one question, the check moves on rather than loop: a question is
 * asked at most twice. Consent then counts as no (nothing kept). The two safety screens are the
 * exception: they are asked until answered, because moving on would skip a possible emergency.
 */
const MAX_REASKS = 1;

/**
 * After an urgent sign the check asks on until both safety screens are answered: the cauda equina
 * screen and the serious-signs one, whose answers can still show an emergency ("and it goes into my chest").
 */
const safetyScreensAnswered = (answers: SymptomAnswers): boolean =>
  answers.caudaEquinaScreen !== undefined && answers.seriousSignsScreen !== undefined;

interface SymptomCheckState {
  answers: SymptomAnswers;
  /** null until the user has said yes or no to keeping their answers. */
  consent: boolean | null;
  pending: PendingQuestion | 'consent' | null;
  reasks: number;
  skipped: string[];
  /** An urgent answer was given and said: the questions stop once both safety screens are answered. */
  urgentSaid?: boolean;
}

export interface SymptomCheckOptions {
  /** The message that led to the check ("my back hurts on the left for 3 weeks"), mined for answers. */
  description?: string;
}

export class SymptomCheckDialog extends Dialog<SymptomCheckOptions> {
  static readonly id = 'symptom_check';

  constructor(private readonly services: BotServices) {
    super(SymptomCheckDialog.id);
  }

  async beginDialog(dc: DialogContext, options?: SymptomCheckOptions): Promise<DialogTurnResult> {
    const userData = await this.services.userData.get(dc.context, {});
    const state: SymptomCheckState = {
      answers: extractKnownAnswers(options?.description ?? '', readContextOf(this.services.reading, dc.context.activity)),
      consent: userData.storageConsent ?? null,
      pending: null,
      reasks: 0,
      skipped: [],
    };
    dc.activeDialog!.state = state;
    // The first message may already be a red flag ("spreading below both knees"): then the action
    // comes first, with no intro and no questions.
    if (await this.escalateOnRedFlags(dc.context, state)) return dc.endDialog();
    await this.services.send(dc.context, { text: this.services.symptomCheck.intro });
    return this.askNext(dc, state);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as SymptomCheckState;
    if (!state.pending) return this.askNext(dc, state);
    const question = this.questionOf(state.pending);
    const result = readAnswerOf(
      question,
      dc.context.activity.text ?? '',
      tapOf(dc.context.activity),
      readContextOf(this.services.reading, dc.context.activity),
    );
    // The bot's red-flag screen has just said an urgent sign in this message ("worse at night").
    if (escalatedThisTurn(dc.context, 'urgent')) return this.afterUrgentScreen(dc, state, result);
    noteIntent(dc.context, 'symptom_check.answer', 1);
    if (result.status === 'stale') {
      await this.services.send(dc.context, { text: this.services.questionWording.staleButton });
      await this.services.send(dc.context, this.ask(state.pending, false));
      return Dialog.EndOfTurn;
    }
    if (result.status === 'unclear') return this.reask(dc, state);

    if (state.pending === 'consent') {
      state.consent = result.value as boolean;
      const userData = await this.services.userData.get(dc.context, {});
      userData.storageConsent = state.consent;
    } else {
      applyAnswer(state.answers, state.pending, result.value);
      if (await this.escalateOnRedFlags(dc.context, state)) return dc.endDialog();
      if (state.urgentSaid && safetyScreensAnswered(state.answers)) return this.finish(dc, state);
    }
    return this.askNext(dc, state);
  }

  /**
   * After the red-flag screen said an urgent sign: the answer (if it was one) is kept, an emergency in
   * the answers still ends the check, and otherwise the questions go on until both safety
   * screens are answered; if it was answered already, the check ends with the escalation just said.
   */
  private async afterUrgentScreen(
    dc: DialogContext,
    state: SymptomCheckState,
    result: ReturnType<typeof readAnswerOf>,
  ): Promise<DialogTurnResult> {
    if (result.status === 'answered' && state.pending && state.pending !== 'consent')
      applyAnswer(state.answers, state.pending, result.value);
    if (result.status === 'answered' && state.pending === 'consent') state.consent = result.value as boolean;
    const screen = screenOf(redFlagsInAnswers(state.answers));
    if (screen.level === 'emergency') {
      await sendEscalation(this.services, dc.context, screen);
      this.forgetIfDeclined(state);
      return dc.endDialog();
    }
    if (safetyScreensAnswered(state.answers)) {
      this.forgetIfDeclined(state);
      return dc.endDialog();
    }
    await this.goOnAfterUrgent(dc.context, state, !state.urgentSaid);
    // An answer the reader could not take ("upper-ish, between the shoulder blades" to where the pain is)
    // is asked again in other words and skipped after that, as any unclear answer: asking the same
    // question afresh would bring the same answer, and the same escalation, round and round.
    if (result.status === 'unclear' && state.pending && state.pending !== 'consent') return this.reask(dc, state);
    return this.askNext(dc, state);
  }

  async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as SymptomCheckState;
    // A yes to the bot's urgent yes/no question in the middle of the check: the questions go on up to
    // both safety screens, as after an urgent answer, and the result follows it.
    if (escalatedThisTurn(context, 'urgent') && !state.urgentSaid)
      await this.goOnAfterUrgent(context, state, !safetyScreensAnswered(state.answers));
    if (state.pending) await this.services.send(context, this.ask(state.pending, false));
  }

  /**
   * The urgent route was just said and the check goes on: remembered, consent not yet given counts as
   * no (nothing is kept), and `sayWhy` tells the user why the questions continue.
   */
  private async goOnAfterUrgent(context: TurnContext, state: SymptomCheckState, sayWhy: boolean): Promise<void> {
    state.urgentSaid = true;
    if (state.consent === null) state.consent = false;
    if (sayWhy) await this.services.send(context, { text: this.services.symptomCheck.result.urgentScreenFirst });
  }

  /**
   * Says an emergency or urgent red flag in the answers so far. An emergency ends the check (returns
   * true). An urgent one is said once, and the check goes on until both safety screens are answered:
   * the answers up to it can make it an emergency, and the result follows it.
   */
  private async escalateOnRedFlags(context: TurnContext, state: SymptomCheckState): Promise<boolean> {
    const screen = screenOf(redFlagsInAnswers(state.answers));
    if (screen.level === 'emergency' || (screen.level === 'urgent' && safetyScreensAnswered(state.answers) && !state.urgentSaid)) {
      await sendEscalation(this.services, context, screen);
      this.forgetIfDeclined(state);
      return true;
    }
    if (screen.level === 'urgent' && !state.urgentSaid) {
      state.urgentSaid = true;
      if (!escalatedThisTurn(context, 'urgent')) await sendEscalation(this.services, context, screen);
      await this.services.send(context, { text: this.services.symptomCheck.result.urgentScreenFirst });
    }
    return false;
  }

  private async askNext(dc: DialogContext, state: SymptomCheckState): Promise<DialogTurnResult> {
    state.reasks = 0;
    if (state.consent === null) state.pending = 'consent';
    // After an urgent answer the questions go on in their order until both safety screens are
    // answered (the leg question before it can still show an emergency), then the result.
    else if (state.urgentSaid) state.pending = safetyScreensAnswered(state.answers) ? null : nextQuestion(state.answers, state.skipped);
    else state.pending = nextQuestion(state.answers, state.skipped);
    if (state.pending === null) return this.finish(dc, state);
    await this.services.send(dc.context, this.ask(state.pending, false));
    return Dialog.EndOfTurn;
  }

  private async reask(dc: DialogContext, state: SymptomCheckState): Promise<DialogTurnResult> {
    const pending = state.pending!;
    state.reasks += 1;
    // The safety screens and consent are never skipped: they are asked until answered.
    const skippable =
      pending !== 'consent' &&
      !(pending.kind === 'question' && (pending.id === 'caudaEquinaScreen' || pending.id === 'seriousSignsScreen'));
    if (state.reasks > MAX_REASKS && pending === 'consent') {
      state.consent = false;
      await this.services.send(dc.context, { text: this.services.symptomCheck.result.consentAssumedNo });
      return this.askNext(dc, state);
    }
    if (state.reasks > MAX_REASKS && skippable) {
      state.skipped.push(pendingKey(pending));
      return this.askNext(dc, state);
    }
    await this.services.send(dc.context, this.ask(pending, true));
    return Dialog.EndOfTurn;
  }

  private questionOf(pending: PendingQuestion | 'consent'): Question {
    const content = this.services.symptomCheck;
    const entry =
      pending === 'consent'
        ? content.consent
        : pending.kind === 'startBack'
          ? content.startBack.items[String(pending.item) as '2']
          : content.questions[pending.id];
    return questionById(this.services.questions, entry.id);
  }

  private ask(pending: PendingQuestion | 'consent', reask: boolean): BotReply {
    const question = this.questionOf(pending);
    const intro =
      pending !== 'consent' && pending.kind === 'startBack' && pending.item === 2 && !reask
        ? `${this.services.symptomCheck.startBack.intro}\n\n`
        : '';
    return { text: reask ? question.reask : `${intro}${question.text}`, choices: choicesOf(question) };
  }

  private async finish(dc: DialogContext, state: SymptomCheckState): Promise<DialogTurnResult> {
    const assessment = assessSymptoms(state.answers);
    await recordTriage(this.services, dc.context, assessment.triage, []);
    // The result's last message is the triage and its next step: no reminder needs to repeat it.
    markEscalationSaid(dc.context, assessment.triage);
    const { kb, say, symptomCheck, region, safety, menu } = this.services;
    const parts = {
      kb,
      say,
      content: symptomCheck,
      triageText: (level: TriageLevel) => composeTriageMessage(level, region, safety),
      triageCard: (level: TriageLevel) => triageCard(this.services, level),
      bookingChoice: menu.intentChoices.book_physio,
    };
    if (state.consent === true) {
      const data = await conversationDataOf(this.services, dc.context);
      data.lastSymptomCheck = { triage: assessment.triage, reasons: assessment.reasons, completedAt: new Date().toISOString() };
    }
    for (const reply of composeSymptomCheckResult(parts, assessment, state.consent === true)) {
      await this.services.send(dc.context, reply);
    }
    this.forgetIfDeclined(state);
    return dc.endDialog({ triage: assessment.triage });
  }

  /** Without consent, answers live only while the check runs; they go when it ends. */
  private forgetIfDeclined(state: SymptomCheckState): void {
    if (state.consent !== true) state.answers = {};
  }
}
