import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../main/cli/flags.ts';
import { parseServeFlags } from '../../../main/cli/serve.ts';

describe('marquee serve --upstream flags', () => {
  const parse = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    parseServeFlags(['--data', '/d', ...args], env);

  it('has no upstream by default', () => {
    const flags = parse([]);
    expect([flags.upstream, flags['upstream-token'], flags['upstream-header']]).toEqual([
      undefined,
      undefined,
      [],
    ]);
  });

  it('takes the URL, a token and repeated headers', () => {
    expect(
      parse([
        '--upstream',
        'https://hq.example.com/.well-known/mercure?topic=venue%2F42',
        '--upstream-token',
        'eyJhbGciOi.x-y_z',
        '--upstream-header',
        'X-Api-Key: k1',
        '--upstream-header=X-Venue:  Harbourfront Mall ',
      ]),
    ).toMatchObject({
      upstream: 'https://hq.example.com/.well-known/mercure?topic=venue%2F42',
      'upstream-token': 'eyJhbGciOi.x-y_z',
      'upstream-header': [
        ['X-Api-Key', 'k1'],
        ['X-Venue', 'Harbourfront Mall'],
      ],
    });
  });

  it('reads the token from MARQUEE_UPSTREAM_TOKEN, the flag winning', () => {
    const env = { MARQUEE_UPSTREAM_TOKEN: 'from-env' };
    expect(parse(['--upstream', 'http://hq/events'], env)['upstream-token']).toBe('from-env');
    expect(parse(['--upstream', 'http://hq/events', '--upstream-token', 'flag'], env)['upstream-token']).toBe(
      'flag',
    );
    expect(parse([], env)['upstream-token']).toBeUndefined();
  });

  it('takes the largest event the relay applies, in MiB', () => {
    expect(
      parse(['--upstream', 'http://hq/e', '--upstream-max-event-mib', '64'])['upstream-max-event-mib'],
    ).toBe(64);
    expect(parse(['--upstream', 'http://hq/e'])['upstream-max-event-mib']).toBeUndefined();
  });

  it.each([
    [['--upstream', 'http://hq/e', '--upstream-max-event-mib', '0'], /must be at least 1/],
    [['--upstream', 'http://hq/e', '--upstream-max-event-mib', '2048'], /must be at most 1024/],
    [['--upstream', 'http://hq/e', '--upstream-max-event-mib', '1.5'], /whole number/],
    [['--upstream-max-event-mib', '32'], /needs --upstream/],
    [['--upstream', 'ftp://hq/events'], /--upstream: must be an http/],
    [['--upstream', 'not a url'], /--upstream: must be an http/],
    [
      ['--upstream', 'http://hq/e', '--upstream-token', 'two words'],
      /--upstream-token: must be visible ASCII/,
    ],
    [['--upstream', 'http://hq/e', '--upstream-header', 'NoColon'], /--upstream-header.0: must look like/],
    [['--upstream', 'http://hq/e', '--upstream-header', 'Bad Name: v'], /must look like/],
    [['--upstream', 'http://hq/e', '--upstream-header', 'X-Evil: a\r\nInjected: 1'], /must look like/],
    [['--upstream', 'http://hq/e', '--upstream-header', 'Last-Event-ID: 5'], /sets itself/],
    [['--upstream-token', 'abc'], /need --upstream/],
    [['--upstream-header', 'X-A: b'], /need --upstream/],
  ])('rejects %j', (args, message) => {
    expect(() => parse(args)).toThrow(UsageError);
    expect(() => parse(args)).toThrow(message);
  });
});
