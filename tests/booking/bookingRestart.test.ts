/** A crash between "send" and delivery loses nothing: the restarted bot delivers the request. */
import { bookPhysio } from '../helpers/bookingConversation';
import { eventually, startFakeClinic } from '../helpers/fakeClinic';
import { HttpUser } from '../helpers/runningBot';
import { spawnBot } from '../helpers/spawnedBot';
import { makeTempDir } from '../helpers/tempDir';

it('delivers a request confirmed just before the bot was killed, after a restart', async () => {
  const clinic = await startFakeClinic('hang');
  const data = makeTempDir('bot-restart-');
  const env = { DATA_DIR: data.dir, BOOKING_WEBHOOK_URL: clinic.url, BOOKING_RETRY_BASE_MS: '100', BOOKING_TIMEOUT_MS: '10000' };
  try {
    const first = await spawnBot(env);
    const user = new HttpUser(first.url);
    await user.join();
    const reference = await bookPhysio(user);
    // The clinic has the POST but has not answered: the bot dies mid-delivery.
    await eventually(() => clinic.requests.length === 1);
    await first.kill('SIGKILL');
    expect(clinic.accepted()).toHaveLength(0);

    clinic.mode = 'accept';
    const second = await spawnBot(env);
    try {
      await eventually(() => clinic.accepted().length === 1, 10_000);
      expect(clinic.accepted()[0].reference).toBe(reference);
    } finally {
      await second.kill('SIGTERM');
    }
  } finally {
    await clinic.close();
    data.cleanup();
  }
});
