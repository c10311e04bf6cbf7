/**
 * Runs the benchmarks of issue 7 and reports them. `run.ts` is the command
 * line; see docs/benchmarks.md for the method.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchConfig, FULL } from './config.ts';
import { type Goal, checkGoals } from './goals.ts';
import { closeHttpAgent } from './lib/http-client.ts';
import { LoadGen } from './lib/loadgen-client.ts';
import { pinHubBuild, sourceVersion } from './lib/paths.ts';
import { commitCost } from './lib/seed.ts';
import { table } from './lib/table.ts';
import { TARGETS } from './lib/targets.ts';
import { type BoardResult, board } from './scenarios/board.ts';
import { type BurstResult, type BurstSource, burst } from './scenarios/burst.ts';
import { type FanOutResult, fanOut } from './scenarios/fanout.ts';
import { type ReplayFloodResult, replayFlood } from './scenarios/replay-flood.ts';
import { type ReplayResult, replay } from './scenarios/replay.ts';
import { type StartupResult, startup } from './scenarios/startup.ts';
import { type VeeziResult, veezi } from './scenarios/veezi.ts';

export const SCENARIOS = [
  'fanout',
  'burst',
  'burst-contended',
  'replay',
  'replay-flood',
  'startup',
  'board',
  'veezi',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchResults {
  startedAt: string;
  mode: string;
  machine: {
    node: string;
    cpus: number;
    cpuModel: string;
    loadBefore: number[];
    loadAfter: number[];
    /** Median single-change commit (with fsync) in the temp folder, before and after the run, ms. */
    commitMsBefore: number;
    commitMsAfter: number;
  };
  /** The commit measured, and files under main/ and renderer/ that differed from it. */
  source: { commit: string; uncommitted: number };
  durationMs: number;
  fanOut?: FanOutResult[];
  burst?: BurstResult;
  /** The burst again, with CPU-burning processes beside the hub. */
  burstContended?: BurstResult;
  replay?: ReplayResult;
  replayFlood?: ReplayFloodResult;
  startup?: StartupResult;
  board?: BoardResult;
  veezi?: VeeziResult;
  goals: Goal[];
}

export interface BenchOptions {
  /** Default FULL. */
  config?: BenchConfig;
  /** Label in the report and file name. Default `full`. */
  mode?: string;
  /** Default: all. */
  only?: readonly ScenarioName[];
  /** Load-generator processes. Default 1. */
  loadgens?: number;
  /** Where the burst's changes come from. Default `auto`. */
  via?: BurstSource | 'auto';
  /** Progress lines. Default stderr. */
  log?: (line: string) => void;
}

export async function runBench(o: BenchOptions = {}): Promise<BenchResults> {
  const config = o.config ?? FULL;
  const only = new Set(o.only ?? SCENARIOS);
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  const r: Omit<BenchResults, 'goals'> = {
    startedAt: new Date().toISOString(),
    mode: o.mode ?? 'full',
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '',
      loadBefore: loadavg(),
      loadAfter: [],
      commitMsBefore: probeCommit(),
      commitMsAfter: NaN,
    },
    source: sourceVersion(),
    durationMs: 0,
  };
  const unpin = pinHubBuild();
  const loadgen = new LoadGen(o.loadgens ?? 1);
  try {
    if (only.has('fanout')) r.fanOut = await fanOut({ loadgen, targets: TARGETS, log, ...config.fanOut });
    if (only.has('burst')) r.burst = await burst({ loadgen, log, via: o.via ?? 'auto', ...config.burst });
    if (only.has('burst-contended'))
      r.burstContended = await burst({ loadgen, log, via: o.via ?? 'auto', ...config.burstContended });
    if (only.has('replay')) r.replay = await replay({ loadgen, log, ...config.replay });
    if (only.has('replay-flood')) r.replayFlood = await replayFlood({ log, ...config.replayFlood });
    if (only.has('startup')) r.startup = await startup({ log, ...config.startup });
    if (only.has('board')) r.board = await board({ log, ...config.board });
    if (only.has('veezi')) r.veezi = await veezi({ log, ...config.veezi });
  } finally {
    loadgen.close();
    closeHttpAgent();
    unpin();
  }
  r.machine.loadAfter = loadavg();
  r.machine.commitMsAfter = probeCommit();
  r.durationMs = performance.now() - started;
  return { ...r, goals: checkGoals(r) };
}

