/**
 * Issue 16, following Veezi: what one poll costs the hub (CPU, bytes, events)
 * with no change and with `changes` seat sales, and how long a sale at the
 * box office takes to reach a screen's event stream. The simulator runs in
 * its own process (`marquee veezi-sim`, sales at a hundredth of the pace) so its work is
 * not counted; the hub runs in this process so its poll counters are read
 * directly (`VeeziSource.stats()`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Hub, startHub } from '../../../main/hub.ts';
import { memoryLogger } from '../../../main/log.ts';
import type { VeeziStats } from '../../../main/veezi/veezi-options.ts';
import { marqueeCli } from '../lib/paths.ts';
import { spawnServer } from '../lib/proc.ts';

export interface VeeziConfig {
  /** The hub's poll interval (the CLI's minimum is 5 s). */
  pollMs: number;
  /** Polls measured per case, and sales timed. */
  trials: number;
  /** Seat sales between two polls in the "changes" case. */
  changes: number;
}

export interface PollCost {
  cpuMs: number;
  wallMs: number;
  bytes: number;
  events: number;
}

export interface VeeziResult {
  pollMs: number;
  showtimes: number;
  /** The first poll: the whole cinema into an empty hub. */
  first: PollCost;
  /** Medians over `trials` polls. */
  unchanged: PollCost;
  changed: PollCost & { sold: number };
  /** Sale at the simulator until the `availability` event reaches an SSE client, ms. */
  saleToScreenMs: { median: number; max: number; samples: number[] };
}

const TOKEN = 'veezi-sim';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const costOf = (s: VeeziStats): PollCost => ({
  cpuMs: s.lastPollCpuMs ?? NaN,
  wallMs: s.lastPollMs ?? NaN,
  bytes: s.lastPollBytes,
  events: s.lastPollEvents,
});
const medianCost = (cs: PollCost[]): PollCost => ({
  cpuMs: median(cs.map((c) => c.cpuMs)),
  wallMs: median(cs.map((c) => c.wallMs)),
  bytes: median(cs.map((c) => c.bytes)),
  events: median(cs.map((c) => c.events)),
});

/** Resolves once the hub has finished a poll after the ones counted now (bounded by `limitMs`). */
async function nextPoll(hub: Hub, limitMs: number): Promise<VeeziStats> {
  const seen = hub.veezi!.stats().pollsOk + hub.veezi!.stats().pollsFailed;
  const deadline = performance.now() + limitMs;
  for (;;) {
    const s = hub.veezi!.stats();
    if (s.pollsOk + s.pollsFailed > seen) {
      if (s.pollsOk + s.pollsFailed > seen + 1 || s.pollsFailed > 0) throw new Error('a poll failed');
      return s;
    }
    if (performance.now() > deadline) throw new Error('no poll in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function veezi(o: VeeziConfig & { log: (line: string) => void }): Promise<VeeziResult> {
  const sim = await spawnServer(
    [marqueeCli(), 'veezi-sim', '--port', '0', '--seed', '42', '--rate', '0.01'],
    {
      env: { MARQUEE_VEEZI_TOKEN: TOKEN },
    },
  );
  const dir = mkdtempSync(join(tmpdir(), 'marquee-bench-veezi-'));
  let hub: Hub | undefined;
  const sell = (sessionId: number, seats: number) =>
    fetch(`${sim.url}/_sim/sell`, {
      method: 'POST',
      headers: { VeeziAccessToken: TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ sessionId, seats }),
    }).then((r) => {
      if (r.status !== 200) throw new Error(`sell ${sessionId}: ${r.status}`);
    });
  try {
    const started = startHub({
      dataDir: dir,
      port: 0,
      log: memoryLogger(),
      veezi: { url: sim.url, token: TOKEN, pollMs: o.pollMs },
    });
    hub = await started;
    const limit = o.pollMs * 3 + 10_000;
    const first = costOf(await nextPoll(hub, limit));
    const store = hub.store;
    // Upcoming shows with seats left, the hub's view (what a sale changes).
    const onSale = store.records.showtimes
      .all()
      .filter((s) => Date.parse(s.startsAt) > Date.now() + 3_600_000 && s.seatsAvailable > 2 * o.trials + 2);
    if (onSale.length < o.changes) throw new Error(`only ${onSale.length} shows to sell`);

    const unchanged: PollCost[] = [];
    for (let i = 0; i < o.trials; i++) unchanged.push(costOf(await nextPoll(hub, limit)));

    const changed: PollCost[] = [];
    for (let i = 0; i < o.trials; i++) {
      // Right after a poll, so all the sales land in the next one.
      await nextPoll(hub, limit);
      await Promise.all(onSale.slice(0, o.changes).map((s) => sell(Number(s.externalId), 1)));
      changed.push(costOf(await nextPoll(hub, limit)));
    }

    // A screen's view: the hub's event stream, read raw.
    const abort = new AbortController();
    const res = await fetch(`${hub.url}/events`, { signal: abort.signal });
    const reader = res.body!.getReader();
    let text = '';
    const waitFor = async (needle: string, limitMs: number) => {
      const deadline = performance.now() + limitMs;
      while (!text.includes(needle)) {
        if (performance.now() > deadline) throw new Error(`no ${needle} in time`);
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += new TextDecoder().decode(value);
      }
    };
    await waitFor('event: snapshot', 10_000);
    const samples: number[] = [];
    for (let i = 0; i < o.trials; i++) {
      const show = onSale[i % onSale.length]!;
      const left = store.records.showtimes.get(show.id)!.seatsAvailable - 1;
      text = '';
      // Sales come at any phase of the poll: wait a pseudo-random share of an interval first.
      await new Promise((r) => setTimeout(r, ((i * 0.37) % 1) * o.pollMs));
      const began = performance.now();
      await sell(Number(show.externalId), 1);
      await waitFor(`{"showtimeId":"${show.id}","seatsAvailable":${left}}`, limit);
      samples.push(performance.now() - began);
    }
    abort.abort();
    const result: VeeziResult = {
      pollMs: o.pollMs,
      showtimes: store.records.showtimes.all().length,
      first,
      unchanged: medianCost(unchanged),
      changed: { ...medianCost(changed), sold: o.changes },
      saleToScreenMs: { median: median(samples), max: Math.max(...samples), samples },
    };
    o.log(
      `veezi: poll ${result.unchanged.cpuMs.toFixed(1)} ms CPU unchanged, ${result.changed.cpuMs.toFixed(1)} ms ` +
        `with ${o.changes} sales; sale → stream median ${result.saleToScreenMs.median.toFixed(0)} ms`,
    );
    return result;
  } finally {
    await hub?.close();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
