/**
 * The website chat, ready to mount: picks where Direct Line comes from and registers the page, the
 * embed script and the token endpoint.
 *   - DIRECT_LINE_SECRET set: Azure Bot Service's Direct Line (tokens exchanged server-side).
 *   - otherwise, without MicrosoftAppId: this server's own Direct Line (nothing to set up).
 *   - MicrosoftAppId without DIRECT_LINE_SECRET: no chat; the adapter would refuse our unsigned
 *     in-process turns, so the page says the chat is not set up and the log says what to set.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ActivityHandler, Storage } from 'botbuilder';
import type restify from 'restify';
import type { BotAdapter } from '../../adapter';
import type { AppConfig } from '../../config';
import type { ClientKey } from '../../http/clientKey';
import { projectRoot } from '../../projectRoot';
import { createSelfHostedDirectLine, type SelfHostedDirectLine } from '../directLine/selfHostedDirectLine';
import { WEBCHAT_BUNDLE_FILE, webChatVendorDir } from './webChatBundle';
import { webChatAssets, webChatAssetUrls } from './webChatAssets';
import { renderWebChatDocuments, type WebChatDocuments } from './webChatDocuments';
import { registerWebChatRoutes } from './webChatRoutes';
import { webChatLook } from './webChatSettings';
import { azureTokenSource, selfHostedTokenSource, unavailableTokenSource, type WebChatTokenSource } from './webChatTokenSources';

export interface WebsiteChatParts {
  adapter: BotAdapter;
  bot: ActivityHandler;
  /** Shown in the page footer ("In an emergency call 999"). */
  emergencyNumber: string;
  /** The REGION's locale ("en-GB"): the page's language tag and date format follow it. */
  locale: string;
  /** The bot's conversation store: the self-hosted Direct Line keeps its conversation logs there too. */
  storage?: Storage;
  /** The real client behind a trusted proxy (TRUST_PROXY), for Direct Line's new-conversation limit. */
  clientKey?: ClientKey;
  log: (message: string) => void;
}

export interface WebsiteChat {
  mode: 'self-hosted' | 'azure' | 'unavailable';
  register(server: restify.Server): void;
  /** Closes the Direct Line streams; call before server.close(), which would otherwise wait for them. */
  close(): void;
  /** Waits until the conversation logs are saved; call before the storage closes. */
  flush(): Promise<void>;
}

export function createWebsiteChat(config: AppConfig, parts: WebsiteChatParts): WebsiteChat {
  const publicDir = path.join(projectRoot(), 'public');
  const vendorDir = webChatVendorDir();
  const assets = webChatAssets(publicDir, vendorDir);
  // Rendered at the first request for them, not at start-up: their versioned URLs need the Web Chat
  // bundle's content hash, and reading and hashing its 3.9 MB took ~50 ms of every start before the first reply.
  let rendered: WebChatDocuments | undefined;
  const documents = () =>
    (rendered ??= renderWebChatDocuments(webChatLook(config, parts.emergencyNumber, parts.locale), publicDir, webChatAssetUrls(assets)));
  let selfHosted: SelfHostedDirectLine | undefined;
  let tokenSource: WebChatTokenSource;
  let mode: WebsiteChat['mode'];
  const directLineOrigins: string[] = [];

  if (config.DIRECT_LINE_SECRET) {
    mode = 'azure';
    tokenSource = azureTokenSource({ secret: config.DIRECT_LINE_SECRET, endpoint: config.DIRECT_LINE_ENDPOINT, log: parts.log });
    const azure = new URL(config.DIRECT_LINE_ENDPOINT);
    directLineOrigins.push(azure.origin, `${azure.protocol === 'https:' ? 'wss' : 'ws'}://${azure.host}`);
  } else if (!config.authEnabled) {
    mode = 'self-hosted';
    selfHosted = createSelfHostedDirectLine({
      adapter: parts.adapter,
      bot: parts.bot,
      tokenKey: config.DIRECT_LINE_TOKEN_SECRET,
      storage: parts.storage,
      clientKey: parts.clientKey,
      log: parts.log,
    });
    tokenSource = selfHostedTokenSource(selfHosted.service);
  } else {
    mode = 'unavailable';
    parts.log(
      'webchat: MicrosoftAppId is set but DIRECT_LINE_SECRET is not, so the chat page at / cannot connect (set DIRECT_LINE_SECRET to the Azure Direct Line secret)',
    );
    tokenSource = unavailableTokenSource('the website chat is not set up on this server yet');
  }

  if (mode !== 'unavailable' && !fs.existsSync(path.join(vendorDir, WEBCHAT_BUNDLE_FILE))) {
    parts.log('webchat: the Web Chat bundle is missing (public/vendor/): run npm run build, or the page at / cannot load the chat');
  } else if (mode !== 'unavailable') {
    parts.log(
      `webchat: chat page at /, embed script at /embed.js (Direct Line: ${mode === 'azure' ? 'Azure Bot Service' : 'this server'})`,
    );
    if (config.WEBCHAT_EMBED_ORIGINS.length === 0)
      parts.log('webchat: any site may frame the chat page; set WEBCHAT_EMBED_ORIGINS to your clinic site(s) to allow only those');
  }
  return {
    mode,
    register: (server) => {
      selfHosted?.register(server);
      registerWebChatRoutes(server, {
        documents,
        tokenSource,
        assets,
        directLineOrigins,
        embedOrigins: config.WEBCHAT_EMBED_ORIGINS,
        sessionCookie: mode === 'self-hosted',
        log: parts.log,
      });
    },
    close: () => selfHosted?.close(),
    flush: async () => selfHosted?.flush(),
  };
}
