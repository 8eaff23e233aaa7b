/**
 * Delivers booking requests to the clinic's webhook from a persisted outbox: every request waiting for
 * delivery carries its next attempt time in the booking store, so a crash, a restart or a clinic outage
 * loses nothing; failures retry with exponential backoff. Each POST carries the booking reference as
 * an Idempotency-Key, so a clinic that receives a retry of a request it already has can drop it.
 * Logs name only references and HTTP statuses: never names, contacts or symptoms.
 */
import type { BookingStore } from './bookingStore';
import type { BookingRequest } from './bookingTypes';

export interface OutboxOptions {
  webhookUrl?: string;
  /** Each POST is abandoned after this long and counts as a failure. */
  timeoutMs?: number;
  /** First retry after this long, doubling each time up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often the outbox looks for due deliveries. */
  pollMs?: number;
  log?: (message: string) => void;
  /** Failures an operator must see (warn level); defaults to `log`. */
  report?: (message: string) => void;
  /** Told the outcome of every attempt ('ok', 'HTTP 500', 'timeout', 'unreachable'), for metrics. */
  onAttempt?: (outcome: string) => void;
}

/** What the clinic receives. The symptom summary is there only when the user agreed to share it. */
export function webhookPayload(request: BookingRequest): Record<string, unknown> {
  return {
    reference: request.reference,
    createdAt: request.createdAt,
    name: request.name,
    contact: request.contact,
    preferredTimes: request.preferredTimes,
    notes: request.notes ?? null,
    symptomSummary: request.symptomSummary ?? null,
    source: 'back-on-track',
  };
}

export class BookingOutbox {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly timeoutMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly pollMs: number;
  private readonly log: (message: string) => void;
  private readonly report: (message: string) => void;

  constructor(
    private readonly store: BookingStore,
    private readonly options: OutboxOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.baseDelayMs = options.baseDelayMs ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 10 * 60_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.log = options.log ?? (() => undefined);
    this.report = options.report ?? this.log;
  }

  get enabled(): boolean {
    return Boolean(this.options.webhookUrl);
  }

  /**
   * Starts polling. Requests left undelivered before a restart are tried at once, whatever their
   * backoff said: a restart is often the fix (new settings, the clinic back up).
   */
  start(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setInterval(() => void this.deliverDue(), this.pollMs);
    this.timer.unref();
    void this.deliverDue(new Date(8.64e15));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Marks a new request for delivery and tries at once (without making the user's turn wait for it). */
  async enqueue(reference: string): Promise<void> {
    if (!this.enabled) return;
    await this.store.update(reference, (request) => {
      if (request.status !== 'sent') request.delivery.nextAttemptAt = new Date().toISOString();
    });
    void this.deliverDue();
  }

  /** Delivers every request that is due. One run at a time: a second call waits for the first. */
  deliverDue(now = new Date()): Promise<void> {
    this.running ??= this.runOnce(now)
      // Never an unhandled rejection: whatever failed is still due and is tried on the next tick.
      .catch((error: Error) =>
        this.report(`bookings: delivery run failed (${(error as NodeJS.ErrnoException).code ?? error.name}); will retry`),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async runOnce(now: Date): Promise<void> {
    for (const request of await this.store.due(now)) await this.attempt(request);
  }

  private async attempt(request: BookingRequest): Promise<void> {
    const outcome = await this.post(request);
    this.options.onAttempt?.(outcome);
    await this.store.update(request.reference, (stored) => {
      stored.delivery.attempts += 1;
      if (outcome === 'ok') {
        stored.status = 'sent';
        stored.delivery.deliveredAt = new Date().toISOString();
        delete stored.delivery.nextAttemptAt;
        delete stored.delivery.lastError;
      } else {
        stored.status = 'failed';
        stored.delivery.lastError = outcome;
        const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (stored.delivery.attempts - 1));
        stored.delivery.nextAttemptAt = new Date(Date.now() + delay).toISOString();
      }
    });
    if (outcome === 'ok') this.log(`booking ${request.reference} delivered to the clinic`);
    else this.report(`booking ${request.reference} delivery failed (${outcome}); will retry`);
  }

  private async post(request: BookingRequest): Promise<'ok' | string> {
    try {
      const response = await fetch(this.options.webhookUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': request.reference },
        body: JSON.stringify(webhookPayload(request)),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? 'ok' : `HTTP ${response.status}`;
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable';
    }
  }
}
