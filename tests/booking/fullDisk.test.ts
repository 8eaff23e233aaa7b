/**
 * A full disk while a booking waits for delivery: the restarted bot stays up, keeps answering over HTTP,
 * delivers the booking, reports the failed saves at warn/error, and saves once the disk takes writes again.
 * The disk is "full" for real: the kernel's file-size limit (RLIMIT_FSIZE) makes every write that would grow
 * a file past 1 KiB stop short and fail, as ENOSPC does.
 */
import { execFileSync } from 'node:child_process';
import { bookPhysio } from '../helpers/bookingConversation';
import { eventually, startFakeClinic } from '../helpers/fakeClinic';
import { HttpUser, textOf } from '../helpers/runningBot';
import { spawnBot } from '../helpers/spawnedBot';
import { makeTempDir } from '../helpers/tempDir';

jest.setTimeout(60_000);

interface LogLine {
  level: number;
  msg: string;
}
const logLines = (output: string[]): LogLine[] =>
  output
    .join('')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LogLine];
      } catch {
        return [];
      }
    });
const WARN = 40;

it('keeps serving with a full disk and a booking waiting, delivers it, and saves once space is back', async () => {
  const clinic = await startFakeClinic('fail');
  const data = makeTempDir('bot-full-disk-');
  const env = { DATA_DIR: data.dir, BOOKING_WEBHOOK_URL: clinic.url, BOOKING_RETRY_BASE_MS: '100' };
  try {
    const first = await spawnBot(env);
    const reference = await bookPhysio(new HttpUser(first.url));
    await eventually(() => clinic.requests.length >= 1);
    // The clinic's refusal is an operator's business: at warn, with the booking's reference.
    await eventually(() => logLines(first.output).some((l) => l.level >= WARN && l.msg.includes(`booking ${reference} delivery failed`)));
    await first.kill('SIGKILL');

    clinic.mode = 'accept';
    const full = await spawnBot(env, { fileSizeLimitKb: 1 });
    try {
      // The waiting booking goes out although its new status cannot be saved.
      await eventually(() => clinic.accepted().some((b) => b.reference === reference));
      await eventually(() => logLines(full.output).some((l) => l.level >= WARN && /bookings: saving .* failed \(EFBIG\)/.test(l.msg)));
      // Still up, and still answering: health checks and a whole conversation turn.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(full.process.exitCode).toBeNull();
      expect((await fetch(`${full.url}/healthz`)).status).toBe(200);
      const visitor = new HttpUser(full.url);
      await visitor.join();
      expect(textOf(await visitor.say('what stretches help my lower back?')).length).toBeGreaterThan(20);
      expect(full.process.exitCode).toBeNull();

      // Space is back: the kept changes are saved without a restart.
      execFileSync('prlimit', ['--pid', String(full.process.pid), '--fsize=unlimited']);
      await eventually(() => logLines(full.output).some((l) => /bookings: saving works again/.test(l.msg)), 15_000);
      const exited = new Promise<number | null>((resolve) => full.process.once('exit', (code) => resolve(code)));
      full.process.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await full.kill();
    }

    // The delivery was saved: a restart does not send it again.
    const deliveries = clinic.accepted().length;
    const after = await spawnBot(env);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(clinic.accepted()).toHaveLength(deliveries);
    } finally {
      await after.kill('SIGTERM');
    }
  } finally {
    await clinic.close();
    data.cleanup();
  }
});
