/**
 * A crash in the middle of a dialog: the built bot is SIGKILLed (no shutdown code runs) halfway through
 * the symptom check, started again on the same DATA_DIR, and the next answer continues the same check.
 */
import { randomUUID } from 'node:crypto';
import { postActivity } from '../../src/cli/directPost';
import { summaryOf, textOf } from '../helpers/runningBot';
import { makeTempDir } from '../helpers/tempDir';
import { ensureBuilt, startBuiltServer, type BuiltServer } from './builtServer';
import { routineSymptomCheck } from './symptomCheckScript';

jest.setTimeout(120_000);

const temp = makeTempDir('kill-restart-');
const running: BuiltServer[] = [];
beforeAll(() => ensureBuilt());
afterAll(() => {
  for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  temp.cleanup();
});

const start = async () => {
  const server = await startBuiltServer({ DATA_DIR: temp.dir, STORAGE: 'lowdb' }, temp.dir);
  running.push(server);
  return server;
};

it('continues the symptom check after a SIGKILL and restart, then shuts down cleanly on SIGTERM', async () => {
  const conversationId = `kill-${randomUUID()}`;
  const user = { id: 'runner-1', name: 'Runner' };
  const answer = async (server: BuiltServer, turn: number) => {
    const { says, expect: expected } = routineSymptomCheck[turn];
    const replies = await postActivity(server.url, { type: 'message', conversationId, user, text: says });
    expect({ turn, says, reply: textOf(replies) }).toEqual({ turn, says, reply: expect.stringMatching(expected) });
    return replies;
  };
  const half = Math.floor(routineSymptomCheck.length / 2);

  const first = await start();
  for (let turn = 0; turn < half; turn += 1) await answer(first, turn);
  first.child.kill('SIGKILL');
  expect((await first.exited).signal).toBe('SIGKILL');

  const second = await start();
  let replies = await answer(second, half);
  for (let turn = half + 1; turn < routineSymptomCheck.length; turn += 1) replies = await answer(second, turn);
  expect(summaryOf(replies)?.triage).toBe('routine');

  second.child.kill('SIGTERM');
  expect(await second.exited).toEqual({ code: 0, signal: null });
  expect(second.output()).toMatch(/conversation state saved/);
});