function probeCommit(): number {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-bench-probe-'));
  try {
    return commitCost(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The tables printed by `npm run bench`. */
export function report(r: BenchResults): string {
  const out: string[] = [];
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  out.push(
    `Marquee bench (${r.mode}) of ${r.source.commit}` +
      (r.source.uncommitted ? ` + ${r.source.uncommitted} uncommitted files` : '') +
      `, ${r.startedAt}, node ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, ` +
      `load ${load(r.machine.loadBefore)} → ${load(r.machine.loadAfter)}, ` +
      `one commit ${r.machine.commitMsBefore.toFixed(2)} → ${r.machine.commitMsAfter.toFixed(2)} ms`,
  );
  if (r.fanOut) {
    out.push('', 'Fan-out: admin-API change until every stream has it (ms); server RSS per stream');
    const rows: (string | number)[][] = [
      [
        'server',
        'clients',
        'p50',
        'p99',
        'max',
        'delivered',
        'KB/client',
        'p50 ×bare',
        'RSS ×bare',
        'CPU ms/change',
      ],
    ];
    for (const f of r.fanOut) {
      const bare = r.fanOut.find((b) => b.target === 'bare' && b.clients === f.clients);
      rows.push([
        f.target,
        f.clients,
        f.delivery.latency.p50,
        f.delivery.latency.p99,
        f.delivery.latency.max,
        `${f.delivery.delivered}/${f.delivery.expected}`,
        f.rssPerClient / 1024,
        bare ? f.delivery.latency.p50 / bare.delivery.latency.p50 : NaN,
        bare ? f.rssPerClient / bare.rssPerClient : NaN,
        f.cpuMsPerChange,
      ]);
    }
    out.push(table(rows));
  }
  if (r.burst) out.push('', ...burstReport(r.burst));
  if (r.burstContended) out.push('', ...burstReport(r.burstContended));
  if (r.replay) {
    const p = r.replay;
    const exact = p.first.exact && p.trials.every((t) => t.exact) ? 'yes' : 'NO';
    out.push('', `Replay: reconnect after ${p.missed} missed events, until the last is in (ms)`);
    out.push(
      table([
        ['first after start', 'median', 'worst', 'same range again', 'exact'],
        [p.first.ms, p.medianMs, p.maxMs, p.cachedMs, exact],
      ]),
    );
  }
  if (r.replayFlood) {
    const f = r.replayFlood;
    const mib = (b: number) => b / 2 ** 20;
    out.push(
      '',
      `Replay flood: ${f.clients} streams that never read, each with an old Last-Event-ID, ` +
        `against ${f.events} logged events (health answer ms; hub RSS MiB)`,
    );
    out.push(
      table([
        [
          'health p50',
          'p99',
          'max (stall)',
          'max when quiet',
          'RSS before',
          'peak',
          'after',
          'a reader gets first',
        ],
        [
          f.probe.p50,
          f.probe.p99,
          f.probe.max,
          f.quietMax,
          mib(f.rssBefore),
          mib(f.rssPeak),
          mib(f.rssAfter),
          `${f.reader.firstEvent ?? 'nothing'} after ${f.reader.firstEventMs.toFixed(0)} ms`,
        ],
      ]),
    );
  }
  if (r.startup) {
    const s = r.startup;
    out.push(
      '',
      `Start-up: ${s.screens} screens, ${s.showtimes} showtimes, ${s.events} events, ` +
        `${(s.dbBytes / 1e6).toFixed(0)} MB database (ms from spawn)`,
    );
    out.push(
      table([
        ['trial', 'listening', 'snapshot served', 'snapshot KB'],
        ...s.trials.map((t, i) => [String(i + 1), t.listeningMs, t.snapshotMs, t.snapshotBytes / 1024]),
      ]),
    );
    out.push(`median ${s.medianMs.toFixed(0)} ms; node -e 0 takes ${s.nodeBootMs.toFixed(0)} ms here`);
  }
  if (r.board) {
    out.push('', 'Board (Chromium, 1920×1080)');
    if (r.board.status === 'measured') {
      out.push(
        table([
          [
            'showtimes',
            'first render ms',
            'per event ms (script+style+layout)',
            'per event CPU ms',
            'per event recalcs / layouts',
            'events seen',
          ],
          [
            r.board.showtimes,
            r.board.firstRenderMs,
            r.board.perEventMs,
            r.board.cpuPerEventMs,
            `${r.board.recalcsPerEvent.toFixed(2)} / ${r.board.layoutsPerEvent.toFixed(2)}`,
            `${r.board.eventsSeen}/${r.board.events}`,
          ],
        ]),
      );
    } else out.push(`not measured: ${r.board.reason}`);
  }
  if (r.veezi) {
    const v = r.veezi;
    out.push(
      '',
      `Veezi: one poll of ${v.showtimes} sessions (hub CPU ms, wall ms, answer KB, events); a poll every ${v.pollMs / 1000} s`,
    );
    out.push(
      table([
        ['poll', 'CPU ms', 'wall ms', 'KB', 'events'],
        ['first (whole cinema)', v.first.cpuMs, v.first.wallMs, v.first.bytes / 1024, v.first.events],
        ['no change', v.unchanged.cpuMs, v.unchanged.wallMs, v.unchanged.bytes / 1024, v.unchanged.events],
        [
          `${v.changed.sold} sales`,
          v.changed.cpuMs,
          v.changed.wallMs,
          v.changed.bytes / 1024,
          v.changed.events,
        ],
      ]),
    );
    out.push(
      `sale at Veezi → event on a screen's stream: median ${v.saleToScreenMs.median.toFixed(0)} ms, ` +
        `max ${v.saleToScreenMs.max.toFixed(0)} ms over ${v.saleToScreenMs.samples.length} sales`,
    );
  }
  out.push('', 'Targets');
  out.push(
    table([
      ['target', 'met', 'measured'],
      ...r.goals.map((g) => [g.name, g.met === undefined ? '—' : g.met ? 'yes' : 'NO', g.detail]),
    ]),
  );
  out.push('', `took ${(r.durationMs / 1000).toFixed(0)} s`);
  return out.join('\n');
}

function burstReport(b: BurstResult): string[] {
  return [
    `Seat-sale burst via ${b.via}: ${b.changes} changes in ${(b.wallMs / 1000).toFixed(0)} s to ${b.clients} streams` +
      (b.burners ? `, ${b.burners} CPU-burning processes beside the hub` : '') +
      ' (latency from when each change was due, ms)',
    table([
      [
        'committed',
        'delivered',
        'out of order',
        'p50',
        'p99',
        'max',
        'hub CPU %',
        'loadgen CPU %',
        'source CPU %',
      ],
      [
        `${b.committed}/${b.changes}`,
        `${b.delivery.delivered}/${b.delivery.expected}`,
        b.delivery.outOfOrder,
        b.delivery.latency.p50,
        b.delivery.latency.p99,
        b.delivery.latency.max,
        b.hubCpuPercent,
        b.loadgenCpuPercent,
        b.sourceCpuPercent,
      ],
    ]),
  ];
}
