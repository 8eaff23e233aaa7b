/**
 * Prometheus metrics (prom-client), served at /metrics. Labels are bounded, non-personal values only:
 * intent ids, triage levels, red-flag ids, outcome names. Never user ids, text or contact details.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface BotMetrics {
  registry: Registry;
  turns: Counter<'channel'>;
  turnSeconds: Histogram<'channel'>;
  intents: Counter<'intent'>;
  fallbacks: Counter;
  triage: Counter<'level'>;
  redFlags: Counter<'flag'>;
  bookings: Counter;
  deliveries: Counter<'outcome'>;
  feedback: Counter<'topic' | 'rating'>;
}

export function createMetrics(): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const make = <T extends string>(name: string, help: string, labelNames: T[] = []) =>
    new Counter<T>({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    turns: make('bot_turns_total', 'Message turns handled', ['channel']),
    turnSeconds: new Histogram({
      name: 'bot_turn_duration_seconds',
      help: 'Time to handle one turn, replies included',
      labelNames: ['channel'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    intents: make('bot_intents_total', 'Turns by understood intent', ['intent']),
    fallbacks: make('bot_fallbacks_total', 'Turns answered with a clarifying or "I did not understand" reply'),
    triage: make('bot_triage_total', 'Turns ending at a triage level', ['level']),
    redFlags: make('bot_red_flags_total', 'Red flags detected', ['flag']),
    bookings: make('bot_bookings_total', 'Booking requests confirmed'),
    deliveries: make('bot_booking_deliveries_total', 'Attempts to deliver a booking to the clinic', ['outcome']),
    feedback: make('bot_feedback_total', 'Ratings of answers, by topic id and rating (helpful, partly, not_helpful)', ['topic', 'rating']),
  };
}

/** Channel ids come from the request: anything unknown is counted as "other" so labels stay bounded. */
const KNOWN_CHANNELS = new Set(['emulator', 'msteams', 'slack', 'directline', 'webchat', 'test']);
export const channelLabel = (channelId: string | undefined): string => (channelId && KNOWN_CHANNELS.has(channelId) ? channelId : 'other');

/** Intents that mean the bot did not confidently understand the message. */
const FALLBACK_INTENTS = new Set(['clarify', 'none', 'other_language']);

export function recordTurn(
  metrics: BotMetrics,
  channel: string,
  seconds: number,
  summary: { intent: string; triage: string | null; redFlags: string[] },
): void {
  const label = channelLabel(channel);
  metrics.turns.inc({ channel: label });
  metrics.turnSeconds.observe({ channel: label }, seconds);
  metrics.intents.inc({ intent: summary.intent });
  if (FALLBACK_INTENTS.has(summary.intent)) metrics.fallbacks.inc();
  if (summary.triage) metrics.triage.inc({ level: summary.triage });
  for (const flag of summary.redFlags) metrics.redFlags.inc({ flag });
  if (summary.intent === 'book_physio.confirmed') metrics.bookings.inc();
}
