/**
 * The targets, checked against a run's results. Each goal says what
 * was measured, so a reader sees how close a miss was.
 */
import type { BenchResults } from './bench.ts';

export interface Goal {
  name: string;
  /** Undefined: not measured in this run. */
  met: boolean | undefined;
  detail: string;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const kb = (v: number) => `${(v / 1024).toFixed(1)} KB`;

export function checkGoals(r: Omit<BenchResults, 'goals'>): Goal[] {
  const goals: Goal[] = [];
  const add = (name: string, met: boolean | undefined, detail: string) => goals.push({ name, met, detail });
  const row = (target: string, clients: number) =>
    r.fanOut?.find((f) => f.target === target && f.clients === clients);

  for (const clients of [1_000, 10_000]) {
    const m = row('marquee', clients);
    const bare = row('bare', clients);
    if (!m || !bare) {
      add(`fan-out ${clients}`, undefined, 'not measured');
      continue;
    }
    const p50 = m.delivery.latency.p50 / bare.delivery.latency.p50;
    add(
      `fan-out ${clients}: p50 ≤ 1.25× bare`,
      p50 <= 1.25,
      `${p50.toFixed(2)}× (${ms(m.delivery.latency.p50)} vs ${ms(bare.delivery.latency.p50)})`,
    );
    const rss = m.rssPerClient / bare.rssPerClient;
    add(
      `fan-out ${clients}: RSS/client ≤ 1.15× bare`,
      rss <= 1.15,
      `${rss.toFixed(2)}× (${kb(m.rssPerClient)} vs ${kb(bare.rssPerClient)})`,
    );
    add(
      `fan-out ${clients}: every event delivered`,
      m.delivery.delivered === m.delivery.expected && m.connected === clients,
      `${m.delivery.delivered}/${m.delivery.expected} to ${m.connected}/${clients} streams`,
    );
    const bsse = row('better-sse', clients);
    if (clients === 10_000 && bsse) {
      const half = m.rssPerClient / bsse.rssPerClient;
      add(
        'fan-out 10000: RSS/client ≤ ½ better-sse',
        half <= 0.5,
        `${half.toFixed(2)}× (${kb(m.rssPerClient)} vs ${kb(bsse.rssPerClient)})`,
      );
    }
  }

  if (r.burst) {
    const { delivery: d, committed, changes, via } = r.burst;
    add(
      'burst: every event delivered, in order',
      d.expected > 0 && d.delivered === d.expected && d.outOfOrder === 0 && committed === changes,
      `${d.delivered}/${d.expected} deliveries, ${d.outOfOrder} out of order, ${committed}/${changes} committed (via ${via})`,
    );
    add('burst: p99 < 250 ms', d.latency.p99 < 250, `p99 ${ms(d.latency.p99)}, max ${ms(d.latency.max)}`);
  } else add('burst', undefined, 'not measured');

  if (r.burstContended) {
    const { delivery: d, committed, changes, burners } = r.burstContended;
    add(
      `burst beside ${burners} CPU burners: every event delivered, in order`,
      d.expected > 0 && d.delivered === d.expected && d.outOfOrder === 0 && committed === changes,
      `${d.delivered}/${d.expected} deliveries, ${d.outOfOrder} out of order, ${committed}/${changes} committed`,
    );
    // A lobby screen a second behind is still on time; per-chunk commits were 20–47 s behind here.
    add(
      `burst beside ${burners} CPU burners: p99 < 1 s`,
      d.latency.p99 < 1_000,
      `p50 ${ms(d.latency.p50)}, p99 ${ms(d.latency.p99)}, max ${ms(d.latency.max)}`,
    );
  } else add('burst under CPU contention', undefined, 'not measured');

  if (r.replay) {
    const p = r.replay;
    const worst = Math.max(p.first.ms, p.maxMs);
    const exact = p.first.exact && p.trials.every((t) => t.exact);
    add(
      `replay of ${p.missed} < 300 ms (worst trial)`,
      worst < 300 && exact,
      `first ${ms(p.first.ms)}, median ${ms(p.medianMs)}, worst ${ms(worst)}${exact ? '' : ', NOT exact'}`,
    );
  } else add('replay', undefined, 'not measured');

  if (r.replayFlood) {
    const f = r.replayFlood;
    const grew = (f.rssPeak - f.rssBefore) / 2 ** 20;
    // Against the same probe in the quiet second before, so the machine's own load is not counted.
    const stall = f.probe.max - f.quietMax;
    add(
      'replay flood: stalls < 100 ms beyond quiet, RSS grows < 64 MiB',
      stall < 100 && grew < 64,
      `health max ${ms(f.probe.max)} (quiet ${ms(f.quietMax)}), RSS +${grew.toFixed(0)} MiB with ${f.clients} streams`,
    );
  } else add('replay flood', undefined, 'not measured');

  if (r.startup) add('start-up < 500 ms', r.startup.medianMs < 500, `median ${ms(r.startup.medianMs)}`);
  else add('start-up', undefined, 'not measured');

  if (r.board?.status === 'measured') {
    add('board: first render < 1 s', r.board.firstRenderMs < 1000, ms(r.board.firstRenderMs));
    add(
      // Issue 14's figure: a seat sale costs at most 2 ms of script+style+layout.
      'board: <= 2 ms per availability event',
      r.board.perEventMs <= 2,
      `${ms(r.board.perEventMs)} script+style+layout`,
    );
  } else add('board', undefined, r.board?.status === 'skipped' ? r.board.reason : 'not measured');
  return goals;
}
