/** A request to book a physio, as stored and as sent to the clinic. */
import type { TriageLevel } from '../safety/types';

export type BookingStatus = 'new' | 'sent' | 'failed';

export interface ContactDetail {
  kind: 'email' | 'phone';
  /** Normalised: lower-case email, or an E.164 phone number. */
  value: string;
}

export interface BookingRequest {
  /** Short, human-readable reference the user and the clinic quote ("BT-7K3Q9"). */
  reference: string;
  /** One booking per confirmed booking dialog: a repeated confirm maps to the same request. */
  idempotencyKey: string;
  /** A one-way hash of channel and user id, so "forget me" and "what do you know" find the user's requests. */
  userKey: string;
  createdAt: string;
  name: string;
  contact: ContactDetail;
  preferredTimes: string;
  notes?: string;
  /** Only present when the user agreed to share it with the clinic. */
  symptomSummary?: { triage: TriageLevel; reasons: string[] };
  status: BookingStatus;
  delivery: {
    attempts: number;
    /** When the outbox should next try; absent once delivered or when there is nowhere to deliver. */
    nextAttemptAt?: string;
    deliveredAt?: string;
    /** Short technical reason of the last failure (an HTTP status or "timeout"), never personal data. */
    lastError?: string;
  };
  /** Set when the user asked to be forgotten: personal fields have been removed. */
  redactedAt?: string;
}
