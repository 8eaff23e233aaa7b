/** The Teams app package: filled manifest, icons of the sizes Teams checks, refusal without a bot id. */
import * as path from 'node:path';
import AdmZip from 'adm-zip';
import { buildTeamsAppPackage, fillTeamsManifest, TeamsPackageError } from '../../src/channels/teams/teamsAppPackage';

const appPackageDir = path.join(__dirname, '..', '..', 'appPackage');
const BOT_ID = '1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0';
const settings = {
  botId: BOT_ID,
  version: '0.1.0',
  websiteUrl: 'https://clinic.example',
  privacyUrl: 'https://clinic.example/privacy',
  termsUrl: 'https://clinic.example/terms',
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('Teams app package', () => {
  it('zips the filled manifest and both icons, flat', () => {
    const zip = new AdmZip(buildTeamsAppPackage(appPackageDir, settings));
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifestText = zip.readAsText('manifest.json');
    expect(manifestText).not.toMatch(/\$\{\{/);
    const manifest = JSON.parse(manifestText);
    expect(manifest.$schema).toMatch(/teams\/v1\.(1[7-9]|[2-9]\d)\/MicrosoftTeams\.schema\.json$/);
    expect(manifest.manifestVersion).toBe(manifest.$schema.match(/v(1\.\d+)/)[1]);
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.version).toBe('0.1.0');
    expect(manifest.developer).toMatchObject({
      websiteUrl: 'https://clinic.example',
      privacyUrl: 'https://clinic.example/privacy',
      termsOfUseUrl: 'https://clinic.example/terms',
    });
    // Health questions belong in the personal chat: the app is not offered in group chats or teams.
    expect(manifest.bots[0].scopes).toEqual(['personal']);
    expect(manifest.bots[0].commandLists.map((list: { scopes: string[] }) => list.scopes)).toEqual([['personal']]);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(pngSize(zip.readFile('color.png')!)).toEqual({ width: 192, height: 192 });
    expect(pngSize(zip.readFile('outline.png')!)).toEqual({ width: 32, height: 32 });
  });

  it('uses TEAMS_APP_ID for the app when given, keeping the bot id for the bot', () => {
    const other = '0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d';
    const manifest = JSON.parse(
      fillTeamsManifest('{"id":"${{TEAMS_APP_ID}}","bot":"${{MICROSOFT_APP_ID}}"}', { ...settings, teamsAppId: other }),
    );
    expect(manifest).toEqual({ id: other, bot: BOT_ID });
  });

  it('refuses without a bot id, or with ids that are not GUIDs, saying what to set', () => {
    expect(() => buildTeamsAppPackage(appPackageDir, { ...settings, botId: undefined })).toThrow(TeamsPackageError);
    expect(() => buildTeamsAppPackage(appPackageDir, { ...settings, botId: undefined })).toThrow(/MicrosoftAppId is not set/);
    expect(() => fillTeamsManifest('{}', { ...settings, botId: 'my-bot' })).toThrow(/GUID/);
    expect(() => fillTeamsManifest('{}', { ...settings, teamsAppId: 'x' })).toThrow(/TEAMS_APP_ID/);
    expect(() => fillTeamsManifest('{"a":"${{NOPE}}"}', settings)).toThrow(/unknown placeholder/);
    expect(() => fillTeamsManifest('{}', { ...settings, privacyUrl: undefined })).toThrow(/TEAMS_PRIVACY_URL is not set/);
    expect(() => fillTeamsManifest('{}', { ...settings, termsUrl: undefined })).toThrow(/TEAMS_TERMS_URL is not set/);
    expect(() => fillTeamsManifest('{}', { ...settings, termsUrl: 'http://clinic.example/terms' })).toThrow(
      /TEAMS_TERMS_URL must be an https/,
    );
  });
});
