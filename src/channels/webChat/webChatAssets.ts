/**
 * The website chat's static files and their content-hashed URLs. The page names each file by
 * `/webchat/v/<hash>/<file>`, so a browser keeps it for a year and a new build is a new URL; the
 * plain `/webchat/<file>` still works and revalidates. Only these named files are served.
 */
import * as path from 'node:path';
import { StaticAsset } from './staticAsset';
import { WEBCHAT_BUNDLE_FILE } from './webChatBundle';
import type { WebChatAssetUrls } from './webChatDocuments';

export const ASSET_PREFIX = '/webchat';

export type WebChatAssets = Record<string, StaticAsset>;

export function webChatAssets(publicDir: string, vendorDir: string): WebChatAssets {
  const notBuilt = 'the Web Chat bundle has not been copied yet: run npm run build';
  return {
    'webchat.css': new StaticAsset(path.join(publicDir, 'webchat.css'), {
      contentType: 'text/css; charset=utf-8',
      missingMessage: 'public/webchat.css is missing',
      compressOnLoad: true,
    }),
    'webchat-page.js': new StaticAsset(path.join(publicDir, 'webchat-page.js'), {
      contentType: 'text/javascript; charset=utf-8',
      missingMessage: 'public/webchat-page.js is missing',
      compressOnLoad: true,
    }),
    [WEBCHAT_BUNDLE_FILE]: new StaticAsset(path.join(vendorDir, WEBCHAT_BUNDLE_FILE), {
      contentType: 'text/javascript; charset=utf-8',
      missingMessage: notBuilt,
    }),
    // The bundle's header points here (a relative URL) for the licences of what it contains.
    [`${WEBCHAT_BUNDLE_FILE}.LICENSE.txt`]: new StaticAsset(path.join(vendorDir, `${WEBCHAT_BUNDLE_FILE}.LICENSE.txt`), {
      contentType: 'text/plain; charset=utf-8',
      missingMessage: notBuilt,
    }),
  };
}

/** A file's URL with its current hash; the plain URL while the file is missing (it may be built later). */
export function assetUrl(assets: WebChatAssets, file: string): string {
  const hash = assets[file]?.hash;
  return hash ? `${ASSET_PREFIX}/v/${hash}/${file}` : `${ASSET_PREFIX}/${file}`;
}

export function webChatAssetUrls(assets: WebChatAssets): WebChatAssetUrls {
  return {
    css: assetUrl(assets, 'webchat.css'),
    bundle: assetUrl(assets, WEBCHAT_BUNDLE_FILE),
    pageJs: assetUrl(assets, 'webchat-page.js'),
  };
}
