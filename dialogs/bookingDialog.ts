/**
 * Booking a physio: consent, then name, contact, preferred times, optional notes and (with consent)
 * the symptom-check summary, one question at a time; a summary to confirm; then a reference and the
 * request handed to the clinic's outbox. Nothing is stored as a booking until the user confirms, and a
 * repeated confirm returns the same request. Validation and delivery live in src/booking.
 */
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
// The classes from their own modules: the package's index also loads every prompt and its text recognizers (~0.5 s of start-up).
import { Dialog } from 'botbuilder-dialogs/lib/dialog';
import { escalatedThisTurn, noteIntent } from '../src/conversation/turn';
import { conversationDataOf, type BotServices } from '../src/services';
import type { ContactDetail } from '../src/booking/bookingTypes';
import { BookingNotSavedError } from '../src/booking/bookingStore';
import { userKeyOf } from '../src/booking/userKey';
import type { BotReply } from '../src/conversation/botReply';
import { fillPlaceholders } from '../src/conversation/wording';
import { wordsOf } from '../src/nlp/textNormalizer';
import type { BookingConfirm, BookingField } from '../src/questions/answerTypes';
import { questionById, type Question } from '../src/questions/questionCatalogue';
import { choicesOf, readAnswerOf } from '../src/questions/readAnswer';
import { readContextOf } from '../src/questions/readContext';
import { tapOf, type Tap } from '../src/questions/tap';

type Step = 'consent' | 'name' | 'contact' | 'preferredTimes' | 'notes' | 'shareSummary' | 'confirm' | 'changeField';

interface BookingState {
  step: Step;
  /** Ties a confirm (and any repeat of it) to one booking request. */
  idempotencyKey: string;
  name?: string;
  contact?: ContactDetail;
  preferredTimes?: string;
  notes?: string;
  shareSummary?: boolean;
  /** Set while one detail is being changed from the confirmation: its answer leads back there. */
  changing?: boolean;
}

export class BookingDialog extends Dialog {
  static readonly id = 'book_physio';

  constructor(private readonly services: BotServices) {
    super(BookingDialog.id);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    // Always asked, even after "keep my answers" in a symptom check: that consent covered the answers,
    // not a name and contact passed to the clinic (clinical-safety.md: consent before storing contact details).
    const state: BookingState = {
      step: 'consent',
      idempotencyKey: `${dc.context.activity.conversation.id}:${randomUUID()}`,
    };
    dc.activeDialog!.state = state;
    await this.services.send(dc.context, await this.questionFor(dc.context, state));
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    // An urgent sign was just said: the booking stops (nothing stored) so the next step stays in view.
    if (escalatedThisTurn(dc.context, 'urgent')) return dc.endDialog();
    const state = dc.activeDialog!.state as BookingState;
    const text = (dc.context.activity.text ?? '').trim();
    noteIntent(dc.context, 'book_physio.answer', 1);
    const content = this.services.booking;
    const question = this.questionOf(state.step);
    const answer = readAnswerOf(question, text, tapOf(dc.context.activity), readContextOf(this.services.reading, dc.context.activity));
    if (answer.status === 'stale') {
      await this.services.send(dc.context, { text: this.services.questionWording.staleButton });
      await this.services.send(dc.context, await this.questionFor(dc.context, state));
      return Dialog.EndOfTurn;
    }
    if (answer.status === 'unclear') return this.reask(dc, state);
    const value = answer.value;

    switch (state.step) {
      case 'consent': {
        const userData = await this.services.userData.get(dc.context, {});
        userData.storageConsent = value as boolean;
        if (value !== true) {
          await this.services.send(dc.context, { text: content.consent.declined, ...this.bookingPageLink() });
          return dc.endDialog();
        }
        state.step = 'name';
        break;
      }
      case 'name':
        state.name = value as string;
        state.step = this.after('contact', state);
        break;
      case 'contact':
        state.contact = value as ContactDetail;
        state.step = this.after('preferredTimes', state);
        break;
      case 'preferredTimes':
        state.preferredTimes = value as string;
        state.step = this.after('notes', state);
        break;
      case 'notes':
        state.notes = (value as string | null) ?? undefined;
        state.step = state.changing ? this.after('confirm', state) : (await this.lastSymptomCheck(dc.context)) ? 'shareSummary' : 'confirm';
        break;
      case 'shareSummary':
        state.shareSummary = value as boolean;
        state.step = 'confirm';
        break;
      case 'changeField':
        state.changing = true;
        state.step = value as BookingField;
        break;
      case 'confirm': {
        const decision = value as BookingConfirm;
        if (decision.decision === 'cancel') {
          await this.services.send(dc.context, { text: content.cancelled });
          return dc.endDialog();
        }
        if (decision.decision === 'send') return this.submit(dc, state);
        // "yes but change the time to evenings": nothing is sent; that detail is asked again.
        state.changing = decision.field !== undefined;
        state.step = decision.field ?? 'changeField';
        break;
      }
    }
    await this.services.send(dc.context, await this.questionFor(dc.context, state));
    return Dialog.EndOfTurn;
  }

