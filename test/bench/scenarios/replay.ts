/**
 * Item 3, replay: a screen that missed `missed` events reconnects with its
 * Last-Event-ID; time from opening the connection until the last event is in.
 * The data folder is prepared in-process with Marquee's store (the demo
 * venue plus `missed` + 2,000 seat sales), then served by `marquee serve`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoVenue } from '../../../main/demo/seed.ts';
import { Store } from '../../../main/store/store.ts';
import { eventIdPrefix } from '../lib/event-ids.ts';
import type { LoadGen } from '../lib/loadgen-client.ts';
import { sellSeats } from '../lib/seed.ts';
import { startTarget } from '../lib/targets.ts';

export interface ReplayConfig {
  /** Events the screen missed. */
  missed: number;
  trials: number;
}

export interface ReplayTrial {
  ms: number;
  frames: number;
  /** Every missed event once, in order, and no snapshot. */
  exact: boolean;
}

export interface ReplayResult {
  missed: number;
  /** The first reconnect after the hub started. */
  first: ReplayTrial;
  /** Later reconnects, each for a different range (no cached frame). */
  trials: ReplayTrial[];
  medianMs: number;
  maxMs: number;
  /** The same range again: the frame kept for a reconnect storm. */
  cachedMs: number;
}

export async function replay(
  o: ReplayConfig & { loadgen: LoadGen; log: (line: string) => void },
): Promise<ReplayResult> {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-bench-replay-'));
  try {
    mkdirSync(join(dir, 'posters'));
    const store = Store.open({ file: join(dir, 'marquee.db') });
    seedDemoVenue(store, join(dir, 'posters'), { now: Date.now() });
    sellSeats(store, o.missed + 2_000);
    store.close();

    const hub = await startTarget('marquee', { demo: false, dataDir: dir });
    try {
      const prefix = await eventIdPrefix(hub.server.url);
      let lastSeq = 0;
      const trial = async (fresh = true): Promise<ReplayTrial> => {
        if (fresh) lastSeq = (await hub.sell(0)).seq;
        const r = await o.loadgen.replay({
          port: hub.server.port,
          prefix,
          lastSeq: lastSeq - o.missed,
          untilSeq: lastSeq,
        });
        return {
          ms: r.ms,
          frames: r.frames,
          exact: r.consecutive && !r.sawSnapshot && r.frames === o.missed,
        };
      };
      const first = await trial();
      const trials: ReplayTrial[] = [];
      for (let i = 0; i < o.trials; i++) trials.push(await trial());
      const cached = await trial(false);
      const sorted = trials.map((t) => t.ms).sort((a, b) => a - b);
      const result: ReplayResult = {
        missed: o.missed,
        first,
        trials,
        medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN,
        maxMs: sorted.at(-1) ?? NaN,
        cachedMs: cached.ms,
      };
      o.log(
        `replay of ${o.missed}: first ${first.ms.toFixed(1)} ms, median ${result.medianMs.toFixed(1)} ms, ` +
          `cached ${cached.ms.toFixed(1)} ms`,
      );
      return result;
    } finally {
      await hub.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
