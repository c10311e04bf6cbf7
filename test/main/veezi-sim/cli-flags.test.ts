import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../main/cli/flags.ts';
import { COMMANDS } from '../../../main/cli/main.ts';
import { parseVeeziSimFlags } from '../../../main/cli/veezi-sim.ts';

describe('marquee veezi-sim flags', () => {
  it('is a command of the CLI', () => {
    expect(COMMANDS['veezi-sim']?.usage).toMatch(/^marquee veezi-sim \[--port N\]/);
  });

  it('applies the documented defaults', () => {
    const flags = parseVeeziSimFlags([]);
    expect(flags).toMatchObject({
      port: 7002,
      host: '127.0.0.1',
      days: 4,
      rate: 1,
      fault: [],
      'fault-rate': 1,
      'fault-path': [],
      'retry-after': 30,
      'slow-ms': 10_000,
    });
    expect([flags.seed, flags.data, flags.token]).toEqual([undefined, undefined, undefined]);
  });

  it('parses every flag, faults and fault paths repeatable', () => {
    expect(
      parseVeeziSimFlags([
        '--port=0',
        '--host=0.0.0.0',
        '--seed=42',
        '--days=7',
        '--rate=2.5',
        '--data=/tmp/v',
        '--token=abc123',
        '--fault=429',
        '--fault',
        '403-html',
        '--fault-rate=0.25',
        '--fault-path=/v1/session',
        '--fault-path=/media/:id',
        '--retry-after=5',
        '--slow-ms=250',
      ]),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      seed: 42,
      days: 7,
      rate: 2.5,
      data: '/tmp/v',
      token: 'abc123',
      fault: ['429', '403-html'],
      'fault-rate': 0.25,
      'fault-path': ['/v1/session', '/media/:id'],
      'retry-after': 5,
      'slow-ms': 250,
    });
  });

  it.each([
    [['--fault', 'teapot'], /--fault.0: must be one of 401, 403, 403-html, 429, 500, slow, truncate, drop/],
    [['--fault-rate', '1.5'], /--fault-rate: must be at most 1/],
    [['--fault-rate', 'often'], /--fault-rate: must be a number/],
    [['--fault-path', 'v1/session'], /--fault-path.0: must be a route path/],
    [['--days', '1'], /--days: must be at least 2/],
    [['--rate', '0'], /--rate: must be at least 0.01/],
    [['--retry-after=-1'], /--retry-after: must be a whole number/],
    [['--slow-ms', 'slow'], /--slow-ms: must be a whole number/],
    [['--token', 'has space'], /--token: must be printable ASCII/],
    [['--token', ''], /--token: must not be empty/],
    [['--port', '70000'], /--port: must be at most 65535/],
    [['--host', 'example.com'], /--host: must be an IP address/],
    [['--bogus'], /Unknown option/],
  ])('rejects %j', (args, message) => {
    expect(() => parseVeeziSimFlags(args)).toThrow(UsageError);
    expect(() => parseVeeziSimFlags(args)).toThrow(message);
  });
});
