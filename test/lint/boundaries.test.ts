import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../main/paths.ts';

// The layering rules of DESIGN.md are enforced by eslint.config.js. Each case
// lints one import line as if it were a file in that folder (an existing file's
// path, so the type-aware parser knows it) and expects the boundary rule, or no
// complaint for the imports each folder may make.

const eslint = new ESLint({ cwd: packageRoot() });

async function restricted(file: string, line: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${line}\nexport const used = x;\n`, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (eslint.config.js)', () => {
  it.each([
    ['main/store/meta.ts', "import x from '../sse/broadcaster.ts';", /store knows nothing/],
    ['main/store/meta.ts', "import x from '../api/router.ts';", /store knows nothing/],
    ['main/store/meta.ts', "import x from '../relay/relay.ts';", /store knows nothing/],
    ['main/store/meta.ts', "import x from 'electron';", /only in main\/shell/],
    ['main/relay/backoff.ts', "import x from '../api/http.ts';", /do not import the HTTP API/],
    ['main/sse/frame.ts', "import x from '../api/http.ts';", /do not import the HTTP API/],
    ['main/api/http.ts', "import x from '../shell/settings.ts';", /Only main\/shell\/ imports the shell/],
    ['main/api/http.ts', "import x from '../posters/posters.ts';", /does not import posters/],
    ['main/hub.ts', "import x from './shell/settings.ts';", /Only main\/shell\/ imports the shell/],
    ['main/domain/time.ts', "import x from 'node:fs';", /domain is pure/],
    ['main/domain/time.ts', "import x from '../store/meta.ts';", /domain imports nothing/],
    ['main/domain/time.ts', "import x from 'electron';", /only in main\/shell/],
    ['renderer/lib/format.ts', "import x from '../../main/store/store.ts';", /only main\/domain\//],
    ['renderer/lib/format.ts', "import x from '../../main/shell/settings.ts';", /imports the shell/],
    ['renderer/lib/format.ts', "import x from 'node:path';", /no Node/],
  ])('%s may not: %s', async (file, line, message) => {
    const messages = await restricted(file, line);
    expect(messages.join('\n')).toMatch(message);
  });

  it.each([
    ['main/api/http.ts', "import x from '../store/meta.ts';"],
    ['main/relay/backoff.ts', "import x from '../store/meta.ts';"],
    ['main/shell/settings.ts', "import x from 'electron';"],
    ['main/domain/time.ts', "import x from './records.ts';"],
    ['renderer/lib/format.ts', "import x from '../../main/domain/records.ts';"],
  ])('%s may: %s', async (file, line) => {
    expect(await restricted(file, line)).toEqual([]);
  });
});
