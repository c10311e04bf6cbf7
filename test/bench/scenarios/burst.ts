/**
 * Item 2, seat-sale burst: `rate` availability changes per second for
 * `durationMs` to `clients` streams, each committed by the hub. When the
 * built hub can follow an upstream feed (`--upstream`), the changes come
 * from a test feed through the relay, as the issue asks; otherwise from a
 * box-office driver through the admin API, and the result says so.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DriveCommand, DriveResult } from '../load/driver.ts';
import type { BurstRun } from '../upstream/feed.ts';
import { sleep } from '../lib/clock.ts';
import { Histogram, type LatencySummary } from '../lib/histogram.ts';
import { httpJson } from '../lib/http-client.ts';
import { readHubLog } from '../lib/hub-log.ts';
import { ipcCaller } from '../lib/ipc.ts';
import type { Delivery, LoadGen } from '../lib/loadgen-client.ts';
import { type Burners, startBurners } from '../lib/burners.ts';
import { benchScript, marqueeCli } from '../lib/paths.ts';
import { cpuMs, spawnServer } from '../lib/proc.ts';
import { startTarget } from '../lib/targets.ts';

export type BurstSource = 'relay' | 'admin-api';

export interface BurstConfig {
  clients: number;
  /** Changes per second. */
  rate: number;
  durationMs: number;
  /**
   * Processes that each keep a core busy beside the hub during the burst and
   * its catch-up (at most `durationMs` + 15 s), for the contended case.
   * Default 0.
   */
  burners?: number;
}

export interface BurstOptions extends BurstConfig {
  loadgen: LoadGen;
  /** Default `auto`: the relay when the built hub has it. */
  via?: BurstSource | 'auto';
  log: (line: string) => void;
}

export interface BurstResult {
  via: BurstSource;
  clients: number;
  /** CPU-burning processes beside the hub. */
  burners: number;
  /** Changes sent. */
  changes: number;
  /** Changes the hub logged, matched to what was sent, in the order sent. */
  committed: number;
  delivery: Delivery;
  /** CPU time / wall time over the burst and its drain, % of one core. */
  hubCpuPercent: number;
  loadgenCpuPercent: number;
  /** The feed's or the driver's. */
  sourceCpuPercent: number;
  wallMs: number;
  /** Admin API only: due time → reply. */
  apiResponse?: LatencySummary;
  statuses?: Record<string, number>;
}

/** After the last change was committed: time for it to reach every stream. */
const DRAIN_MS = 2_000;
/** Longest wait for a lagging hub to commit what was sent. */
const CATCH_UP_MS = 120_000;
/** How long burners outlive the burst at most: its catch-up, mostly. */
const BURN_AFTER_MS = 15_000;

/** Burners for the burst of `o`, or none. */
const contend = (o: BurstConfig): Burners | undefined =>
  o.burners ? startBurners(o.burners, o.durationMs + BURN_AFTER_MS) : undefined;

/** Whether the built `marquee serve` accepts `--upstream`. */
export function hubHasRelay(): boolean {
  try {
    const serveJs = join(dirname(marqueeCli()), '..', 'dist', 'main', 'cli', 'serve.js');
    return readFileSync(serveJs, 'utf8').includes("'--upstream");
  } catch {
    return false;
  }
}

export function burst(o: BurstOptions): Promise<BurstResult> {
  const via = o.via === undefined || o.via === 'auto' ? (hubHasRelay() ? 'relay' : 'admin-api') : o.via;
  return via === 'relay' ? burstViaRelay(o) : burstViaAdminApi(o);
}

async function burstViaAdminApi(o: BurstOptions): Promise<BurstResult> {
  const hub = await startTarget('marquee');
  const driver = fork(benchScript('load/driver.js'), [], { serialization: 'advanced', execArgv: [] });
  const call = ipcCaller(driver);
  try {
    let last = { seq: 0, sentAt: 0 };
    for (let i = 0; i < 20; i++) last = await hub.sell(i);
    const conn = await o.loadgen.connect({ port: hub.server.port, count: o.clients });
    const total = Math.round((o.rate * o.durationMs) / 1000);
    const slots = total + 1000;
    await o.loadgen.measure(last.seq, slots, { notify: false });
    const burners = contend(o);
    const cpu = cpuMeter(hub.server.pid, o.loadgen.pids, driver.pid ?? 0);
    const command: DriveCommand = {
      url: hub.server.url,
      headers: hub.authHeaders,
      showtimes: hub.showtimes,
      rate: o.rate,
      durationMs: o.durationMs,
      connections: 8,
    };
    const run = await call<DriveResult>({ ...command });
    await sleep(DRAIN_MS);
    const usage = cpu.stop();
    await burners?.stop();
    const sendTimes = new Float64Array(slots).fill(NaN);
    const api = new Histogram();
    let committed = 0;
    for (let i = 0; i < run.total; i++) {
      const seq = run.seqs[i] ?? NaN;
      if (Number.isNaN(seq)) continue;
      api.record((run.answeredAt[i] ?? NaN) - (run.intended[i] ?? NaN));
      const index = seq - last.seq - 1;
      if (index >= 0 && index < slots) {
        sendTimes[index] = run.intended[i] ?? NaN;
        committed++;
      }
    }
    const delivery = await o.loadgen.results(sendTimes);
    await o.loadgen.closeStreams();
    return {
      via: 'admin-api',
      clients: conn.ok,
      burners: o.burners ?? 0,
      changes: run.total,
      committed,
      delivery,
      ...usage,
      apiResponse: api.summary(),
      statuses: run.statuses,
    };
  } finally {
    driver.disconnect();
    await hub.stop();
  }
}

