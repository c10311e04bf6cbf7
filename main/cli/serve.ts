import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { startHub } from '../hub.ts';
import { LOG_LEVELS, createLogger } from '../log.ts';
import { CaFileError, readCaFile } from '../trusted-ca.ts';
import { DISPLAY_TOKEN_PATTERN } from '../api/auth/display-token.ts';
import { allowEntryProblem } from '../posters/allow-list.ts';
import { defaultDataDir } from './data-dir.ts';
import { passwordProblem } from '../api/auth/password.ts';
import { mergeConfig, readConfigFile } from './config-file.ts';
import { MEDIA_FLAGS, MEDIA_OPTIONS, MEDIA_USAGE, mediaLimitsOf } from './serve-media.ts';
import { UPSTREAM_TOKEN_PATTERN, checkTuning, tuningOf } from './serve-tuning.ts';
import {
  CommandError,
  UsageError,
  hostFlag,
  httpUrlFlag,
  intFlag,
  numberFlag,
  parseFlags,
  portFlag,
} from './flags.ts';
import { startupFailure } from './startup-failure.ts';
import { type VeeziOptions, readToken } from '../veezi/veezi-options.ts';

export const SERVE_USAGE = `marquee serve [--config FILE] [--data DIR] [--port N] [--host ADDR] [--demo] [--require-healthy]
                     [--allow-host NAME]... [--max-clients N] [--max-clients-per-address N]
                     [--upstream URL [--upstream-token TOKEN] [--upstream-header "Name: value"]...]
                     [--upstream-ca FILE] [--upstream-max-event-mib N] [--display-token TOKEN]
                     [--poster-allow-host HOST|CIDR]... [--media-quota-mib N]
                     [--veezi URL [--veezi-token-file FILE] [--veezi-poll SECONDS]]

  --config FILE       read these options from a YAML file (keys are the flag names without
                      "--"; flags given here win); see docs/operations.md
  --data DIR          folder for the database and posters (created if missing); default
                      $STATE_DIRECTORY under systemd, else marquee-serve in the user's
                      application-data folder (printed at start)
  --port N            TCP port; 0 picks a free one (default 4747)
  --host ADDR         address to bind (default 127.0.0.1, loopback only)
  --demo              seed a demo multiplex on first run
  --require-healthy   exit 1 if the database has a problem at start-up (failed integrity check,
                      full disk, read-only file) instead of starting degraded
  --allow-host NAME   another host name the admin API answers to (LAN name); repeatable
  --max-clients N     most event streams at once (default 10000)
  --max-clients-per-address N   most event streams from one address (default 50)
  --upstream URL      follow this venue feed (SSE): chain HQ, ticketing, another hub
  --upstream-token TOKEN        sent as "Authorization: Bearer TOKEN" (better: MARQUEE_UPSTREAM_TOKEN)
  --upstream-header "Name: value"   another header for the feed, e.g. an API key; repeatable
  --upstream-ca FILE  PEM certificates of a private CA that https feeds and poster hosts may
                      chain to, besides the public roots (NODE_EXTRA_CA_CERTS also works here)
  --poster-allow-host HOST|CIDR  a poster host the hub may fetch from although it is private
                                (loopback, LAN, VPN), e.g. posters.chain.vpn or 10.8.0.0/16;
                                repeatable (the upstream's own origin is always allowed)
  --upstream-max-event-mib N    largest feed event (a snapshot, mostly) the relay applies, in MiB
                                (default 16); a larger one shows in /api/health
${MEDIA_USAGE}
  --veezi URL         follow a Veezi site instead of a feed: its API's base URL for the region,
                      e.g. https://api.oz.veezi.com; token from MARQUEE_VEEZI_TOKEN or
                      --veezi-token-file (not together with --upstream)
  --veezi-token-file FILE       a file holding the site's Veezi token, read again before every request
  --veezi-poll SECONDS          how often sessions and seats are polled (default 30, at least 5)
  --display-token TOKEN         screens must present it to read the board and /events: open the
                                board once as /?token=TOKEN (better: MARQUEE_DISPLAY_TOKEN)
  --upstream-token-file FILE    --display-token-file FILE
                      the token in a file, read again for every connection or request, so a
                      renewed token needs no restart (systemd LoadCredential=, container secrets)
  --upstream-idle-timeout S     a feed silent this many seconds is reopened (default 45)
  --upstream-snapshot-url URL   a snapshot (JSON) to take when the feed says it lost the history
                      after our id (Mercure); without it the relay asks for the whole history
  --upstream-backoff-base S     --upstream-backoff-cap S
                      reconnect delays: the first ceiling and the largest (default 1 and 30)
  --retention-days D  --retention-min-events N  --retention-max-events N
                      event log kept for replay (default 7 days, at least 100000, at most 1000000)
  --http-headers-timeout S      --http-request-timeout S
                      slow clients: all headers within S seconds (default 10), the whole request (30)
  --log-level LEVEL   info (default), warn or error: lines below it are not written
  --access-log        one log line per request (method, path without query, status, ms)
  --metrics-open-on-loopback    GET /metrics needs no token from this machine (default: an API
                                token with the "metrics" permission)

  First-run admin password: MARQUEE_ADMIN_PASSWORD (ignored once one is set:
  use marquee reset-password).`;

