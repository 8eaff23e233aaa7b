/**
 * Booking a physio: consent, then name, contact, preferred times, optional notes and (with consent)
 * the symptom-check summary, one question at a time; a summary to confirm; then a reference and the
 * request handed to the clinic's outbox. Nothing is stored as a booking until the user confirms, and a
 * repeated confirm returns the same request. Validation and delivery live in src/booking.
 */
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { conversationDataOf, type BotServices } from '../src/bot/services';
import { noteIntent } from '../src/bot/turnSummary';
import { parseContactDetail, phoneCountryFor } from '../src/booking/contactDetails';
import type { ContactDetail } from '../src/booking/bookingTypes';
import { userKeyOf } from '../src/booking/userKey';
import type { BotReply } from '../src/conversation/botReply';
import { fillPlaceholders } from '../src/conversation/wording';
import { parseYesNo } from '../src/symptoms/answerParsers';

type Step = 'consent' | 'name' | 'contact' | 'preferredTimes' | 'notes' | 'shareSummary' | 'confirm';

interface BookingState {
  step: Step;
  /** Ties a confirm (and any repeat of it) to one booking request. */
  idempotencyKey: string;
  name?: string;
  contact?: ContactDetail;
  preferredTimes?: string;
  notes?: string;
  shareSummary?: boolean;
}

const MAX_NAME_LENGTH = 80;
const MAX_FREE_TEXT = 500;

export class BookingDialog extends Dialog {
  static readonly id = 'book_physio';

  constructor(private readonly services: BotServices) {
    super(BookingDialog.id);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const userData = await this.services.userData.get(dc.context, {});
    const state: BookingState = {
      step: userData.storageConsent === true ? 'name' : 'consent',
      idempotencyKey: `${dc.context.activity.conversation.id}:${randomUUID()}`,
    };
    dc.activeDialog!.state = state;
    await this.services.send(dc.context, this.question(state, false));
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as BookingState;
    const text = (dc.context.activity.text ?? '').trim();
    noteIntent(dc.context, 'book_physio.answer', 1);
    const content = this.services.booking;

    switch (state.step) {
      case 'consent': {
        const answer = parseYesNo(text);
        if (answer === undefined) return this.reask(dc, state);
        const userData = await this.services.userData.get(dc.context, {});
        userData.storageConsent = answer;
        if (!answer) {
          await this.services.send(dc.context, { text: content.consent.declined, ...this.bookingPageLink() });
          return dc.endDialog();
        }
        state.step = 'name';
        break;
      }
      case 'name':
        if (!/\p{L}/u.test(text) || text.length > MAX_NAME_LENGTH || parseContactDetail(text)) return this.reask(dc, state);
        state.name = text;
        state.step = 'contact';
        break;
      case 'contact': {
        const contact = parseContactDetail(text, phoneCountryFor(this.services.config.REGION));
        if (!contact) return this.reask(dc, state);
        state.contact = contact;
        state.step = 'preferredTimes';
        break;
      }
      case 'preferredTimes':
        if (text.length < 2) return this.reask(dc, state);
        state.preferredTimes = text.slice(0, MAX_FREE_TEXT);
        state.step = 'notes';
        break;
      case 'notes':
        state.notes = parseYesNo(text) === false || /^(skip|none|nothing( else)?|n\/a)$/i.test(text) ? undefined : text.slice(0, MAX_FREE_TEXT);
        state.step = (await this.lastSymptomCheck(dc.context)) ? 'shareSummary' : 'confirm';
        break;
      case 'shareSummary': {
        const answer = parseYesNo(text);
        if (answer === undefined) return this.reask(dc, state);
        state.shareSummary = answer;
        state.step = 'confirm';
        break;
      }
      case 'confirm': {
        const decision = confirmDecision(text);
        if (decision === 'cancel') {
          await this.services.send(dc.context, { text: content.cancelled });
          return dc.endDialog();
        }
        if (decision === 'change') {
          state.step = 'name';
          break;
        }
        if (decision === 'send') return this.submit(dc, state);
        return this.reask(dc, state);
      }
    }
    await this.services.send(dc.context, await this.questionFor(dc.context, state));
    return Dialog.EndOfTurn;
  }

  async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.services.send(context, await this.questionFor(context, instance.state as BookingState));
  }

  private async submit(dc: DialogContext, state: BookingState): Promise<DialogTurnResult> {
    const { bookings, bookingOutbox, booking: content } = this.services;
    const summary = state.shareSummary ? await this.lastSymptomCheck(dc.context) : undefined;
    const { request } = await bookings.create({
      idempotencyKey: state.idempotencyKey,
      userKey: userKeyOf(dc.context),
      name: state.name!,
      contact: state.contact!,
      preferredTimes: state.preferredTimes!,
      ...(state.notes ? { notes: state.notes } : {}),
      ...(summary ? { symptomSummary: { triage: summary.triage, reasons: summary.reasons } } : {}),
    });
    await bookingOutbox.enqueue(request.reference);
    const data = await conversationDataOf(this.services, dc.context);
    data.lastBookingReference = request.reference;
    noteIntent(dc.context, 'book_physio.confirmed', 1);

    const bookingUrl = this.services.config.BOOKING_URL;
    const done = fillPlaceholders(content.done, { reference: request.reference });
    const extra = bookingUrl ? `\n\n${fillPlaceholders(content.doneWithBookingPage, { bookingUrl })}` : '';
    await this.services.send(dc.context, { text: done + extra, ...this.bookingPageLink() });
    await this.services.handOff(dc.context, request, state.shareSummary === true);
    return dc.endDialog({ reference: request.reference });
  }

  private async reask(dc: DialogContext, state: BookingState): Promise<DialogTurnResult> {
    await this.services.send(dc.context, await this.questionFor(dc.context, state, true));
    return Dialog.EndOfTurn;
  }

  private async questionFor(context: TurnContext, state: BookingState, reask = false): Promise<BotReply> {
    const content = this.services.booking;
    if (state.step === 'shareSummary') {
      const summary = await this.lastSymptomCheck(context);
      const reasons = summary?.reasons.join(', ') ?? '';
      return { text: reask ? content.shareSummary.reask : fillPlaceholders(content.shareSummary.text, { reasons }), choices: content.shareSummary.choices };
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
      if (reask) return { text: content.confirm.reask, choices: content.confirm.choices };
      return {
        text: fillPlaceholders(content.confirm.text, { summary }),
        choices: content.confirm.choices,
        card: { kind: 'bookingSummary', fields: lines.map(fieldOfLine), linesInText: summary },
      };
    }
    return this.question(state, reask);
  }

  private question(state: BookingState, reask: boolean): BotReply {
    const step = this.services.booking[state.step as 'consent' | 'name' | 'contact' | 'preferredTimes'];
    if (state.step === 'notes') return { text: this.services.booking.notes.text, choices: this.services.booking.notes.choices };
    return { text: reask ? step.reask : step.text, choices: step.choices };
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

/** Reads the answer to "Shall I send it?". */
export function confirmDecision(text: string): 'send' | 'change' | 'cancel' | undefined {
  const t = text.trim().toLowerCase();
  if (/^(send( it)?|confirm|yes|yep|yeah|y|ok|okay|sure|go ahead|book it|please do)\b/.test(t)) return 'send';
  if (/^(change|edit|correct|fix|wrong|that'?s wrong)\b/.test(t)) return 'change';
  if (/^(cancel|no|nope|nah|stop|don'?t|do not)\b/.test(t)) return 'cancel';
  return undefined;
}
