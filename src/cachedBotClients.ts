/**
 * Bot Framework authentication that builds the connector and user-token clients once and reuses them.
 * ConfigurationBotFrameworkAuthentication builds a new ConnectorClient and UserTokenClient on every turn
 * (~0.2 ms of CPU each turn); they hold no per-turn state (their credentials cache and refresh tokens
 * themselves), so one per (app id, service URL, audience) serves every turn, as the older
 * BotFrameworkAdapter's client cache did. Both caches are bounded: without auth a caller chooses the
 * service URL, and must not be able to grow memory with new ones.
 */
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorClient, ConnectorFactory, UserTokenClient } from 'botframework-connector';

const MAX_CLIENTS = 256;

class BoundedCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  /** The cached value, or a new one from `make`; a failed build is not kept, so the next turn tries again. */
  get(key: string, make: () => Promise<T>): Promise<T> {
    let value = this.entries.get(key);
    if (value === undefined) {
      const made = make();
      value = made;
      if (this.entries.size >= MAX_CLIENTS) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, made);
      made.catch(() => {
        if (this.entries.get(key) === made) this.entries.delete(key);
      });
    }
    return value;
  }
}

export class CachedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedCache<ConnectorClient>();
  private readonly tokenClients = new BoundedCache<UserTokenClient>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCachedConnectors(await super.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCachedConnectors(await super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.cachingFactory(claimsIdentity, super.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(identityKey(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private withCachedConnectors(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.cachingFactory(result.claimsIdentity, result.connectorFactory) };
  }

  private cachingFactory(claimsIdentity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    const identity = identityKey(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.connectors.get(`${identity}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience)),
    };
  }
}

/**
 * The bot app id the clients act for. The SDK reads it from `appid` (v1 tokens) or `azp` (v2); keying on
 * both, and the audience, never lets one identity's clients serve another.
 */
function identityKey(claimsIdentity: ClaimsIdentity): string {
  const claim = (type: string) => claimsIdentity.claims.find((c) => c.type === type)?.value ?? '';
  return [claim('aud'), claim('appid'), claim('azp')].join('|');
}
