/**
 * `npm run chat`: talk to the bot in a terminal. It starts the real server on a free local port and
 * posts each line to /api/messages with deliveryMode "expectReplies", exactly as a channel would.
 */
import '../quietDotenv';
import 'dotenv/config';
import { randomUUID } from 'node:crypto';
import * as readline from 'node:readline';
import { createApp } from '../app';
import { parseConfig } from '../config';
import { postActivity, type ReplyActivity } from './directPost';

function show(replies: ReplyActivity[]): void {
  for (const reply of replies) {
    if (reply.type !== 'message') continue;
    console.log(`\nbot> ${reply.text ?? ''}`);
    const buttons = reply.suggestedActions?.actions?.map((a) => `[${a.title}]`).join(' ');
    if (buttons) console.log(`     ${buttons}`);
  }
}

async function main(): Promise<void> {
  // The chat is the screen here: request logs would interleave with it, so only warnings show.
  const config = parseConfig({ LOG_LEVEL: 'warn', ...process.env, PORT: '0', HOST: '127.0.0.1' });
  const app = createApp(config, { log: () => undefined });
  const url = await app.listen();
  const conversationId = `terminal-${randomUUID()}`;
  const user = { id: process.env.USER ?? 'terminal-user', name: 'You' };
  show(await postActivity(url, { type: 'conversationUpdate', conversationId, user, membersAdded: [user] }));

  const terminal = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '\nyou> ' });
  console.log('\n(Type your message; "quit" to leave. Buttons can be typed as shown.)');
  terminal.prompt();
  // Iterating (rather than question()) keeps lines that arrive faster than the bot answers, e.g. piped in.
  for await (const line of terminal) {
    if (['quit', 'exit', '/quit'].includes(line.trim().toLowerCase())) break;
    if (!process.stdin.isTTY) console.log(line);
    show(await postActivity(url, { type: 'message', conversationId, user, text: line }));
    terminal.prompt();
  }
  terminal.close();
  await app.close();
}

main().catch((error: Error) => {
  console.error(`chat stopped: ${error.message}`);
  process.exit(1);
});
