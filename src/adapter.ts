/**
 * The Bot Framework adapter and its turn error handler. With no MicrosoftAppId the adapter runs without
 * auth (local runs, the Emulator, tests); with one it validates every channel request's JWT.
 */
import { randomUUID } from 'node:crypto';
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { CachedClientsAuthentication } from './cachedBotClients';
import type { AppConfig } from './config';

/**
 * CloudAdapter with its activity processing reachable from our own HTTP handler, so that handler (not
 * the SDK's) decides what a caller sees when auth or processing fails: a plain 401 or 500 with a
 * request id, never the SDK's internal error text.
 */
export class BotAdapter extends CloudAdapter {
  constructor(
    auth: CachedClientsAuthentication,
    private readonly appId = '',
  ) {
    super(auth);
  }

  handleActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }

  /**
   * Runs a turn for an activity whose sender this server has verified itself (a Slack request checked
   * against Slack's signing secret): there is no channel JWT to validate, so the turn runs as the bot's
   * own identity, with or without a MicrosoftAppId. Replies come back (deliveryMode expectReplies)
   * instead of being posted to a serviceUrl.
   */
  async runVerifiedTurn(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Array<Partial<Activity>>> {
    const claimsIdentity = this.createClaimsIdentity(this.appId);
    const connectorFactory = this.botFrameworkAuthentication.createConnectorFactory(claimsIdentity);
    const verified = { claimsIdentity, connectorFactory, audience: BOT_FRAMEWORK_AUDIENCE };
    const response = await this.processActivity(verified, { ...activity, deliveryMode: 'expectReplies' } as Activity, logic);
    const replies = (response?.body as { activities?: unknown } | undefined)?.activities;
    return Array.isArray(replies) ? replies : [];
  }
}

/** The audience of tokens the bot uses towards Bot Framework channels (unused: replies are returned). */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/**
 * `replyLocale` (the REGION's, regions.yaml) marks every reply: the bot answers in English for its
 * region whatever language the user's client says it speaks, and Bot Framework would otherwise copy the
 * incoming activity's locale ("de-DE" from a German browser) onto replies written in English.
 */
export function createAdapter(config: AppConfig, apologise: string, log: (message: string) => void, replyLocale?: string): BotAdapter {
  // Connector and token clients are built once per app id, service URL and audience, not every turn.
  const auth = new CachedClientsAuthentication({
    MicrosoftAppType: config.MicrosoftAppType ?? 'MultiTenant',
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new BotAdapter(auth, config.MicrosoftAppId ?? '');
  if (replyLocale)
    adapter.use(async (context, next) => {
      context.onSendActivities(async (_context, activities, send) => {
        for (const activity of activities) activity.locale = replyLocale;
        return send();
      });
      await next();
    });
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
