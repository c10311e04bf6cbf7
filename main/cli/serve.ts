import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startHub } from '../hub.ts';
import { createLogger } from '../log.ts';
import { UsageError, flagProblems, intFlag, portFlag } from './flags.ts';

export const SERVE_USAGE = `marquee serve --data DIR [--port N] [--host ADDR] [--demo]
                     [--allow-host NAME]... [--max-clients N] [--max-clients-per-address N]

  --data DIR          folder for the database and posters (created if missing)
  --port N            TCP port; 0 picks a free one (default 4747)
  --host ADDR         address to bind (default 127.0.0.1, loopback only)
  --demo              seed a demo multiplex on first run
  --allow-host NAME   another host name the admin API answers to (LAN name); repeatable
  --max-clients N     most event streams at once (default 10000)
  --max-clients-per-address N   most event streams from one address (default 50)

  First-run admin password: MARQUEE_ADMIN_PASSWORD.`;

const ServeFlags = z.object({
  data: z.string({ error: 'is required' }).min(1, 'is required'),
  port: portFlag.default(4747),
  host: z
    .string()
    .refine((h) => isIP(h) !== 0 || h === 'localhost', 'must be an IP address or localhost')
    .default('127.0.0.1'),
  demo: z.boolean().default(false),
  'allow-host': z.array(z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a host name')).default([]),
  'max-clients': intFlag(1, 1_000_000).optional(),
  'max-clients-per-address': intFlag(1, 1_000_000).optional(),
});

export function parseServeFlags(args: string[]) {
  let values: unknown;
  try {
    values = parseArgs({
      args,
      strict: true,
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        demo: { type: 'boolean' },
        'allow-host': { type: 'string', multiple: true },
        'max-clients': { type: 'string' },
        'max-clients-per-address': { type: 'string' },
      },
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const parsed = ServeFlags.safeParse(values);
  if (!parsed.success) throw new UsageError(flagProblems(parsed.error));
  return parsed.data;
}

/** `marquee serve`: the hub, headless, until SIGINT or SIGTERM. */
export async function serve(args: string[]): Promise<void> {
  const flags = parseServeFlags(args);
  const log = createLogger();
  const hub = await startHub({
    dataDir: resolve(flags.data),
    port: flags.port,
    host: flags.host,
    demo: flags.demo,
    allowedHosts: flags['allow-host'],
    ...(process.env['MARQUEE_ADMIN_PASSWORD'] && { adminPassword: process.env['MARQUEE_ADMIN_PASSWORD'] }),
    streams: {
      ...(flags['max-clients'] !== undefined && { maxClients: flags['max-clients'] }),
      ...(flags['max-clients-per-address'] !== undefined && {
        maxClientsPerAddress: flags['max-clients-per-address'],
      }),
    },
    log,
  });
  if (flags.host !== '127.0.0.1' && flags.host !== 'localhost') {
    log.warn('listening beyond loopback: the admin API needs its password or a token', { host: flags.host });
  }
  process.stdout.write(`Marquee hub listening on ${hub.url}\n`);
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
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