  /** The next step, or back to the confirmation when one detail was being changed. */
  private after(next: Step, state: BookingState): Step {
    if (!state.changing) return next;
    state.changing = false;
    return 'confirm';
  }

  async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.services.send(context, await this.questionFor(context, instance.state as BookingState));
  }

  private async submit(dc: DialogContext, state: BookingState): Promise<DialogTurnResult> {
    const { bookings, bookingOutbox, booking: content } = this.services;
    const summary = state.shareSummary ? await this.lastSymptomCheck(dc.context) : undefined;
    const saved = await bookings
      .create({
        idempotencyKey: state.idempotencyKey,
        userKey: userKeyOf(dc.context),
        name: state.name!,
        contact: state.contact!,
        preferredTimes: state.preferredTimes!,
        ...(state.notes ? { notes: state.notes } : {}),
        ...(summary ? { symptomSummary: { triage: summary.triage, reasons: summary.reasons } } : {}),
      })
      .catch((error: Error) => {
        if (error instanceof BookingNotSavedError) return null;
        throw error;
      });
    if (!saved) {
      // Still at the confirmation: "send" again tries again, with the same idempotency key.
      await this.services.send(dc.context, { text: content.notSaved });
      return Dialog.EndOfTurn;
    }
    const { request } = saved;
    await bookingOutbox.enqueue(request.reference);
    const data = await conversationDataOf(this.services, dc.context);
    data.lastBookingReference = request.reference;
    noteIntent(dc.context, 'book_physio.confirmed', 1);

    const bookingUrl = this.services.config.BOOKING_URL;
    const done = fillPlaceholders(content.done, { reference: request.reference });
    const extra = bookingUrl ? `\n\n${fillPlaceholders(content.doneWithBookingPage, { bookingUrl })}` : '';
    await this.services.send(dc.context, {
      text: done + extra,
      ...this.bookingPageLink(),
      choices: this.services.menu.nextSteps.afterBooking,
    });
    await this.services.handOff(dc.context, request, state.shareSummary === true);
    return dc.endDialog({ reference: request.reference });
  }

  private async reask(dc: DialogContext, state: BookingState): Promise<DialogTurnResult> {
    await this.services.send(dc.context, await this.questionFor(dc.context, state, true));
    return Dialog.EndOfTurn;
  }

  private questionOf(step: Step): Question {
    return questionById(this.services.questions, this.services.booking[step].id);
  }

  private async questionFor(context: TurnContext, state: BookingState, reask = false): Promise<BotReply> {
    const content = this.services.booking;
    const question = this.questionOf(state.step);
    const choices = choicesOf(question);
    if (state.step === 'shareSummary') {
      const summary = await this.lastSymptomCheck(context);
      const reasons = summary?.reasons.join(', ') ?? '';
      return { text: reask ? question.reask : fillPlaceholders(question.text, { reasons }), choices };
    }
    if (state.step === 'confirm') {
      const wording = content.confirm.lines;
      const lines = [
        fillPlaceholders(wording.name, { value: state.name ?? '' }),
        fillPlaceholders(wording.contact, { value: state.contact?.value ?? '' }),
        fillPlaceholders(wording.preferredTimes, { value: state.preferredTimes ?? '' }),
        ...(state.notes ? [fillPlaceholders(wording.notes, { value: state.notes })] : []),
        ...(state.shareSummary === undefined ? [] : [state.shareSummary ? wording.summaryShared : wording.summaryNotShared]),
      ];
      const summary = lines.join('\n');
      if (reask) return { text: question.reask, choices };
      return {
        text: fillPlaceholders(question.text, { summary }),
        choices,
        card: { kind: 'bookingSummary', fields: lines.map(fieldOfLine), linesInText: summary },
      };
    }
    return { text: reask ? question.reask : question.text, choices };
  }

  private async lastSymptomCheck(context: TurnContext) {
    return (await conversationDataOf(this.services, context)).lastSymptomCheck;
  }

  private bookingPageLink(): Pick<BotReply, 'links'> {
    const url = this.services.config.BOOKING_URL;
    return url ? { links: [{ label: this.services.booking.bookingPageButton, url }] } : {};
  }
}

/**
 * A summary line as a label and value for a card's table: "Name: Sam Taylor" -> Name / Sam Taylor. The
 * first ": " is the wording's own (the user's value comes after it), so a colon in a value is safe.
 */
export function fieldOfLine(line: string): { label: string; value: string } {
  const at = line.indexOf(': ');
  return at < 0 ? { label: '', value: line } : { label: line.slice(0, at), value: line.slice(at + 2) };
}

/**
 * True when a message after the booking went is a repeat of "send" (a double tap, a retry): the same
 * request, never a second one. Only the send button itself or the bare word counts: "ok thanks" or
 * "sure, what stretches help?" are a new message, answered normally.
 */
export function isRepeatedSend(text: string, tap: Tap | undefined): boolean {
  if (tap) return tap.questionId === 'booking.confirm' && tap.value === 'send';
  return /^(send|send it|send it please|please send|please send it|confirm|send it to the clinic)$/.test(wordsOf(text).join(' '));
}
