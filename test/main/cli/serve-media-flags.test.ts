import { describe, expect, it } from 'vitest';
import { CommandError, UsageError } from '../../../main/cli/flags.ts';
import { parseServeFlags } from '../../../main/cli/serve.ts';
import { serveConfigFiles } from './support/serve-config.ts';

const MIB = 1024 * 1024;
const { configFile, failure } = serveConfigFiles();

describe('marquee serve: the media library limits', () => {
  it('leaves the defaults alone when no flag is given', () => {
    expect(parseServeFlags(['--data', 'd'], {}).mediaLimits).toEqual({});
  });

  it('takes each limit in MiB, from a flag or the config file (flags win)', () => {
    expect(
      parseServeFlags(
        ['--media-max-image-mib', '4', '--media-max-video-mib', '250', '--media-quota-mib', '4096'],
        {},
      ).mediaLimits,
    ).toEqual({ maxImageBytes: 4 * MIB, maxVideoBytes: 250 * MIB, quotaBytes: 4096 * MIB });
    const file = configFile('media-quota-mib: 2048\nmedia-max-video-mib: 300\n');
    expect(parseServeFlags(['--config', file, '--media-max-video-mib', '200'], {}).mediaLimits).toEqual({
      maxVideoBytes: 200 * MIB,
      quotaBytes: 2048 * MIB,
    });
  });

  it.each([
    [['--media-max-image-mib', '0'], '--media-max-image-mib: must be at least 1'],
    [['--media-max-video-mib', '1.5'], '--media-max-video-mib: must be a whole number'],
    [['--media-quota-mib', '2TB'], '--media-quota-mib: must be a whole number'],
    [['--media-quota-mib', '2000000'], '--media-quota-mib: must be at most 1048576'],
    [
      ['--media-quota-mib', '50', '--media-max-video-mib', '100'],
      '--media-max-video-mib (100) must not exceed --media-quota-mib (50)',
    ],
  ])('refuses %j with a clear usage error', (args, message) => {
    const err = failure(args);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe(message);
  });

  it('names the file, line and key of a bad value in the config file', () => {
    const file = configFile('port: 1\nmedia-max-image-mib: lots\n');
    const err = failure(['--config', file]);
    expect(err).toBeInstanceOf(CommandError);
    expect(err.message).toBe(`${file}:2: media-max-image-mib: must be a whole number`);
  });
});
