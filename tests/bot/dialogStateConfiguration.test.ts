/**
 * The bot builds botbuilder-dialogs' memory-scope configuration once and hands it to every later turn
 * (src/bot/dialogContextFactory.ts). If an SDK upgrade stops reading it
 * from turn state, every turn silently gets slower again: this test is the alarm.
 */
import { ComponentRegistration, TestAdapter, type TurnContext } from 'botbuilder';
import { createBot } from '../../src/bot/createBot';
import { DIALOG_STATE_CONFIGURATION_KEY } from '../../src/bot/dialogContextFactory';
import { testServices } from '../helpers/testServices';

it('every turn after the first reuses one dialog state configuration and one dialogs component registration, and the dialog still follows on', async () => {
  const bot = createBot(testServices());
  const used: unknown[] = [];
  const replies: string[] = [];
  const adapter = new TestAdapter((context: TurnContext) => bot.run(context), { channelId: 'emulator' });
  const registrations: unknown[] = [];
  adapter.use({
    onTurn: async (context, next) => {
      context.onSendActivities(async (_ctx, activities, nextSend) => {
        replies.push(...activities.map((activity) => activity.text ?? ''));
        return nextSend();
      });
      await next();
      used.push(context.turnState.get(DIALOG_STATE_CONFIGURATION_KEY));
      // Every DialogContext registers the dialogs' component; building a new one each time is the cost avoided.
      registrations.push(ComponentRegistration.components.find((c) => c.constructor.name === 'DialogsComponentRegistration'));
    },
  });

  for (const text of ['check my symptoms', 'yes', 'in the middle']) await adapter.receiveActivity(text);

  expect(used[0]).toBeDefined();
  expect(used.every((configuration) => configuration === used[0])).toBe(true);
  expect(registrations[0]).toBeDefined();
  expect(registrations.every((registration) => registration === registrations[0])).toBe(true);
  expect(replies.join('\n')).toMatch(/How long/);
});
