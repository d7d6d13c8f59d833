import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries of DESIGN.md are lint errors (eslint.config.js). This checks the rules
 * themselves: a forbidden import in each folder is an error, an allowed one is not.
 */
const root = new URL('../../../', import.meta.url).pathname;
// The snippets are not files of a tsconfig project, and the boundary rules need no types.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal === true);
  if (fatal) throw new Error(`ESLint could not parse the snippet: ${fatal.message}`);
  return messages
    .filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2)
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['shared/warranty/x.ts', "import Dexie from 'dexie';", /shared\/ is pure/],
    ['shared/warranty/x.ts', "import { readFileSync } from 'node:fs';", /shared\/ is pure/],
    [
      'shared/warranty/x.ts',
      "import { db } from '../../renderer/data/db';",
      /imports nothing of ours/,
    ],
    [
      'shared/warranty/x.ts',
      "import p from '../../policies/xinji.json';",
      /imports nothing of ours/,
    ],
    ['renderer/screens/x.ts', "import { ipcRenderer } from 'electron';", /never imports Electron/],
    ['renderer/screens/x.ts', "import Dexie from 'dexie';", /Only renderer\/data\/ imports dexie/],
    [
      'renderer/screens/x.ts',
      "import { create } from 'zustand';",
      /Only renderer\/stores\/ imports zustand/,
    ],
    ['renderer/screens/x.ts', "import { Link } from 'react-router';", /routing\.ts/],
    ['renderer/screens/x.ts', "import { x } from '../../hq/main';", /shared\/ and policies\/ only/],
    ['electron/x.ts', "import { App } from '../renderer/app/App';", /thin shell/],
    ['hq/x.ts', "import { db } from '../renderer/data/db';", /hq\/ may import/],
  ])('%s: %s is an error', async (file, code, message) => {
    const errors = await boundaryErrors(file, `${code}\nexport {};\n`);
    expect(errors.length, `no boundary error for ${code} in ${file}`).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it.each([
    ['renderer/data/x.ts', "import Dexie from 'dexie';"],
    ['renderer/stores/x.ts', "import { create } from 'zustand';"],
    ['renderer/app/routing.ts', "export { Link } from 'react-router';"],
    ['renderer/screens/x.ts', "import { evaluate } from '../../shared/warranty';"],
    ['electron/x.ts', "import { contract } from '../shared/ipc/contract';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await boundaryErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
