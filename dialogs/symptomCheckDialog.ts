/**
 * The follow-up symptom check: asks one question at a time (skipping what the user already said),
 * re-asks unclear answers with an example, escalates at once when an answer is a red flag, and ends
 * with a triage level, a summary, advice that fits the answers and the next step.
 * Parsing and assessment are plain functions in src/symptoms; this file only holds the conversation.
 */
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { recordTriage, screenOf, sendEscalation, triageCard } from '../src/bot/escalation';
import { conversationDataOf, type BotServices } from '../src/bot/services';
import { composeTriageMessage, isEscalation } from '../src/safety/triage';
import type { TriageLevel } from '../src/safety/types';
import { noteIntent } from '../src/bot/turnSummary';
import type { BotReply } from '../src/conversation/botReply';
import { parseYesNo, extractKnownAnswers } from '../src/symptoms/answerParsers';
import { applyAnswer } from '../src/symptoms/applyAnswer';
import { assessSymptoms, redFlagsInAnswers } from '../src/symptoms/assessSymptoms';
import { nextQuestion, pendingKey, type PendingQuestion } from '../src/symptoms/nextQuestion';
import { composeSymptomCheckResult } from '../src/symptoms/symptomCheckResult';
import type { SymptomAnswers } from '../src/symptoms/types';

/** After this many unclear replies to one question, the check moves on rather than loop. */
const MAX_REASKS = 2;

interface SymptomCheckState {
  answers: SymptomAnswers;
  /** null until the user has said yes or no to keeping their answers. */
  consent: boolean | null;
  pending: PendingQuestion | 'consent' | null;
  reasks: number;
  skipped: string[];
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
      answers: extractKnownAnswers(options?.description ?? ''),
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
    const text = dc.context.activity.text ?? '';
    noteIntent(dc.context, 'symptom_check.answer', 1);

    if (state.pending === 'consent') {
      const consent = parseYesNo(text);
      if (consent === undefined) return this.reask(dc, state);
      state.consent = consent;
      const userData = await this.services.userData.get(dc.context, {});
      userData.storageConsent = consent;
    } else if (state.pending) {
      if (!applyAnswer(state.answers, state.pending, text)) return this.reask(dc, state);
      if (await this.escalateOnRedFlags(dc.context, state)) return dc.endDialog();
    }
    return this.askNext(dc, state);
  }

  async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as SymptomCheckState;
    if (state.pending) await this.services.send(context, this.question(state.pending, false));
  }

  /**
   * When the answers so far are an emergency or urgent red flag, says the escalation and returns true:
   * the check must end now, because the escalation must not wait for the remaining questions. The rules
   * are assessSymptoms' own, so the check never escalates on less, or later, than its final triage.
   */
  private async escalateOnRedFlags(context: TurnContext, state: SymptomCheckState): Promise<boolean> {
    const screen = screenOf(redFlagsInAnswers(state.answers));
    if (!isEscalation(screen.level)) return false;
    await sendEscalation(this.services, context, screen);
    this.forgetIfDeclined(state);
    return true;
  }

  private async askNext(dc: DialogContext, state: SymptomCheckState): Promise<DialogTurnResult> {
    state.reasks = 0;
    if (state.consent === null) {
      state.pending = 'consent';
    } else {
      state.pending = nextQuestion(state.answers, state.skipped);
    }
    if (state.pending === null) return this.finish(dc, state);
    await this.services.send(dc.context, this.question(state.pending, false));
    return Dialog.EndOfTurn;
  }

  private async reask(dc: DialogContext, state: SymptomCheckState): Promise<DialogTurnResult> {
    const pending = state.pending!;
    state.reasks += 1;
    if (state.reasks > MAX_REASKS && pending !== 'consent') {
      state.skipped.push(pendingKey(pending));
      return this.askNext(dc, state);
    }
    await this.services.send(dc.context, this.question(pending, true));
    return Dialog.EndOfTurn;
  }

  private question(pending: PendingQuestion | 'consent', reask: boolean): BotReply {
    const content = this.services.symptomCheck;
    if (pending === 'consent') return { text: reask ? content.consent.reask : content.consent.text, choices: content.consent.choices };
    if (pending.kind === 'startBack') {
      const { startBack } = content;
      const isBothersome = pending.item === 9;
      const itemText = startBack.items[String(pending.item) as keyof typeof startBack.items];
      const intro = pending.item === 2 && !reask ? `${startBack.intro}\n\n` : '';
      const reaskText = isBothersome ? startBack.bothersomeReask : startBack.reask;
      return {
        text: reask ? `${reaskText}\n\n${itemText}` : `${intro}${itemText}`,
        choices: isBothersome ? startBack.bothersomeChoices : startBack.choices,
      };
    }
    const question = content.questions[pending.id];
    return { text: reask ? question.reask : question.text, choices: question.choices };
  }

  private async finish(dc: DialogContext, state: SymptomCheckState): Promise<DialogTurnResult> {
    const assessment = assessSymptoms(state.answers);
    await recordTriage(this.services, dc.context, assessment.triage, []);
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
