/**
 * `npm run teams:package`: builds dist/teams/back-on-track-teams.zip, the app to upload in Teams
 * (Apps > Manage your apps > Upload an app), from appPackage/ and the ids in .env.
 */
import '../quietDotenv';
import 'dotenv/config';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../config';
import { buildTeamsAppPackage, TeamsPackageError } from '../channels/teams/teamsAppPackage';
import { projectRoot } from '../projectRoot';

/** Used when TEAMS_WEBSITE_URL is not set: Teams wants some https link on the app's About page. */
const PLACEHOLDER_WEBSITE = 'https://example.com';

function main(): void {
  const root = projectRoot();
  const config = parseConfig();
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  if (!config.TEAMS_WEBSITE_URL) console.warn(`TEAMS_WEBSITE_URL is not set: the app's About page will link to ${PLACEHOLDER_WEBSITE}.`);
  const zip = buildTeamsAppPackage(path.join(root, 'appPackage'), {
    botId: config.MicrosoftAppId,
    teamsAppId: config.TEAMS_APP_ID,
    version,
    websiteUrl: config.TEAMS_WEBSITE_URL ?? PLACEHOLDER_WEBSITE,
    privacyUrl: config.TEAMS_PRIVACY_URL,
    termsUrl: config.TEAMS_TERMS_URL,
  });
  const out = path.join(root, 'dist', 'teams', 'back-on-track-teams.zip');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, zip);
  console.log(`Teams app package: ${path.relative(root, out)} (upload it in Teams: Apps > Manage your apps > Upload an app).`);
}

try {
  main();
} catch (error) {
  // A missing id or a bad setting is the user's to fix: say what, without a stack trace.
  const err = error as Error;
  console.error(err instanceof TeamsPackageError || err.name === 'ConfigError' ? err.message : err.stack);
  process.exitCode = 1;
}