async function burstViaRelay(o: BurstOptions): Promise<BurstResult> {
  const feed = await spawnServer([benchScript('upstream/feed.js')], { ipc: true });
  const call = ipcCaller(feed.child);
  const hub = await startTarget('marquee', { demo: false, args: ['--upstream', feed.url] });
  try {
    const showtimes = await waitForUpstreamState(hub.server.url);
    const conn = await o.loadgen.connect({ port: hub.server.port, count: o.clients });
    const total = Math.round((o.rate * o.durationMs) / 1000);
    const slots = total + 1000;
    const fromSeq = (await httpJson<{ seq: number }>(`${hub.server.url}/api/health`)).json.seq;
    await o.loadgen.measure(fromSeq, slots, { notify: false });
    const burners = contend(o);
    const cpu = cpuMeter(hub.server.pid, o.loadgen.pids, feed.pid);
    const run = await call<BurstRun>({ cmd: 'burst', rate: o.rate, durationMs: o.durationMs });
    // A hub that fell behind is waited for: its late events count, with their lateness.
    const untilSeq = await caughtUp(hub.server.url, fromSeq + run.changes.length);
    await sleep(DRAIN_MS);
    const usage = cpu.stop();
    await burners?.stop();
    // Which hub seq carries which feed event: the hub's own log, matched in order.
    const sendTimes = new Float64Array(slots).fill(NaN);
    let k = 0;
    for (const e of await readHubLog(hub.server.url, fromSeq, untilSeq)) {
      const expected = run.changes[k];
      if (e.event !== 'availability' || !expected) continue;
      const { showtimeId, seatsAvailable } = JSON.parse(e.data) as {
        showtimeId: string;
        seatsAvailable: number;
      };
      if (showtimeId !== expected[0] || seatsAvailable !== expected[1]) continue;
      const index = e.seq - fromSeq - 1;
      if (index >= 0 && index < slots) sendTimes[index] = run.intended[k] ?? NaN;
      k++;
    }
    const delivery = await o.loadgen.results(sendTimes);
    await o.loadgen.closeStreams();
    o.log(
      `  burst via relay: ${showtimes} upstream showtimes, ${k}/${run.changes.length} changes matched in order`,
    );
    return {
      via: 'relay',
      clients: conn.ok,
      burners: o.burners ?? 0,
      changes: run.changes.length,
      committed: k,
      delivery,
      ...usage,
    };
  } finally {
    await hub.stop();
    await feed.stop();
  }
}

/** Waits until the hub's seq reaches `seq` or stops moving for 5 s; returns where it got. */
async function caughtUp(url: string, seq: number): Promise<number> {
  const deadline = performance.now() + CATCH_UP_MS;
  let last = -1;
  let stillSince = performance.now();
  for (;;) {
    const now = (await httpJson<{ seq: number }>(`${url}/api/health`)).json.seq;
    if (now >= seq || performance.now() > deadline) return now;
    if (now !== last) stillSince = performance.now();
    else if (performance.now() - stillSince > 5_000) return now;
    last = now;
    await sleep(100);
  }
}

/** Waits until the hub follows the feed and holds its snapshot; returns how many showtimes it has. */
async function waitForUpstreamState(url: string): Promise<number> {
  for (let i = 0; i < 300; i++) {
    const health = (await httpJson<{ upstream: string }>(`${url}/api/health`)).json;
    if (health.upstream === 'live') {
      const snap = (await httpJson<{ showtimes: unknown[] }>(`${url}/api/snapshot`)).json;
      if (snap.showtimes.length > 0) return snap.showtimes.length;
    }
    await sleep(100);
  }
  throw new Error('the hub never went live on the test feed');
}

/** CPU use of the hub, the load generators and the change source over a span, as % of one core. */
function cpuMeter(hub: number, loadgens: number[], source: number) {
  const start = performance.now();
  const pids = [hub, source, ...loadgens];
  const before = pids.map((pid) => cpuMs(pid));
  return {
    stop() {
      const used = pids.map((pid, i) => cpuMs(pid) - (before[i] ?? 0));
      const wallMs = performance.now() - start - DRAIN_MS;
      const percent = (ms: number) => (100 * ms) / wallMs;
      return {
        hubCpuPercent: percent(used[0] ?? 0),
        sourceCpuPercent: percent(used[1] ?? 0),
        loadgenCpuPercent: percent(used.slice(2).reduce((a, b) => a + b, 0)),
        wallMs,
      };
    },
  };
}
