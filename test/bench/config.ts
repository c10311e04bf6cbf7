/**
 * Sizes of a full run (the issue's) and of the smoke run inside `npm test`,
 * which exercises every path at tiny sizes so the bench cannot rot.
 */
import type { BoardConfig } from './scenarios/board.ts';
import type { BurstConfig } from './scenarios/burst.ts';
import type { FanOutConfig } from './scenarios/fanout.ts';
import type { ReplayFloodConfig } from './scenarios/replay-flood.ts';
import type { ReplayConfig } from './scenarios/replay.ts';
import type { StartupConfig } from './scenarios/startup.ts';
import type { VeeziConfig } from './scenarios/veezi.ts';

export interface BenchConfig {
  fanOut: FanOutConfig;
  burst: BurstConfig;
  burstContended: BurstConfig;
  replay: ReplayConfig;
  replayFlood: ReplayFloodConfig;
  startup: StartupConfig;
  board: BoardConfig;
  veezi: VeeziConfig;
}

export const FULL: BenchConfig = {
  fanOut: {
    sizes: [100, 1_000, 10_000],
    rounds: (clients) => (clients >= 10_000 ? 15 : 30),
    pollMs: 1_000,
    settleMs: 1_500,
  },
  burst: { clients: 1_000, rate: 1_000, durationMs: 60_000 },
  // One burner per core of the reference machine (2): the hub gets a fraction of a core.
  burstContended: { clients: 100, rate: 1_000, durationMs: 30_000, burners: 2 },
  replay: { missed: 10_000, trials: 5 },
  replayFlood: { events: 1_000_000, clients: 6, holdMs: 10_000 },
  startup: { screens: 20, days: 28, events: 1_000_000, trials: 3 },
  // 80 sales a quarter second apart: 20 s, two whole language turns of the venue (10 s each), so
  // the idle span and the busy one hold as many turns (a turn restyles the whole board).
  board: { showtimes: 300, events: 80 },
  // The CLI's shortest interval: a sale waits half of it on average.
  veezi: { pollMs: 5_000, trials: 10, changes: 50 },
};

export const SMOKE: BenchConfig = {
  fanOut: { sizes: [4], rounds: () => 3, pollMs: 50, settleMs: 50 },
  burst: { clients: 4, rate: 100, durationMs: 500 },
  burstContended: { clients: 4, rate: 100, durationMs: 500, burners: 1 },
  replay: { missed: 150, trials: 2 },
  replayFlood: { events: 3_000, clients: 2, holdMs: 300 },
  startup: { screens: 2, days: 2, events: 500, trials: 1 },
  board: { showtimes: 40, events: 3 },
  veezi: { pollMs: 300, trials: 2, changes: 5 },
};
