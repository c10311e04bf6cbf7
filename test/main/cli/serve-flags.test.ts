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
      'poster-allow-host': [],
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
        '--poster-allow-host',
        'posters.chain.vpn',
        '--poster-allow-host',
        '10.8.0.0/16',
      ]),
    ).toMatchObject({
      data: '/d',
      port: 0,
      host: '0.0.0.0',
      demo: true,
      'allow-host': ['lobby.local'],
      'max-clients': 20000,
      'poster-allow-host': ['posters.chain.vpn', '10.8.0.0/16'],
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
    [
      ['--data', 'd', '--poster-allow-host', '10.0.0.0/33'],
      /--poster-allow-host.*must be a host name, an IP/,
    ],
    [['--data', 'd', '--poster-allow-host', 'http://x.example/'], /--poster-allow-host.*CIDR block/],
  ])('rejects %j with a clear message', (args, message) => {
    expect(() => parseServeFlags(args)).toThrow(UsageError);
    expect(() => parseServeFlags(args)).toThrow(message);
  });
});
