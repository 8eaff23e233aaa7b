// ESLint flat config: the recommended JavaScript and typescript-eslint rules (no type-aware rules, so
// `npm run lint` stays a few seconds), plus a fence that keeps the Bot Framework SDK where it is today.
// Formatting is Prettier's job (`npm run format`); no rule here is about layout.
import js from '@eslint/js';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { readFileSync } from 'node:fs';

const botFrameworkFiles = JSON.parse(readFileSync(new URL('./eslint.botframework.json', import.meta.url), 'utf8')).files;
const botFrameworkSdk = {
  regex: '^(botbuilder|botframework-(connector|schema|streaming))(-|/|$)',
  message:
    'The Bot Framework SDK is archived: keep it in the files listed in eslint.botframework.json (put the SDK-facing part there, or add the file there with a reason in review).',
};
const turnPipeline = {
  regex: '^(\\.\\./)+src/bot(/|$)',
  message: 'Dialogs never import the turn pipeline (src/bot): use src/conversation/turn.ts, src/services.ts or src/conversation/.',
};

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'test-artifacts/', 'public/vendor/', 'public/embed.js'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are errors, except the deliberate `_name` ones (ignored handler arguments, rest siblings).
      // natural's leaf modules (its index loads the whole package, see src/nlp/textNormalizer.ts) and xhr2
      // (no types) are loaded with require on purpose; any other require is a mistake in TypeScript.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^natural/lib/', '^xhr2$'] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Being rewritten by the lead right now (one unused name in each as of main 03313fd): shown as warnings
    // so npm test stays green meanwhile. Delete this block once they are clean.
    files: ['src/safety/redFlagDetector.ts', 'src/bot/backOnTrackBot.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'warn' },
  },
  {
    // Tests load fixtures and modules lazily inside a test with require (several helpers write them this
    // way in parallel); the bot's own code still may not.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // CommonJS files (jest's config and setup) use require and module.exports by design.
    files: ['**/*.js'],
    ignores: ['public/**'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The chat page's scripts run in the browser.
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // The Bot Framework SDK is archived (README, "Bot Framework SDK"): no new file may import it, so the
    // move to the Microsoft 365 Agents SDK stays as small as it is today. Tests and the bench may.
    files: ['src/**/*.ts'],
    ignores: botFrameworkFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [botFrameworkSdk] }] },
  },
  {
    // Dialogs hold conversation logic; the turn pipeline (src/bot) runs them and they never reach back
    // into it: what a turn shares lives in src/conversation/turn.ts.
    files: ['dialogs/**/*.ts'],
    ignores: botFrameworkFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [botFrameworkSdk, turnPipeline] }] },
  },
  {
    files: botFrameworkFiles.filter((file) => file.startsWith('dialogs/')),
    rules: { 'no-restricted-imports': ['error', { patterns: [turnPipeline] }] },
  },
);
