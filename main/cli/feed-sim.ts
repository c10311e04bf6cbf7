import { resolve } from 'node:path';
import { z } from 'zod';
import { startFeedServer } from '../feed-sim/feed-server.ts';
import { hostFlag, intFlag, numberFlag, parseFlags, portFlag } from './flags.ts';
import { simStartFailure, stopOnSignal } from './sim-process.ts';

export const FEED_SIM_USAGE = `marquee feed-sim [--port N] [--host ADDR] [--seed S] [--rate R] [--days N] [--data DIR]

  A stand-alone venue feed for demos and tests: a busy multiplex selling
  seats, adding and cancelling shows, speaking the same SSE feed as /events.

  --port N      TCP port; 0 picks a free one (default 7001)
  --host ADDR   address to bind (default 127.0.0.1)
  --seed S      seed for every random choice; the same seed repeats a run (default: random, printed)
  --rate R      business events (mostly seat sales) per second, on average (default 2)
  --days N      days of shows on sale, today included (default 3)
  --data DIR    keep the event log in DIR, so a restarted simulator continues the same
                history (default: in memory; a restart is a new history)`;

const FeedSimFlags = z.object({
  port: portFlag.default(7001),
  host: hostFlag.default('127.0.0.1'),
  seed: intFlag(0, 2 ** 32 - 1).optional(),
  rate: numberFlag(0.01, 10_000).default(2),
  days: intFlag(1, 14).default(3),
  data: z.string().min(1).optional(),
});

export function parseFeedSimFlags(args: string[]) {
  return parseFlags(FeedSimFlags, args, {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    rate: { type: 'string' },
    days: { type: 'string' },
    data: { type: 'string' },
  });
}

/** `marquee feed-sim`: the simulated ticketing system, until SIGINT or SIGTERM. */
export async function feedSim(args: string[]): Promise<void> {
  const flags = parseFeedSimFlags(args);
  const seed = flags.seed ?? Math.floor(Math.random() * 2 ** 32);
  const feed = await startFeedServer({
    port: flags.port,
    host: flags.host,
    seed,
    rate: flags.rate,
    days: flags.days,
    ...(flags.data && { dataDir: resolve(flags.data) }),
  }).catch((err: unknown) => {
    throw simStartFailure(err, flags);
  });
  stopOnSignal(
    'feed-sim',
    () => feed.close(),
    () => ({ seq: feed.sim.seq }),
  );
  process.stdout.write(
    `Marquee feed-sim listening on ${feed.eventsUrl} (seed ${seed}, ${flags.rate} events/s, seq ${feed.sim.seq})\n`,
  );
}
