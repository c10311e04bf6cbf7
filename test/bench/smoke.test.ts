import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import type { BenchResults } from './bench.ts';
import { SMOKE } from './config.ts';
import { BENCH_DIST, PACKAGE_ROOT } from './lib/paths.ts';

/**
 * `npm run bench` at tiny sizes (config.ts SMOKE), exactly as it runs for
 * real: the bench compiled to dist/bench, its own processes, the built hub
 * (`npm test` builds first). Every scenario and the bookkeeping its figures
 * rest on are checked; no timing is asserted.
 */
describe('npm run bench, smoke sizes', () => {
  const out = tempDir('marquee-bench-smoke-');
  let r: BenchResults;

  beforeAll(() => {
    // Type checking is `npm run typecheck`; here the bench only needs compiling.
    execFileSync(process.execPath, [
      join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(PACKAGE_ROOT, 'test', 'bench', 'tsconfig.json'),
      '--noCheck',
    ]);
    execFileSync(process.execPath, [join(BENCH_DIST, 'run.js'), '--smoke', '--out', out.path], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    r = JSON.parse(readFileSync(join(out.path, 'latest-smoke.json'), 'utf8')) as BenchResults;
  }, 300_000);
  afterAll(() => out.remove());

  it('fans out to every stream of Marquee and of the three peers', () => {
    const rounds = SMOKE.fanOut.rounds(SMOKE.fanOut.sizes[0]!);
    expect(r.fanOut?.map((f) => f.target)).toEqual(['marquee', 'bare', 'better-sse', 'polling']);
    for (const f of r.fanOut ?? []) {
      expect(f.connected, f.target).toBe(SMOKE.fanOut.sizes[0]);
      expect(f.delivery.expected, f.target).toBe(f.connected * rounds);
      expect(f.delivery.delivered, f.target).toBe(f.delivery.expected);
      expect(f.delivery.outOfOrder, f.target).toBe(0);
      expect(f.delivery.latency.p50, f.target).toBeGreaterThan(0);
      expect(f.delivery.latency.max, f.target).toBeGreaterThanOrEqual(f.delivery.latency.p99);
      expect(f.rssBaseline, f.target).toBeGreaterThan(10_000_000);
    }
  });

  it('matches every burst change to the hub’s log and delivers it to every stream in order', () => {
    const changes = (SMOKE.burst.rate * SMOKE.burst.durationMs) / 1000;
    expect(r.burst).toMatchObject({ changes, committed: changes, clients: SMOKE.burst.clients });
    expect(r.burst?.delivery).toMatchObject({ expected: changes * SMOKE.burst.clients, outOfOrder: 0 });
    expect(r.burst?.delivery.delivered).toBe(r.burst?.delivery.expected);
    expect(r.burst?.hubCpuPercent).toBeGreaterThan(0);
  });

  it('runs the burst again beside CPU burners, every change committed and delivered in order', () => {
    const c = SMOKE.burstContended;
    const changes = (c.rate * c.durationMs) / 1000;
    expect(r.burstContended).toMatchObject({
      changes,
      committed: changes,
      burners: c.burners,
      clients: c.clients,
    });
    expect(r.burstContended?.delivery).toMatchObject({ expected: changes * c.clients, outOfOrder: 0 });
    expect(r.burstContended?.delivery.delivered).toBe(r.burstContended?.delivery.expected);
    expect(r.goals.find((g) => g.name.startsWith('burst beside'))?.met).toBeTypeOf('boolean');
  });

  it('replays exactly the missed events, and times start-up to a full snapshot', () => {
    expect(r.replay?.first).toMatchObject({ frames: SMOKE.replay.missed, exact: true });
    expect(r.replay?.trials.map((t) => t.exact)).toEqual(Array(SMOKE.replay.trials).fill(true));
    expect(r.startup?.events).toBeGreaterThan(SMOKE.startup.events);
    expect(r.startup?.showtimes).toBeGreaterThan(SMOKE.startup.screens * SMOKE.startup.days);
    expect(r.startup?.trials[0]?.snapshotMs).toBeGreaterThan(r.startup?.trials[0]?.listeningMs ?? Infinity);
  });

  it('floods the hub with streams that never read and probes it throughout', () => {
    const f = r.replayFlood;
    expect(f).toMatchObject({ clients: SMOKE.replayFlood.clients, events: SMOKE.replayFlood.events });
    expect(f?.probe.count).toBeGreaterThan(10);
    expect(f?.probe.max).toBeGreaterThanOrEqual(f?.probe.p99 ?? Infinity);
    expect(f?.rssPeak).toBeGreaterThanOrEqual(f?.rssBefore ?? Infinity);
    // 3,000 events are inside the replay limit: a reader resuming from 1 gets them, not a snapshot.
    expect(f?.reader.firstEvent).toBe('auditorium.upsert');
  });

  it('measures the board in Chromium once it renders showtimes, and says why when not', () => {
    if (r.board?.status === 'measured') {
      expect(r.board.eventsSeen).toBe(SMOKE.board.events);
      expect(r.board.firstRenders).toHaveLength(3);
    } else {
      expect(r.board?.reason).toMatch(/\w/);
    }
    expect(r.goals.find((g) => g.name === 'burst: p99 < 250 ms')?.met).toBeTypeOf('boolean');
  });

  it('costs a Veezi poll with no change and with sales, and times a sale to a screen', () => {
    const v = r.veezi;
    expect(v?.first.events).toBeGreaterThan(v?.showtimes ?? Infinity);
    // The simulator sells at a hundredth of its pace meanwhile: a quiet poll may carry a sale or two.
    expect(v?.unchanged.events).toBeLessThan(SMOKE.veezi.changes);
    expect(v?.changed.events).toBeGreaterThanOrEqual(SMOKE.veezi.changes);
    expect(v?.unchanged.bytes).toBeGreaterThan(10_000);
    expect(v?.saleToScreenMs.samples).toHaveLength(SMOKE.veezi.trials);
  });
});
