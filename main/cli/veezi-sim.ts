import { resolve } from 'node:path';
import { z } from 'zod';
import { FAULT_KINDS } from '../veezi-sim/faults.ts';
import { DEFAULT_SIM_TOKEN, startVeeziSimServer } from '../veezi-sim/server.ts';
import { SimDataError } from '../veezi-sim/sim-file.ts';
import { CommandError, hostFlag, intFlag, numberFlag, parseFlags, portFlag } from './flags.ts';
import { simStartFailure, stopOnSignal } from './sim-process.ts';

export const VEEZI_SIM_USAGE = `marquee veezi-sim [--port N] [--host ADDR] [--seed S] [--days N] [--rate R] [--data DIR]
                  [--token T] [--fault KIND]… [--fault-rate P] [--fault-path PATH]… [--retry-after S] [--slow-ms N]

  A stand-alone Veezi API for demos and tests: an eight-screen cinema in
  "AUS Eastern Standard Time" selling seats, adding and withdrawing sessions,
  answering /v1/site, /v1/screen, /v4/film, /v1/session, /v1/websession,
  /v1/attribute and /v1/filmpackage as Veezi does.

  --port N          TCP port; 0 picks a free one (default 7002)
  --host ADDR       address to bind (default 127.0.0.1)
  --seed S          seed for every random choice; the same seed and clock repeat a run (default: random, printed)
  --days N          venue days listed, today included; the last is Planned (default 4)
  --rate R          pace of seat sales, 1 is a busy independent cinema (default 1)
  --data DIR        keep the state in DIR, so a restart continues the same history (default: in memory)
  --token T         the VeeziAccessToken requests must send (default: $MARQUEE_VEEZI_TOKEN, else "${DEFAULT_SIM_TOKEN}")
  --fault KIND      answer with a fault: ${FAULT_KINDS.join(', ')}; repeatable, drawn evenly (default none)
  --fault-rate P    share of requests that get a fault, 0–1 (default 1)
  --fault-path PATH only this route gets faults, e.g. /v1/session or /media/:id; repeatable (default every API route)
  --retry-after S   seconds a 429 asks for (default 30)
  --slow-ms N       how late a slow answer is (default 10000)`;

const VeeziSimFlags = z.object({
  port: portFlag.default(7002),
  host: hostFlag.default('127.0.0.1'),
  seed: intFlag(0, 2 ** 32 - 1).optional(),
  days: intFlag(2, 14).default(4),
  rate: numberFlag(0.01, 1000).default(1),
  data: z.string().min(1).optional(),
  token: z
    .string()
    .min(1, 'must not be empty')
    .refine((t) => /^[\x21-\x7e]+$/.test(t), 'must be printable ASCII without spaces')
    .optional(),
  fault: z.array(z.enum(FAULT_KINDS, { message: `must be one of ${FAULT_KINDS.join(', ')}` })).default([]),
  'fault-rate': numberFlag(0, 1).default(1),
  'fault-path': z.array(z.string().regex(/^\//, 'must be a route path such as /v1/session')).default([]),
  'retry-after': intFlag(0, 86_400).default(30),
  'slow-ms': intFlag(0, 600_000).default(10_000),
});

export function parseVeeziSimFlags(args: string[]) {
  return parseFlags(VeeziSimFlags, args, {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    days: { type: 'string' },
    rate: { type: 'string' },
    data: { type: 'string' },
    token: { type: 'string' },
    fault: { type: 'string', multiple: true },
    'fault-rate': { type: 'string' },
    'fault-path': { type: 'string', multiple: true },
    'retry-after': { type: 'string' },
    'slow-ms': { type: 'string' },
  });
}

/** `marquee veezi-sim`: the simulated Veezi API, until SIGINT or SIGTERM. */
export async function veeziSim(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const flags = parseVeeziSimFlags(args);
  const seed = flags.seed ?? Math.floor(Math.random() * 2 ** 32);
  const token = flags.token ?? (env.MARQUEE_VEEZI_TOKEN || undefined);
  const sim = await startVeeziSimServer({
    port: flags.port,
    host: flags.host,
    seed,
    days: flags.days,
    rate: flags.rate,
    ...(flags.data && { dataDir: resolve(flags.data) }),
    token: token ?? DEFAULT_SIM_TOKEN,
    faults: {
      kinds: flags.fault,
      rate: flags['fault-rate'],
      ...(flags['fault-path'].length > 0 && { paths: flags['fault-path'] }),
      retryAfterSeconds: flags['retry-after'],
      slowMs: flags['slow-ms'],
    },
  }).catch((err: unknown) => {
    throw err instanceof SimDataError ? new CommandError(err.message) : simStartFailure(err, flags);
  });
  stopOnSignal('veezi-sim', () => sim.close());
  const faults = flags.fault.length > 0 ? `, faults ${flags.fault.join('+')} at ${flags['fault-rate']}` : '';
  const tokenSource = flags.token ? '--token' : token ? 'MARQUEE_VEEZI_TOKEN' : `"${DEFAULT_SIM_TOKEN}"`;
  process.stdout.write(
    `Marquee veezi-sim listening on ${sim.url} (seed ${seed}, token ${tokenSource}, ${sim.sim.timeZone}${faults})\n`,
  );
}
