/**
 * The Bot Framework adapter and its turn error handler. With no MicrosoftAppId the adapter runs without
 * auth (local runs, the Emulator, tests); with one it validates every channel request's JWT.
 */
import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AppConfig } from './config';

/**
 * CloudAdapter with its activity processing reachable from our own HTTP handler, so that handler (not
 * the SDK's) decides what a caller sees when auth or processing fails: a plain 401 or 500 with a
 * request id, never the SDK's internal error text.
 */
export class BotAdapter extends CloudAdapter {
  handleActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(config: AppConfig, apologise: string, log: (message: string) => void): BotAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppType: config.MicrosoftAppType ?? 'MultiTenant',
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new BotAdapter(auth);
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
