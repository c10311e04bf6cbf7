import { describe, expect, it } from 'vitest';
import { parseFeedSimFlags } from '../../../main/cli/feed-sim.ts';
import { UsageError } from '../../../main/cli/flags.ts';
import { COMMANDS } from '../../../main/cli/main.ts';

describe('marquee feed-sim flags', () => {
  it('is a command of the CLI', () => {
    expect(COMMANDS['feed-sim']?.usage).toMatch(/^marquee feed-sim \[--port N\]/);
  });

  it('applies the documented defaults', () => {
    const flags = parseFeedSimFlags([]);
    expect(flags).toMatchObject({ port: 7001, host: '127.0.0.1', rate: 2, days: 3 });
    expect([flags.seed, flags.data]).toEqual([undefined, undefined]);
  });

  it('parses every flag', () => {
    expect(
      parseFeedSimFlags([
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--seed',
        '42',
        '--rate',
        '0.5',
        '--days',
        '7',
        '--data',
        '/tmp/f',
      ]),
    ).toEqual({ port: 0, host: '0.0.0.0', seed: 42, rate: 0.5, days: 7, data: '/tmp/f' });
  });

  it.each([
    [['--rate', '0'], /--rate: must be at least 0.01/],
    [['--rate', 'fast'], /--rate: must be a number/],
    [['--rate', '20000'], /--rate: must be at most 10000/],
    [['--seed=-1'], /--seed: must be a whole number/],
    [['--seed', '4294967296'], /--seed: must be at most/],
    [['--port', '70000'], /--port: must be at most 65535/],
    [['--days', '0'], /--days: must be at least 1/],
    [['--host', 'example.com'], /--host: must be an IP address/],
    [['--bogus'], /Unknown option/],
  ])('rejects %j', (args, message) => {
    expect(() => parseFeedSimFlags(args)).toThrow(UsageError);
    expect(() => parseFeedSimFlags(args)).toThrow(message);
  });
});
