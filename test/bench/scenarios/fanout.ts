/**
 * Item 1, fan-out: one availability change through each server's change
 * route (so it passes a SQLite commit) until every stream has it, at each
 * client count, for Marquee and the three peers in the same run. Targets are
 * interleaved per size so they see the same machine conditions.
 */
import { sleep } from '../lib/clock.ts';
import type { Delivery, LoadGen } from '../lib/loadgen-client.ts';
import { cpuMs, rssBytes } from '../lib/proc.ts';
import { type TargetName, startTarget } from '../lib/targets.ts';

export interface FanOutConfig {
  /** Client counts. */
  sizes: number[];
  /** Changes measured per server and size. */
  rounds: (clients: number) => number;
  /** The polling peer's interval. */
  pollMs: number;
  /** Quiet time before reading RSS. */
  settleMs: number;
}

export interface FanOutOptions extends FanOutConfig {
  loadgen: LoadGen;
  targets: readonly TargetName[];
  log: (line: string) => void;
}

export interface FanOutResult {
  target: TargetName;
  clients: number;
  connected: number;
  rounds: number;
  delivery: Delivery;
  /** Server RSS before any stream, bytes. */
  rssBaseline: number;
  /** After every stream had its snapshot and the server went quiet. */
  rssConnected: number;
  /** After the measured changes. */
  rssAfter: number;
  /** (rssAfter − rssBaseline) / connected, bytes. */
  rssPerClient: number;
  /** Server CPU time per change while measuring. */
  cpuMsPerChange: number;
  /** Opening every stream and delivering its snapshot. */
  connectMs: number;
}

export async function fanOut(o: FanOutOptions): Promise<FanOutResult[]> {
  const results: FanOutResult[] = [];
  for (const clients of o.sizes) {
    for (const name of o.targets) {
      const r = await fanOutOne(o, name, clients);
      results.push(r);
      const { p50, p99 } = r.delivery.latency;
      o.log(
        `fan-out ${name} × ${clients}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ` +
          `${r.delivery.delivered}/${r.delivery.expected} delivered, ${(r.rssPerClient / 1024).toFixed(1)} KB/client`,
      );
    }
  }
  return results;
}

async function fanOutOne(o: FanOutOptions, name: TargetName, clients: number): Promise<FanOutResult> {
  const target = await startTarget(name, { maxClients: Math.max(20_000, clients * 2), pollMs: o.pollMs });
  try {
    const pid = target.server.pid;
    // Warm the change path (JIT, statement caches) before the baseline.
    let last = { seq: 0, sentAt: 0 };
    for (let i = 0; i < 20; i++) last = await target.sell(i);
    await sleep(o.settleMs);
    const rssBaseline = rssBytes(pid);
    const conn = await o.loadgen.connect({ port: target.server.port, count: clients });
    if (conn.ok < clients)
      o.log(`  ${name}: only ${conn.ok}/${clients} streams opened ${JSON.stringify(conn.statuses)}`);
    await sleep(o.settleMs);
    const rssConnected = rssBytes(pid);

    const rounds = o.rounds(clients);
    await o.loadgen.measure(last.seq, rounds);
    const sendTimes = new Float64Array(rounds).fill(NaN);
    const waitMs = (name === 'polling' ? 2 * o.pollMs : 0) + 5_000 + clients;
    const cpuBefore = cpuMs(pid);
    for (let r = 0; r < rounds; r++) {
      const sale = await target.sell(r);
      const index = sale.seq - last.seq - 1;
      if (index >= 0 && index < rounds) sendTimes[index] = sale.sentAt;
      await o.loadgen.waitComplete(index, waitMs);
      // A random pause, so changes do not fall in step with any timer in the server;
      // for the polling peer, anywhere in its interval, or each change would come just
      // after the poll that delivered the last one and wait a whole interval.
      await sleep(name === 'polling' ? Math.random() * o.pollMs : 20 + Math.random() * 60);
    }
    const cpuMsPerChange = (cpuMs(pid) - cpuBefore) / rounds;
    await sleep(o.settleMs);
    const rssAfter = rssBytes(pid);
    const delivery = await o.loadgen.results(sendTimes);
    await o.loadgen.closeStreams();
    return {
      target: name,
      clients,
      connected: conn.ok,
      rounds,
      delivery,
      rssBaseline,
      rssConnected,
      rssAfter,
      rssPerClient: conn.ok ? (rssAfter - rssBaseline) / conn.ok : NaN,
      cpuMsPerChange,
      connectMs: conn.ms,
    };
  } finally {
    await target.stop();
  }
}
