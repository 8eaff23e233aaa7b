/**
 * A crash in the middle of a dialog: the built bot is SIGKILLed (no shutdown code runs) halfway through
 * the symptom check, started again on the same DATA_DIR, and the next answer continues the same check.
 */
import { randomUUID } from 'node:crypto';
import { postActivity } from '../../src/cli/directPost';
import { summaryOf, textOf } from '../helpers/runningBot';
import { spawnBot, type SpawnedBot } from '../helpers/spawnedBot';
import { makeTempDir } from '../helpers/tempDir';
import { ensureBuilt } from '../helpers/ensureBuilt';
import { routineSymptomCheck } from './symptomCheckScript';

jest.setTimeout(120_000);

const temp = makeTempDir('kill-restart-');
const spawned: SpawnedBot[] = [];
beforeAll(() => ensureBuilt());
afterAll(async () => {
  await Promise.all(spawned.map((bot) => bot.kill('SIGKILL')));
  temp.cleanup();
});

const start = async () => {
  const bot = await spawnBot({ DATA_DIR: temp.dir, STORAGE: 'lowdb' });
  spawned.push(bot);
  return bot;
};

it('continues the symptom check after a SIGKILL and restart, then shuts down cleanly on SIGTERM', async () => {
  const conversationId = `kill-${randomUUID()}`;
  const user = { id: 'runner-1', name: 'Runner' };
  const answer = async (bot: SpawnedBot, turn: number) => {
    const { says, expect: expected } = routineSymptomCheck[turn];
    const replies = await postActivity(bot.url, { type: 'message', conversationId, user, text: says });
    expect({ turn, says, reply: textOf(replies) }).toEqual({ turn, says, reply: expect.stringMatching(expected) });
    return replies;
  };
  const half = Math.floor(routineSymptomCheck.length / 2);

  const first = await start();
  for (let turn = 0; turn < half; turn += 1) await answer(first, turn);
  await first.kill('SIGKILL');
  expect(first.process.signalCode).toBe('SIGKILL');

  const second = await start();
  let replies = await answer(second, half);
  for (let turn = half + 1; turn < routineSymptomCheck.length; turn += 1) replies = await answer(second, turn);
  expect(summaryOf(replies)?.triage).toBe('routine');

  await second.kill('SIGTERM');
  expect(second.process.exitCode).toBe(0);
  expect(second.output.join('')).toMatch(/conversation state saved/);
});
