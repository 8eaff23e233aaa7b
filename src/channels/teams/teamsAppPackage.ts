/**
 * The Teams app package: appPackage/manifest.json with its ${{PLACEHOLDERS}} filled in, and the two
 * icons, zipped flat (Teams rejects a package whose files sit in a folder). Teams needs the bot's
 * Azure app id in the manifest, so the package cannot be built without one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import AdmZip from 'adm-zip';

export const TEAMS_PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^\d+\.\d+\.\d+$/;

export interface TeamsPackageSettings {
  /** MicrosoftAppId: the Azure Bot's app registration. */
  botId: string | undefined;
  /** TEAMS_APP_ID; defaults to the bot id. */
  teamsAppId?: string;
  /** The app's version (package.json's). */
  version: string;
  /** The developer's website (https). */
  websiteUrl: string;
  /** TEAMS_PRIVACY_URL and TEAMS_TERMS_URL: the clinic's own privacy notice and terms (https), required. */
  privacyUrl: string | undefined;
  termsUrl: string | undefined;
}

export class TeamsPackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamsPackageError';
  }
}

/** The manifest with every placeholder filled; throws a TeamsPackageError naming what to set. */
export function fillTeamsManifest(template: string, settings: TeamsPackageSettings): string {
  const { botId, version, websiteUrl } = settings;
  if (!botId) {
    throw new TeamsPackageError(
      'MicrosoftAppId is not set. Register the bot in Azure Bot Service, put its app id (and password) in .env, then run npm run teams:package again.',
    );
  }
  if (!GUID.test(botId))
    throw new TeamsPackageError(`MicrosoftAppId must be the Azure app registration's id, a GUID like 1b2c3d4e-...; got "${botId}".`);
  const teamsAppId = settings.teamsAppId ?? botId;
  if (!GUID.test(teamsAppId)) throw new TeamsPackageError(`TEAMS_APP_ID must be a GUID; got "${teamsAppId}".`);
  if (!SEMVER.test(version)) throw new TeamsPackageError(`The app version must look like 1.2.3 (Teams requires it); got "${version}".`);
  if (!websiteUrl.startsWith('https://')) throw new TeamsPackageError(`TEAMS_WEBSITE_URL must be an https address; got "${websiteUrl}".`);
  // Health data: users must be able to read how it is handled, so there is no placeholder for these.
  for (const [name, url] of [
    ['TEAMS_PRIVACY_URL', settings.privacyUrl],
    ['TEAMS_TERMS_URL', settings.termsUrl],
  ] as const) {
    if (!url)
      throw new TeamsPackageError(
        `${name} is not set: Teams shows it on the app's About page, and users of a health app must be able to read it. Set it to the clinic's page (https) and run npm run teams:package again.`,
      );
    if (!url.startsWith('https://')) throw new TeamsPackageError(`${name} must be an https address; got "${url}".`);
  }
  const values: Record<string, string> = {
    MICROSOFT_APP_ID: botId,
    TEAMS_APP_ID: teamsAppId,
    APP_VERSION: version,
    WEBSITE_URL: websiteUrl,
    PRIVACY_URL: settings.privacyUrl!,
    TERMS_URL: settings.termsUrl!,
  };
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TeamsPackageError(`appPackage/manifest.json uses an unknown placeholder ${whole}.`);
    // Values go into JSON strings: escape them as JSON would.
    return JSON.stringify(value).slice(1, -1);
  });
  JSON.parse(filled);
  return filled;
}

/** Builds the zip to upload in Teams from the folder holding manifest.json and the icons. */
export function buildTeamsAppPackage(appPackageDir: string, settings: TeamsPackageSettings): Buffer {
  const manifest = fillTeamsManifest(fs.readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8'), settings);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifest, 'utf8'));
  for (const icon of ['color.png', 'outline.png']) zip.addFile(icon, fs.readFileSync(path.join(appPackageDir, icon)));
  return zip.toBuffer();
}