// RFC 9110 token characters; a value must be visible Latin-1, with inner spaces and tabs.
const HEADER =
  /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([\x21-\x7e\x80-\xff](?:[\x20-\x7e\x80-\xff\t]*[\x21-\x7e\x80-\xff])?)[ \t]*$/;
const OWN_HEADERS = new Set(['last-event-id', 'accept', 'host', 'connection']);

const upstreamHeader = z
  .string()
  .regex(HEADER, 'must look like "Name: value" (one line, visible characters)')
  .refine((h) => !OWN_HEADERS.has(h.split(':', 1)[0]!.toLowerCase()), 'names a header the relay sets itself')
  .transform((h) => {
    const [, name, value] = HEADER.exec(h)!;
    return [name!, value!] as const;
  });

const ServeFlags = z.object({
  data: z.string().min(1, 'must name a folder').optional(),
  port: portFlag.default(4747),
  host: hostFlag.default('127.0.0.1'),
  demo: z.boolean().default(false),
  'require-healthy': z.boolean().default(false),
  'allow-host': z.array(z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a host name')).default([]),
  'max-clients': intFlag(1, 1_000_000).optional(),
  'max-clients-per-address': intFlag(1, 1_000_000).optional(),
  upstream: httpUrlFlag.optional(),
  'upstream-token': z
    .string()
    .regex(UPSTREAM_TOKEN_PATTERN, 'must be visible ASCII without spaces')
    .optional(),
  'upstream-header': z.array(upstreamHeader).default([]),
  'upstream-ca': z.string().min(1, 'must name a file').optional(),
  'poster-allow-host': z
    .array(
      z.string().superRefine((entry, ctx) => {
        const problem = allowEntryProblem(entry);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    )
    .default([]),
  'upstream-max-event-mib': intFlag(1, 1024).optional(),
  'display-token': z
    .string()
    .regex(DISPLAY_TOKEN_PATTERN, 'must be 16 to 256 visible ASCII characters, no spaces')
    .optional(),
  veezi: httpUrlFlag.optional(),
  'veezi-token-file': z.string().min(1, 'must name a file').optional(),
  /** Seconds; default 30 (see veeziFlags). */
  'veezi-poll': intFlag(5, 3600).optional(),
  config: z.string().min(1, 'must name a file').optional(),
  'upstream-token-file': z.string().min(1, 'must name a file').optional(),
  'display-token-file': z.string().min(1, 'must name a file').optional(),
  'upstream-idle-timeout': numberFlag(1, 3600).optional(),
  'upstream-snapshot-url': httpUrlFlag.optional(),
  'upstream-backoff-base': numberFlag(0.1, 600).optional(),
  'upstream-backoff-cap': numberFlag(1, 3600).optional(),
  'retention-days': numberFlag(0.001, 3650).optional(),
  'retention-min-events': intFlag(0, 100_000_000).optional(),
  'retention-max-events': intFlag(1, 100_000_000).optional(),
  'http-headers-timeout': numberFlag(1, 600).optional(),
  'http-request-timeout': numberFlag(1, 3600).optional(),
  'metrics-open-on-loopback': z.boolean().default(false),
  'log-level': z.enum(LOG_LEVELS, { error: 'must be info, warn or error' }).default('info'),
  'access-log': z.boolean().default(false),
  ...MEDIA_FLAGS,
});

/** The flags of `serve`; each is also a key of the `--config` file. */
const SERVE_OPTIONS = {
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  demo: { type: 'boolean' },
  'require-healthy': { type: 'boolean' },
  'allow-host': { type: 'string', multiple: true },
  'max-clients': { type: 'string' },
  'max-clients-per-address': { type: 'string' },
  upstream: { type: 'string' },
  'upstream-token': { type: 'string' },
  'upstream-header': { type: 'string', multiple: true },
  'upstream-ca': { type: 'string' },
  'upstream-max-event-mib': { type: 'string' },
  'poster-allow-host': { type: 'string', multiple: true },
  'display-token': { type: 'string' },
  config: { type: 'string' },
  'upstream-token-file': { type: 'string' },
  'display-token-file': { type: 'string' },
  'upstream-idle-timeout': { type: 'string' },
  'upstream-snapshot-url': { type: 'string' },
  'upstream-backoff-base': { type: 'string' },
  'upstream-backoff-cap': { type: 'string' },
  'retention-days': { type: 'string' },
  'retention-min-events': { type: 'string' },
  'retention-max-events': { type: 'string' },
  'http-headers-timeout': { type: 'string' },
  'http-request-timeout': { type: 'string' },
  'metrics-open-on-loopback': { type: 'boolean' },
  'log-level': { type: 'string' },
  'access-log': { type: 'boolean' },
  veezi: { type: 'string' },
  'veezi-token-file': { type: 'string' },
  'veezi-poll': { type: 'string' },
  ...MEDIA_OPTIONS,
} as const;

/** Config-file values that name files: relative ones are read beside the config file. */
const PATH_KEYS = new Set([
  'data',
  'upstream-ca',
  'upstream-token-file',
  'display-token-file',
  'veezi-token-file',
]);

export function parseServeFlags(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const flags = parseFlags(ServeFlags, args, SERVE_OPTIONS, (values) => {
    const fromFile =
      typeof values['config'] === 'string'
        ? mergeConfig(values, readConfigFile(values['config'], SERVE_OPTIONS, PATH_KEYS))
        : undefined;
    // A token in the environment stays out of `ps` and shell history.
    const envToken = env['MARQUEE_UPSTREAM_TOKEN'];
    const tokenGiven = values['upstream-token'] !== undefined || values['upstream-token-file'] !== undefined;
    if (!tokenGiven && envToken && values['upstream'] !== undefined) {
      values['upstream-token'] = envToken;
    }
    const envDisplayToken = env['MARQUEE_DISPLAY_TOKEN'];
    const displayGiven = values['display-token'] !== undefined || values['display-token-file'] !== undefined;
    if (!displayGiven && envDisplayToken) values['display-token'] = envDisplayToken;
    return fromFile;
  });
  const { upstream, 'upstream-token': token, 'upstream-header': headers } = flags;
  if (!upstream && (token !== undefined || headers.length > 0)) {
    throw new UsageError('--upstream-token and --upstream-header need --upstream');
  }
  if (!upstream && flags['upstream-max-event-mib'] !== undefined) {
    throw new UsageError('--upstream-max-event-mib needs --upstream');
  }
  checkTuning(flags);
  const media = mediaLimitsOf(flags);
  if (media.problem) throw new UsageError(media.problem);
  const veezi = veeziFlags(flags, env);
  let ca: string[] | undefined;
  if (flags['upstream-ca'] !== undefined) {
    try {
      ca = readCaFile(flags['upstream-ca']);
    } catch (err) {
      if (err instanceof CaFileError) throw new UsageError(`--upstream-ca: ${err.message}`);
      throw err;
    }
  }
  return { ...flags, ca, veeziOptions: veezi, mediaLimits: media.limits };
}

/** The Veezi source the flags ask for: one upstream source, and a token that can be read now. */
function veeziFlags(flags: z.output<typeof ServeFlags>, env: NodeJS.ProcessEnv): VeeziOptions | undefined {
  const { veezi: url, 'veezi-token-file': tokenFile } = flags;
  if (!url) {
    if (tokenFile !== undefined || flags['veezi-poll'] !== undefined)
      throw new UsageError('--veezi-token-file and --veezi-poll need --veezi');
    return undefined;
  }
  if (flags.upstream) throw new UsageError('--veezi and --upstream: a hub follows one upstream source');
  const envToken = env['MARQUEE_VEEZI_TOKEN'];
  const options: VeeziOptions = {
    url,
    pollMs: (flags['veezi-poll'] ?? 30) * 1000,
    ...(tokenFile !== undefined ? { tokenFile: resolve(tokenFile) } : envToken ? { token: envToken } : {}),
  };
  try {
    readToken(options);
  } catch (err) {
    throw new CommandError(`--veezi: ${(err as Error).message}`);
  }
  return options;
}

/** `marquee serve`: the hub, headless, until SIGINT or SIGTERM. */
export async function serve(args: string[]): Promise<void> {
  const flags = parseServeFlags(args);
  const adminPassword = process.env['MARQUEE_ADMIN_PASSWORD'];
  const problem = adminPassword ? passwordProblem(adminPassword) : undefined;
  if (problem) throw new CommandError(`MARQUEE_ADMIN_PASSWORD ${problem}`);
  const log = createLogger(undefined, flags['log-level']);
  const tuning = tuningOf(flags, log);
  const dataDir = resolve(flags.data ?? defaultDataDir(process.env, process.platform, homedir()));
  process.stdout.write(`Marquee data folder: ${dataDir}\n`);
  const hub = await startHub({
    dataDir,
    port: flags.port,
    host: flags.host,
    demo: flags.demo,
    requireHealthy: flags['require-healthy'],
    allowedHosts: flags['allow-host'],
    ...(adminPassword && { adminPassword }),
    streams: {
      ...(flags['max-clients'] !== undefined && { maxClients: flags['max-clients'] }),
      ...(flags['max-clients-per-address'] !== undefined && {
        maxClientsPerAddress: flags['max-clients-per-address'],
      }),
    },
    ...(flags['display-token'] && { displayToken: flags['display-token'] }),
    ...(flags.ca && { ca: flags.ca }),
    posters: { allowHosts: flags['poster-allow-host'] },
    media: flags.mediaLimits,
    ...(flags.veeziOptions && { veezi: flags.veeziOptions }),
    ...tuning.hub,
    accessLog: flags['access-log'],
    ...(flags.upstream && {
      upstream: {
        ...tuning.upstream,
        url: flags.upstream,
        ...(flags['upstream-token'] && { token: flags['upstream-token'] }),
        headers: Object.fromEntries(flags['upstream-header']),
        ...(flags['upstream-max-event-mib'] !== undefined && {
          maxEventBytes: flags['upstream-max-event-mib'] * 1024 * 1024,
        }),
      },
    }),
    log,
  }).catch((err: unknown) => {
    const line = startupFailure(err, { host: flags.host, port: flags.port, dataDir });
    throw line === undefined ? err : new CommandError(line);
  });
  if (flags.host !== '127.0.0.1' && flags.host !== 'localhost') {
    log.warn('listening beyond loopback: the admin API needs its password or a token', {
      host: flags.host,
      screens:
        flags['display-token'] || flags['display-token-file']
          ? 'need the display token'
          : 'open to anyone on the network',
    });
  }
  const stop = (signal: string) => {
    log.info('shutting down', { signal });
    hub.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', { error: String(err) });
        process.exit(1);
      },
    );
  };
  // Before the line below: whoever starts us may signal the moment it reads it, and a
  // signal that arrives before a handler exists kills the process without a clean close.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(`Marquee hub listening on ${hub.url}\n`);
}
