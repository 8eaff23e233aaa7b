/**
 * Deletes stored conversations older than the retention period (DATA_RETENTION_DAYS), on a timer, in the
 * background. The timer is unref'd so it never keeps the process alive, runs never overlap, and stop()
 * asks a run in progress to stop (between two files) and waits for it, so shutdown is quick and clean;
 * what it did not reach is purged on the next start.
 */
export interface RetentionPurgeOptions {
  /** The backend's purge: deletes what was last written before the cutoff, returns how many. */
  purgeOlderThan(cutoff: Date, signal?: AbortSignal): Promise<number>;
  retentionDays: number;
  /** The log line for a run that deleted something. */
  describe?: (removed: number, retentionDays: number) => string;
  log: (message: string) => void;
  /** Time between runs; hourly by default (retention is counted in days, so this is plenty). */
  everyMs?: number;
  /** The first run waits this long, so start-up and the first turns are not competing with it. */
  firstRunAfterMs?: number;
  now?: () => Date;
  /** Where a failed run is reported (an operator must see it); `log` when not given. */
  warn?: (message: string) => void;
}

export interface RetentionPurge {
  /** Runs a purge now (or joins the one running); resolves with how many records it deleted. */
  runNow(): Promise<number>;
  stop(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const describeRecords = (removed: number, days: number) => `storage: deleted ${removed} record(s) not used for ${days} days`;

export function startRetentionPurge(options: RetentionPurgeOptions): RetentionPurge {
  const {
    purgeOlderThan,
    retentionDays,
    log,
    warn = log,
    describe = describeRecords,
    everyMs = 60 * 60 * 1000,
    firstRunAfterMs = 60 * 1000,
    now = () => new Date(),
  } = options;
  let running: Promise<number> | null = null;
  let stopped = false;
  const stopping = new AbortController();

  const runNow = (): Promise<number> => {
    if (running) return running;
    const cutoff = new Date(now().getTime() - retentionDays * DAY_MS);
    running = purgeOlderThan(cutoff, stopping.signal)
      .then((removed) => {
        if (removed > 0) log(describe(removed, retentionDays));
        return removed;
      })
      .catch((error: Error) => {
        warn(`storage: retention purge failed (${error.message}); will retry on the next run`);
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const tick = () => {
    if (!stopped) void runNow();
  };
  const first = setTimeout(tick, firstRunAfterMs);
  const every = setInterval(tick, everyMs);
  first.unref();
  every.unref();

  return {
    runNow,
    stop: async () => {
      stopped = true;
      stopping.abort();
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
