import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../main/cli/flags.ts';
import { parseServeFlags } from '../../../main/cli/serve.ts';

describe('marquee serve flags', () => {
  it('applies the documented defaults', () => {
    expect(parseServeFlags(['--data', '/tmp/x'])).toMatchObject({
      data: '/tmp/x',
      port: 4747,
      host: '127.0.0.1',
      demo: false,
      'allow-host': [],
    });
  });

  it('parses every flag', () => {
    expect(
      parseServeFlags([
        '--data=/d',
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--demo',
        '--allow-host',
        'lobby.local',
        '--max-clients',
        '20000',
      ]),
    ).toMatchObject({
      data: '/d',
      port: 0,
      host: '0.0.0.0',
      demo: true,
      'allow-host': ['lobby.local'],
      'max-clients': 20000,
    });
  });

  it.each([
    [['--data', ''], /--data: must name a folder/],
    [['--data', 'd', '--port', '70000'], /--port: must be at most 65535/],
    [['--data', 'd', '--port', 'eighty'], /--port: must be a whole number/],
    [['--data', 'd', '--port', '-1'], /--port|argument/],
    [['--data', 'd', '--host', 'my laptop'], /--host: must be an IP address/],
    [['--data', 'd', '--bogus'], /Unknown option '--bogus'/],
    [['--data', 'd', '--max-clients', '0'], /--max-clients: must be at least 1/],
  ])('rejects %j with a clear message', (args, message) => {
    expect(() => parseServeFlags(args)).toThrow(UsageError);
    expect(() => parseServeFlags(args)).toThrow(message);
  });
});
