import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError, UsageError } from '../../../main/cli/flags.ts';
import { parseServeFlags } from '../../../main/cli/serve.ts';
import { tuningOf } from '../../../main/cli/serve-tuning.ts';
import { memoryLogger } from '../../../main/log.ts';
import { serveConfigFiles } from './support/serve-config.ts';

const { configFile, failure } = serveConfigFiles();

describe('marquee serve --config', () => {
  it('reads every kind of key, resolving file paths beside the file', () => {
    const file = configFile(
      [
        'data: state',
        'port: 8080',
        'host: 0.0.0.0',
        'demo: true',
        'allow-host: [lobby.local, tv.local]',
        'poster-allow-host: 10.8.0.0/16',
        'upstream: https://hq.example/feed',
        'upstream-idle-timeout: 90',
        'upstream-snapshot-url: https://hq.example/api/snapshot',
        'upstream-backoff-cap: 60',
        'retention-days: 14',
        'retention-min-events: 5000',
        'http-headers-timeout: 5',
        'metrics-open-on-loopback: true',
        '',
      ].join('\n'),
    );
    const flags = parseServeFlags(['--config', file], {});
    expect(flags).toMatchObject({
      data: join(dirname(file), 'state'),
      port: 8080,
      host: '0.0.0.0',
      demo: true,
      'allow-host': ['lobby.local', 'tv.local'],
      'poster-allow-host': ['10.8.0.0/16'],
      upstream: 'https://hq.example/feed',
      'upstream-idle-timeout': 90,
      'metrics-open-on-loopback': true,
    });
    const tuning = tuningOf(flags, memoryLogger());
    expect(tuning.upstream).toEqual({
      idleTimeoutMs: 90_000,
      snapshotUrl: 'https://hq.example/api/snapshot',
      backoff: { capMs: 60_000 },
    });
    expect(tuning.hub.retention).toEqual({ maxAgeMs: 14 * 86_400_000, minEvents: 5000 });
    expect(tuning.hub.http).toEqual({ headersTimeoutMs: 5000 });
  });

  it('lets flags win over the file, a repeated flag replacing the list', () => {
    const file = configFile('port: 8080\nallow-host: [a.local, b.local]\n');
    expect(
      parseServeFlags(['--config', file, '--port', '9090', '--allow-host', 'c.local'], {}),
    ).toMatchObject({
      port: 9090,
      'allow-host': ['c.local'],
    });
  });

  it('names the line and key of a bad value, checked by the same rules as the flag', () => {
    const file = configFile('# venue 12\nport: 8080\n\nmax-clients: 0\n');
    const err = failure(['--config', file]);
    expect(err).toBeInstanceOf(CommandError);
    expect(err.message).toBe(`${file}:4: max-clients: must be at least 1`);
  });

  it('names the line of an unknown key, a wrong type and a syntax error', () => {
    const unknown = configFile('port: 1\nupstream-timout: 5\n');
    expect(failure(['--config', unknown]).message).toBe(
      `${unknown}:2: unknown key "upstream-timout" (the keys are the flag names)`,
    );
    const wrongType = configFile('demo: yes please\n');
    expect(failure(['--config', wrongType]).message).toBe(`${wrongType}:1: demo: must be true or false`);
    const list = configFile('port: 1\nallow-host:\n  nested: map\n');
    expect(failure(['--config', list]).message).toBe(`${list}:2: allow-host: must be text or a list of text`);
    const syntax = configFile('port: 1\nhost: [127.0.0.1\n');
    expect(failure(['--config', syntax]).message).toMatch(new RegExp(`^${syntax}:\\d: `));
    const twice = configFile('port: 1\nport: 2\n');
    expect(failure(['--config', twice]).message).toMatch(new RegExp(`^${twice}:2: .*unique`));
    const notMap = configFile('- port\n');
    expect(failure(['--config', notMap]).message).toBe(`${notMap}:1: must be a map of flag: value`);
  });

  it('is one clear error for a missing file, and accepts an empty one', () => {
    const err = failure(['--config', '/nonexistent/marquee.yaml']);
    expect(err).toBeInstanceOf(CommandError);
    expect(err.message).toBe('cannot read the config file /nonexistent/marquee.yaml (ENOENT)');
    expect(parseServeFlags(['--config', configFile('# nothing yet\n')], {})).toMatchObject({ port: 4747 });
  });

  it('keeps usage errors for flags, and checks combinations whatever their source', () => {
    expect(failure(['--port', 'x'])).toBeInstanceOf(UsageError);
    const file = configFile('upstream-idle-timeout: 30\n');
    expect(failure(['--config', file]).message).toBe('--upstream-idle-timeout needs --upstream');
  });
});
