/**
 * The Bot Framework adapter and its turn error handler. With no MicrosoftAppId the adapter runs without
 * auth (local runs, the Emulator, tests); with one it validates every channel request's JWT.
 */
import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { AppConfig } from './config';

export function createAdapter(config: AppConfig, apologise: string, log: (message: string) => void): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppType: config.MicrosoftAppType ?? 'MultiTenant',
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The id ties the user's apology to the log line; neither carries the user's words.
    const errorId = randomUUID().slice(0, 8);
    log(`turn error ${errorId}: ${error.name}: ${error.message.split('\n')[0]}`);
    try {
      await context.sendActivity(`${apologise} (ref ${errorId})`);
    } catch {
      log(`turn error ${errorId}: the apology could not be sent either`);
    }
  };
  return adapter;
}
