import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { parseServeFlags } from '../../../../main/cli/serve.ts';
import { tempDir } from '../../../support/temp-dir.ts';

/**
 * Config files for `serve --config` tests, in a temporary folder removed
 * after each test; call once at the top of a test file.
 */
export function serveConfigFiles(): {
  configFile: (text: string) => string;
  failure: (args: string[]) => Error;
} {
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(() => {
    dir?.remove();
    dir = undefined;
  });
  return {
    configFile: (text) => {
      dir ??= tempDir();
      const file = join(dir.path, 'marquee.yaml');
      writeFileSync(file, text);
      return file;
    },
    /** The error `parseServeFlags` throws for `args` (with no environment); a test failure if none. */
    failure: (args) => {
      try {
        parseServeFlags(args, {});
      } catch (err) {
        return err as Error;
      }
      throw new Error('expected a failure');
    },
  };
}
