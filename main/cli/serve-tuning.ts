import type { HubOptions } from '../hub.ts';
import type { Logger } from '../log.ts';
import { SecretFile, SecretFileError } from '../secret-file.ts';
import { DISPLAY_TOKEN_PATTERN } from '../api/auth/display-token.ts';
import { CommandError, UsageError } from './flags.ts';

/** What an upstream bearer token may hold: one header value of visible ASCII. */
export const UPSTREAM_TOKEN_PATTERN = /^[\x21-\x7e]{1,4096}$/;

/** The flags `serve` turns into tuning and secrets (see `parseServeFlags`). */
export interface TuningFlags {
  upstream?: string | undefined;
  'upstream-token'?: string | undefined;
  'upstream-token-file'?: string | undefined;
  'display-token'?: string | undefined;
  'display-token-file'?: string | undefined;
  'upstream-idle-timeout'?: number | undefined;
  'upstream-snapshot-url'?: string | undefined;
  'upstream-backoff-base'?: number | undefined;
  'upstream-backoff-cap'?: number | undefined;
  'retention-days'?: number | undefined;
  'retention-min-events'?: number | undefined;
  'retention-max-events'?: number | undefined;
  'http-headers-timeout'?: number | undefined;
  'http-request-timeout'?: number | undefined;
  'metrics-open-on-loopback': boolean;
}

/** Refuses combinations that cannot mean anything, as usage errors. */
export function checkTuning(flags: TuningFlags): void {
  if (flags['upstream-token'] !== undefined && flags['upstream-token-file'] !== undefined)
    throw new UsageError('give --upstream-token or --upstream-token-file, not both');
  if (flags['display-token'] !== undefined && flags['display-token-file'] !== undefined)
    throw new UsageError('give --display-token or --display-token-file, not both');
  const upstreamOnly = [
    'upstream-token-file',
    'upstream-idle-timeout',
    'upstream-snapshot-url',
    'upstream-backoff-base',
    'upstream-backoff-cap',
  ] as const;
  const without = upstreamOnly.find((k) => flags[k] !== undefined);
  if (!flags.upstream && without) throw new UsageError(`--${without} needs --upstream`);
  const base = flags['upstream-backoff-base'];
  const cap = flags['upstream-backoff-cap'];
  if (base !== undefined && cap !== undefined && base > cap)
    throw new UsageError('--upstream-backoff-base must not exceed --upstream-backoff-cap');
  const min = flags['retention-min-events'];
  const max = flags['retention-max-events'];
  if (min !== undefined && max !== undefined && min > max)
    throw new UsageError('--retention-min-events must not exceed --retention-max-events');
}

const secs = (s: number | undefined) => (s === undefined ? undefined : Math.round(s * 1000));

/** Drops undefined values, so a default stays a default. */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function secret(file: string, problemOf: (v: string) => string | undefined, log: Logger): () => string {
  let secretFile: SecretFile;
  try {
    secretFile = new SecretFile(file, problemOf, log);
  } catch (err) {
    if (err instanceof SecretFileError) throw new CommandError(err.message);
    throw err;
  }
  return () => secretFile.value();
}

/** Hub options from the tuning flags; token files are read now (a bad one fails the start) and again on each use. */
export function tuningOf(flags: TuningFlags, log: Logger) {
  const retention = defined({
    maxAgeMs: secs(flags['retention-days'] === undefined ? undefined : flags['retention-days'] * 86_400),
    minEvents: flags['retention-min-events'],
    maxEvents: flags['retention-max-events'],
  });
  const http = defined({
    headersTimeoutMs: secs(flags['http-headers-timeout']),
    requestTimeoutMs: secs(flags['http-request-timeout']),
  });
  const upstream = defined({
    idleTimeoutMs: secs(flags['upstream-idle-timeout']),
    snapshotUrl: flags['upstream-snapshot-url'],
    backoff: defined({
      baseMs: secs(flags['upstream-backoff-base']),
      capMs: secs(flags['upstream-backoff-cap']),
    }),
    token:
      flags['upstream-token-file'] === undefined
        ? undefined
        : secret(
            flags['upstream-token-file'],
            (v) => (UPSTREAM_TOKEN_PATTERN.test(v) ? undefined : 'must be visible ASCII without spaces'),
            log,
          ),
  }) satisfies Partial<NonNullable<HubOptions['upstream']>>;
  const displayFile = flags['display-token-file'];
  const hub = {
    retention,
    http,
    metricsOpenOnLoopback: flags['metrics-open-on-loopback'],
    ...(displayFile !== undefined && {
      displayToken: secret(
        displayFile,
        (v) =>
          DISPLAY_TOKEN_PATTERN.test(v) ? undefined : 'must be 16 to 256 visible ASCII characters, no spaces',
        log,
      ),
    }),
  } satisfies Partial<HubOptions>;
  return { hub, upstream };
}
