import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandError, UsageError } from '../../../main/cli/flags.ts';
import { parseServeFlags } from '../../../main/cli/serve.ts';
import { readToken } from '../../../main/veezi/veezi-options.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('marquee serve --veezi flags', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());
  const parse = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    parseServeFlags(['--data', '/d', ...args], env);
  const env = { MARQUEE_VEEZI_TOKEN: 'site-token' };

  it('follows no Veezi site by default', () => {
    expect(parse([]).veeziOptions).toBeUndefined();
  });

  it('takes the URL, the token from MARQUEE_VEEZI_TOKEN and a 30 s poll by default', () => {
    expect(parse(['--veezi', 'https://api.oz.veezi.com'], env).veeziOptions).toEqual({
      url: 'https://api.oz.veezi.com',
      token: 'site-token',
      pollMs: 30_000,
    });
    expect(parse(['--veezi', 'http://127.0.0.1:7002', '--veezi-poll', '5'], env).veeziOptions?.pollMs).toBe(
      5_000,
    );
  });

  it('reads a token file again on every request, the file winning over the environment', () => {
    const file = join(dir.path, 'token');
    writeFileSync(file, 'first\n');
    const options = parse(
      ['--veezi', 'http://127.0.0.1:7002', '--veezi-token-file', file],
      env,
    ).veeziOptions!;
    expect(options).toMatchObject({ tokenFile: file });
    expect(options.token).toBeUndefined();
    expect(readToken(options)).toBe('first');
    writeFileSync(file, 'second');
    expect(readToken(options)).toBe('second');
  });

  it.each([
    [['--veezi', 'http://v', '--veezi-poll', '4'], /--veezi-poll: must be at least 5/],
    [['--veezi', 'http://v', '--veezi-poll', '2.5'], /whole number/],
    [['--veezi', 'ftp://v'], /--veezi: must be an http/],
    [['--veezi-poll', '10'], /need --veezi/],
    [['--veezi-token-file', '/x'], /need --veezi/],
    [['--veezi', 'http://v', '--upstream', 'http://hq/events'], /one upstream source/],
  ])('refuses %j', (args, message) => {
    expect(() => parse(args, env)).toThrow(UsageError);
    expect(() => parse(args, env)).toThrow(message);
  });

  it('fails in one line without a token it can read', () => {
    expect(() => parse(['--veezi', 'http://v'])).toThrow(CommandError);
    expect(() => parse(['--veezi', 'http://v'])).toThrow(/no Veezi token/);
    expect(() => parse(['--veezi', 'http://v'], { MARQUEE_VEEZI_TOKEN: 'two words' })).toThrow(
      /--veezi: the Veezi token must be visible ASCII/,
    );
    const missing = join(dir.path, 'nope');
    expect(() => parse(['--veezi', 'http://v', '--veezi-token-file', missing])).toThrow(
      /--veezi: cannot read the Veezi token file: ENOENT/,
    );
  });
});
