import { statSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { UpstreamState } from '../domain/status.ts';
import type { Status } from '../domain/status.ts';
import type { RelayStats } from '../relay/upstream-options.ts';
import type { Broadcaster } from '../sse/broadcaster.ts';
import type { EventStream } from '../sse/event-stream.ts';
import type { DisplayRegistry } from '../store/display-registry.ts';
import type { Store } from '../store/store.ts';

/** Numbers a polling source (Veezi) reports from its `stats()`, each a counter since start. */
/** A poller's counters by name; one it does not know yet (`undefined`) is left out. */
export type PollStats = Readonly<Record<string, number | undefined>>;

/** What the hub's metrics read; every value is read at scrape time, none on the hot path. */
export interface MetricSources {
  readonly store: Store;
  /** The database file; its `-wal` sibling is measured. */
  readonly databaseFile: string;
  readonly broadcaster: Broadcaster;
  readonly events: EventStream;
  readonly displays: DisplayRegistry;
  status(): Status;
  /** The relay's counters; undefined without an upstream feed. */
  relayStats?(): RelayStats;
  now?: () => number;
}

/** Fan-out buckets, seconds: the coalescing window is 5 ms, a board redraw about 16. */
const FAN_OUT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** A counter whose value is a running total kept elsewhere (read at scrape time). */
function totalCounter(registry: Registry, name: string, help: string, total: () => number | undefined) {
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const value = total();
      this.reset();
      if (value !== undefined) this.inc(value);
    },
  });
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    // No WAL yet (or just checkpointed away): nothing waits to be folded back.
    return 0;
  }
}

/**
 * The hub's Prometheus metrics, in a registry of their own (several hubs may
 * share a process in tests). Each value comes from a counter the part keeps
 * anyway; the only work added to the fan-out path is one histogram
 * observation per flush (not per client or event).
 */
export class HubMetrics {
  readonly registry = new Registry();
  #committed = 0;
  #poll: (() => PollStats) | undefined;

  constructor(sources: MetricSources) {
    const r = this.registry;
    const now = sources.now ?? Date.now;
    collectDefaultMetrics({ register: r });
    sources.store.onCommit((logged) => {
      this.#committed += logged.length;
    });

    new Gauge({
      name: 'marquee_streams_open',
      help: 'Event streams open now, live or being sent their replay.',
      registers: [r],
      collect() {
        this.set(sources.broadcaster.size);
      },
    });
    totalCounter(
      r,
      'marquee_streams_dropped_total',
      'Event streams dropped for not reading.',
      () => sources.broadcaster.dropped,
    );
    totalCounter(
      r,
      'marquee_events_committed_total',
      'Events committed to the event log.',
      () => this.#committed,
    );
    totalCounter(
      r,
      'marquee_events_broadcast_total',
      'Events written to the live streams (once per event, whatever the number of clients).',
      () => sources.broadcaster.broadcastEvents,
    );
    const fanOut = new Histogram({
      name: 'marquee_fanout_seconds',
      help: 'From a commit to the write to the last open stream.',
      buckets: FAN_OUT_BUCKETS,
      registers: [r],
    });
    sources.broadcaster.onFanOut = (seconds) => fanOut.observe(seconds);
    totalCounter(
      r,
      'marquee_stream_replays_total',
      'Streams that resumed with a replay of missed events.',
      () => sources.events.stats().replays,
    );
    totalCounter(
      r,
      'marquee_stream_snapshots_total',
      'Streams sent a full snapshot.',
      () => sources.events.stats().snapshots,
    );

    new Gauge({
      name: 'marquee_upstream_state',
      help: 'The relay state: 1 for the current one.',
      labelNames: ['state'],
      registers: [r],
      collect() {
        const { upstream } = sources.status();
        for (const state of UpstreamState.options) this.set({ state }, state === upstream ? 1 : 0);
      },
    });
    new Gauge({
      name: 'marquee_upstream_lag_seconds',
      help: 'Now minus the time of the last upstream event applied (NaN before the first).',
      registers: [r],
      collect() {
        const at = sources.status().lastUpstreamEventAt;
        this.set(at === null ? NaN : (now() - Date.parse(at)) / 1000);
      },
    });
    const relay = () => sources.relayStats?.();
    totalCounter(
      r,
      'marquee_relay_attempts_total',
      'Attempts to connect to the upstream.',
      () => relay()?.attempts,
    );
    totalCounter(
      r,
      'marquee_relay_reconnects_total',
      'Waits scheduled before another upstream attempt.',
      () => relay()?.retries,
    );
    totalCounter(r, 'marquee_relay_bytes_total', 'Upstream body bytes received.', () => relay()?.bytes);
    totalCounter(
      r,
      'marquee_relay_events_applied_total',
      'Upstream events whose changes were committed.',
      () => relay()?.applied,
    );
    totalCounter(
      r,
      'marquee_relay_events_skipped_total',
      'Upstream events left out (bad shape, unknown type, refused).',
      () => relay()?.skipped,
    );

    const poll = () => this.#poll?.();
    new Gauge({
      name: 'marquee_poll',
      help: "A polling source's counters (its stats()), by name; absent without one.",
      labelNames: ['stat'],
      registers: [r],
      collect() {
        this.reset();
        for (const [stat, value] of Object.entries(poll() ?? {}))
          if (value !== undefined) this.set({ stat }, value);
      },
    });

    new Gauge({
      name: 'marquee_event_log_rows',
      help: 'Events held in the log for replay.',
      registers: [r],
      collect() {
        try {
          this.set(sources.store.log.count());
        } catch {
          this.reset(); // storage failures are counted (and /api/health says why)
        }
      },
    });
    new Gauge({
      name: 'marquee_database_wal_bytes',
      help: 'Size of the write-ahead log not yet folded into the database.',
      registers: [r],
      collect() {
        this.set(fileBytes(`${sources.databaseFile}-wal`));
      },
    });
    totalCounter(
      r,
      'marquee_storage_failures_total',
      'Reads and writes the disk refused.',
      () => sources.store.storage.failures,
    );
    new Gauge({
      name: 'marquee_displays',
      help: 'Screens that sent heartbeats, by health state.',
      labelNames: ['state', 'reason'],
      registers: [r],
      collect() {
        this.reset();
        this.set({ state: 'ok', reason: '' }, 0);
        for (const d of sources.displays.list()) {
          const reason = d.health.state === 'stalled' ? d.health.reason : '';
          this.inc({ state: d.health.state, reason });
        }
      },
    });
  }

  /** Registers a polling source's counters (the Veezi poller's `stats()`). */
  pollSource(stats: () => PollStats): void {
    this.#poll = stats;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition format, for a scrape. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
