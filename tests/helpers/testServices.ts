/** The bot's real services (real knowledge, real classifier, real safety rules) on in-memory storage. */
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { createServices, type BotServices } from '../../src/bot/services';
import { parseConfig } from '../../src/config';

/** Fresh services with fresh in-memory state; `env` overrides settings (e.g. REGION). */
export function testServices(env: Record<string, string> = {}): BotServices {
  const config = parseConfig({ REGION: 'UK', ...env });
  const bookingsFile = path.join(os.tmpdir(), `bot-bookings-${randomUUID()}.json`);
  return createServices({ config, storage: new MemoryStorage(), pickVariant: () => 0, bookingsFile });
}
