import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Change, Snapshot } from '../domain/events.ts';
import { DEMO_FILMS } from '../demo/catalog.ts';
import { FeedFile, type FeedEvent, FeedLog, type FileRecord } from './feed-log.ts';
import { SimState } from './sim-state.ts';
import { Simulator } from './simulator.ts';
import { openingChanges, simFilm } from './world.ts';

export interface FeedSimOptions {
  /** Seeds every random choice: the same seed and start time give the same events. */
  seed: number;
  /** Business events (mostly seat sales) per second, on average. Default 2. */
  rate?: number;
  /** Days of shows on sale, today included. Default 3. */
  days?: number;
  /** Folder for the event log; without it the log lives in memory only. Default none. */
  dataDir?: string;
  /** Events kept for `Last-Event-ID` resume. Default 200,000. */
  maxEvents?: number;
  /** Base URL for film posters (`<base>/posters/<id>.svg`). Default: films without posters. */
  posterBase?: string;
  /** Wall clock. Default `Date.now`. */
  now?: () => number;
}

const UPKEEP_EVERY_MS = 60_000;
/** After a pause longer than this (a laptop asleep), the simulation skips ahead instead of catching up. */
const MAX_CATCH_UP_MS = 10_000;

export type FeedListener = (events: readonly FeedEvent[]) => void;

/**
 * The simulated ticketing system: its records, its event log, and the clock
 * that drives sales. Events happen at seeded random moments (a Poisson
 * process at `rate`); upkeep every simulated minute. `runUntil` is the whole
 * engine; `start` merely calls it from a timer.
 */
export class FeedSim {
  readonly state = new SimState();
  readonly log: FeedLog;
  readonly rate: number;
  readonly #sim: Simulator;
  readonly #file: FeedFile | undefined;
  readonly #now: () => number;
  readonly #listeners = new Set<FeedListener>();
  #nextEventAt: number;
  #nextUpkeepAt: number;
  #timer: NodeJS.Timeout | undefined;
  /** Events made since the last flush, in order. */
  #pending: FeedEvent[] = [];

  constructor(options: FeedSimOptions) {
    this.rate = options.rate ?? 2;
    this.#now = options.now ?? Date.now;
    this.#sim = new Simulator(this.state, {
      seed: options.seed,
      ...(options.days && { days: options.days }),
    });
    const start = this.#now();
    const keep = options.maxEvents ?? 200_000;

    let records: FileRecord[] = [];
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      const opened = FeedFile.open(join(options.dataDir, 'feed-sim.jsonl'), keep, (older) =>
        this.#checkpoint(older),
      );
      this.#file = opened.file;
      records = opened.records;
    }
    // A new in-memory run numbers from its start time (×1000), so its ids are
    // above any a hub kept from an earlier run: a restarted simulator is a new
    // history, and a hub resuming with an old id must get a snapshot, not a replay.
    this.log = new FeedLog(records.length > 0 ? 0 : start * 1000, keep);
    for (const record of records) {
      if (record.type === 'snapshot') this.state.load(record.data as Snapshot);
      else {
        this.state.apply({ type: record.type, data: record.data } as Change);
        this.log.restore({ seq: record.seq, type: record.type, json: JSON.stringify(record.data) });
      }
    }
    if (records.length > 0) {
      this.#sim.resumeAt(records.at(-1)!.seq);
      this.#commit(this.#refreshPosters(options.posterBase));
    } else {
      this.#commit(openingChanges(start, this.#sim.days, options.seed, options.posterBase));
    }
    this.#nextEventAt = start + this.#interval();
    this.#nextUpkeepAt = start;
    this.#flush();
  }

  get seq(): number {
    return this.log.seq;
  }

  snapshot(): Snapshot {
    return this.state.snapshot(this.log.seq);
  }

  /** Calls `listener` with every batch of new events. Returns an unsubscribe function. */
  onEvents(listener: FeedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Generates every event due up to time `t`, in time order, as one batch. */
  runUntil(t: number): FeedEvent[] {
    if (t - this.#nextEventAt > MAX_CATCH_UP_MS) this.#nextEventAt = t - MAX_CATCH_UP_MS;
    if (t - this.#nextUpkeepAt > MAX_CATCH_UP_MS) this.#nextUpkeepAt = t;
    while (Math.min(this.#nextEventAt, this.#nextUpkeepAt) <= t) {
      if (this.#nextUpkeepAt <= this.#nextEventAt) {
        this.#commit(this.#sim.upkeep(this.#nextUpkeepAt));
        this.#nextUpkeepAt += UPKEEP_EVERY_MS;
      } else {
        this.#commit(this.#sim.step(this.#nextEventAt));
        this.#nextEventAt += this.#interval();
      }
    }
    return this.#flush();
  }

  /** Makes `changes` happen now, as box-office staff would (demos and tests). Returns their events. */
  inject(changes: readonly Change[]): FeedEvent[] {
    this.#commit(changes);
    return this.#flush();
  }

  /** Runs on real time until `stop()`. */
  start(): void {
    const tick = () => {
      this.runUntil(this.#now());
      const wait = Math.min(this.#nextEventAt, this.#nextUpkeepAt) - this.#now();
      this.#timer = setTimeout(tick, Math.max(1, Math.min(wait, 1_000)));
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  close(): void {
    this.stop();
    this.#file?.close();
    this.#listeners.clear();
  }

  #commit(changes: readonly Change[]): void {
    for (const change of changes) {
      const data = this.state.apply(change);
      this.#pending.push(this.log.append(change.type, JSON.stringify(data)));
    }
  }

  #flush(): FeedEvent[] {
    const events = this.#pending;
    if (events.length === 0) return events;
    this.#pending = [];
    this.#file?.append(events);
    for (const listener of this.#listeners) listener(events);
    return events;
  }

  /** Seconds to the next business event: exponential, as arrivals at a box office are. */
  #interval(): number {
    return (-Math.log(1 - this.#sim.random()) / this.rate) * 1000;
  }

  /** The films again when the poster address changed since the log was written (another port). */
  #refreshPosters(posterBase: string | undefined): Change[] {
    return DEMO_FILMS.flatMap((f): Change[] => {
      const film = simFilm(f, posterBase);
      const held = this.state.films.get(f.id);
      return held && held.posterUrl !== film.posterUrl ? [{ type: 'film.upsert', data: film }] : [];
    });
  }

  #checkpoint(older: readonly FileRecord[]): FileRecord {
    const state = new SimState();
    for (const r of older) {
      if (r.type === 'snapshot') state.load(r.data as Snapshot);
      else state.apply({ type: r.type, data: r.data } as Change);
    }
    const seq = older.at(-1)!.seq;
    return { seq, type: 'snapshot', data: state.snapshot(seq) };
  }
}
