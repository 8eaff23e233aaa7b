/**
 * The Bot Framework SDK is archived, so lint keeps it in the files that use it today (eslint.botframework.json):
 * a new file importing it is refused, and the list names only files that still import it, so it only shrinks.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../src/projectRoot';

const root = projectRoot();
const SDK_IMPORT = /from '(botbuilder|botframework-(schema|connector))/;
const valueImport = "import { TurnContext } from 'botbuilder';\nexport const kind = TurnContext.name;\n";
const typeImport = "import type { DialogContext } from 'botbuilder-dialogs';\nexport type Ctx = DialogContext;\n";

/** ESLint runs in its own process: its flat config is an ES module, which jest's CommonJS runtime cannot load. */
function ruleIdsFor(probes: Array<[file: string, code: string]>): string[][] {
  const script = `const { ESLint } = require('eslint');
    const eslint = new ESLint();
    Promise.all(${JSON.stringify(probes)}.map(([file, code]) => eslint.lintText(code, { filePath: file })))
      .then((results) => console.log(JSON.stringify(results.map(([r]) => r.messages.map((m) => m.ruleId ?? m.message)))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as string[][];
}

describe('Bot Framework SDK fence', () => {
  it('refuses an SDK import, value or type, in a new file under src/ or dialogs/, and allows it where it is today and in tests', () => {
    const [newSrc, newDialog, existing, test] = ruleIdsFor([
      ['src/newFeature.ts', valueImport],
      ['dialogs/newDialog.ts', typeImport],
      ['src/adapter.ts', typeImport],
      ['tests/newHelper.ts', valueImport],
    ]);
    expect(newSrc).toContain('no-restricted-imports');
    expect(newDialog).toContain('no-restricted-imports');
    expect(existing).toEqual([]);
    expect(test).toEqual([]);
  });

  it('refuses an import of the turn pipeline (src/bot) in any dialog, and allows the shared turn record', () => {
    const pipelineImport = "import { sendTurnSummary } from '../src/bot/turnSummary';\nexport const send = sendTurnSummary;\n";
    const turnImport = "import { noteIntent } from '../src/conversation/turn';\nexport const note = noteIntent;\n";
    const [existingDialog, newDialog, sharedRecord] = ruleIdsFor([
      ['dialogs/bookingDialog.ts', pipelineImport],
      ['dialogs/newDialog.ts', pipelineImport],
      ['dialogs/bookingDialog.ts', turnImport],
    ]);
    expect(existingDialog).toContain('no-restricted-imports');
    expect(newDialog).toContain('no-restricted-imports');
    expect(sharedRecord).toEqual([]);
  });

  it('lists only files that still import the SDK', () => {
    const { files } = JSON.parse(fs.readFileSync(path.join(root, 'eslint.botframework.json'), 'utf8')) as { files: string[] };
    const stale = files.filter(
      (file) => !fs.existsSync(path.join(root, file)) || !SDK_IMPORT.test(fs.readFileSync(path.join(root, file), 'utf8')),
    );
    expect(stale).toEqual([]);
  });
});
