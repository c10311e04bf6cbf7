import { type Change, isChangeType, parseChange } from '../domain/events.ts';
import type { Logger } from '../log.ts';
import { StoreError } from '../store/errors.ts';
import type { Store } from '../store/store.ts';
import type { LogThrottle } from './log-throttle.ts';
import type { ParsedEvent } from './event-stream-parser.ts';
import { type RecordState, planSnapshot, planVenue, summarize, withoutVersion } from './snapshot-plan.ts';
import { upstreamTextProblem } from './upstream-text.ts';

/**
 * The records as stored, not as screens see them: a snapshot is compared with
 * what the feed sent before, so local overrides (a hidden or locally cancelled
 * upstream show) must not make a record look missing or changed.
 */
export function storedState(store: Store): RecordState {
  const r = store.records;
  return {
    venue: store.venue(),
    auditoriums: r.auditoriums.all(),
    films: r.films.all(),
    showtimes: r.showtimes.all(),
    announcements: r.announcements.all(),
    playlists: r.playlists.all(),
    media: r.media.all(),
  };
}

/** Counters since start, for health, tests and benchmarks. */
export interface ApplierStats {
  /** Events dispatched by the parser (snapshots included). */
  received: number;
  /** Events whose changes were committed (a change that altered nothing still counts). */
  applied: number;
  /** Events left out: bad JSON or shape, unknown type, or refused by a store rule. */
  skipped: number;
  /** `status` events from a chained hub, ignored on purpose. */
  ignored: number;
  snapshots: number;
  /** Store transactions committed. */
  transactions: number;
}

/** One upstream event, turned into the changes it makes (none when skipped or ignored). */
interface Pending {
  readonly id: string;
  readonly type: string;
  readonly changes: readonly Change[];
}

export interface ApplierOptions {
  store: Store;
  log: Logger;
  /** Warnings about bad events go through here. */
  warn: LogThrottle;
  /** Extra meta keys to write with every commit (the relay's freshness and URL). */
  meta: () => Readonly<Record<string, string>>;
}

/**
 * Applies upstream events to the store. Events dispatched from one network
 * chunk are queued and committed together in one transaction (the store syncs
 * to disk once per transaction), with the upstream id of the last of them, so
 * the id on disk always matches the state on disk. A store rule refusing one
 * event costs only that event: the batch is retried one event at a time.
 */
export class FeedApplier {
  readonly stats: ApplierStats = {
    received: 0,
    applied: 0,
    skipped: 0,
    ignored: 0,
    snapshots: 0,
    transactions: 0,
  };
  readonly #store: Store;
  readonly #log: Logger;
  readonly #warn: LogThrottle;
  readonly #meta: ApplierOptions['meta'];
  #queue: Pending[] = [];
  readonly #unknownTypes = new Set<string>();

  constructor(options: ApplierOptions) {
    this.#store = options.store;
    this.#log = options.log;
    this.#warn = options.warn;
    this.#meta = options.meta;
  }

  /** Queues one dispatched event; a snapshot is applied at once, after what was queued before it. */
  add(event: ParsedEvent): void {
    this.stats.received++;
    if (event.type === 'snapshot') {
      this.flush();
      this.#applySnapshot(event);
      return;
    }
    this.#queue.push({ id: event.lastEventId, type: event.type, changes: this.#translate(event) });
  }

  /** A block without data moved the last event ID: record it with the next commit. */
  cursor(id: string): void {
    this.#queue.push({ id, type: '(id only)', changes: [] });
  }

  /** Commits everything queued. Throws only what is not a store rule (disk full, I/O). */
  flush(): void {
    const items = this.#queue;
    if (items.length === 0) return;
    this.#queue = [];
    const changes = items.flatMap((i) => i.changes);
    try {
      this.#commit(changes, items.at(-1)!.id);
      this.stats.applied += items.filter((i) => i.changes.length > 0).length;
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      for (const item of items) this.#applyAlone(item);
    }
  }

  #commit(changes: readonly Change[], upstreamId: string): void {
    this.#store.apply(changes, {
      origin: 'upstream',
      upstreamId,
      meta: this.#meta(),
      // What the store did to a record on its own (formats moved off a film to its showtimes).
      onNotice: (line) => this.#log.info('upstream record adjusted', { id: upstreamId, change: line }),
    });
    this.stats.transactions++;
  }

  #applyAlone(item: Pending): void {
    try {
      this.#commit(item.changes, item.id);
      if (item.changes.length > 0) this.stats.applied++;
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      this.stats.skipped++;
      this.#warn.warn('upstream event refused by a store rule; skipped', {
        id: item.id,
        event: item.type,
        reason: err.message,
      });
      // The id still advances: resending a refused event would only be refused again.
      this.#commit([], item.id);
    }
  }

  #translate(event: ParsedEvent): Change[] {
    if (event.type === 'status') {
      // A chained hub's link state is its own business; ours is reported separately.
      this.stats.ignored++;
      return [];
    }
    if (!isChangeType(event.type)) {
      this.stats.skipped++;
      if (!this.#unknownTypes.has(event.type)) {
        this.#unknownTypes.add(event.type);
        this.#log.warn('upstream sends an event type Marquee does not know; ignoring every such event', {
          id: event.lastEventId,
          event: event.type.slice(0, 64),
        });
      }
      return [];
    }
    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch (err) {
      return this.#skip(event, `invalid JSON: ${(err as Error).message}`);
    }
    const parsed = parseChange(event.type, json)!;
    if (!parsed.success) return this.#skip(event, summarize(parsed.error));
    const unsafe = upstreamTextProblem(parsed.data);
    if (unsafe !== undefined) return this.#skip(event, unsafe);
    const change = { type: event.type, data: parsed.data } as Change;
    switch (change.type) {
      case 'venue': {
        const problems: string[] = [];
        const venue = planVenue(this.#store.venue(), json, problems);
        return venue ? [{ type: 'venue', data: venue }] : [];
      }
      case 'auditorium.upsert':
      case 'film.upsert':
      case 'showtime.upsert':
      case 'announcement.upsert':
        return [{ ...change, data: withoutVersion(change.data) } as Change];
      default:
        return [change];
    }
  }

  #skip(event: ParsedEvent, reason: string): Change[] {
    this.stats.skipped++;
    this.#warn.warn('upstream event skipped', {
      id: event.lastEventId,
      event: event.type.slice(0, 64),
      reason,
    });
    return [];
  }

  #applySnapshot(event: ParsedEvent): void {
    this.stats.snapshots++;
    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch (err) {
      this.#skipAlone(event, `invalid JSON: ${(err as Error).message}`);
      return;
    }
    const plan = planSnapshot(storedState(this.#store), json);
    if ('error' in plan) {
      this.#skipAlone(event, plan.error);
      return;
    }
    for (const problem of plan.problems)
      this.#warn.warn('upstream snapshot record', { id: event.lastEventId, problem });
    try {
      this.#commit(plan.changes, event.lastEventId);
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      // The plan avoids every rule the store has; should one still refuse, apply what it accepts.
      this.#log.error('upstream snapshot refused as a whole; applying it record by record', {
        id: event.lastEventId,
        reason: err.message,
      });
      for (const change of plan.changes)
        this.#applyAlone({ id: event.lastEventId, type: change.type, changes: [change] });
    }
    this.stats.applied++;
    this.#log.info('upstream snapshot applied', {
      id: event.lastEventId,
      upserts: plan.upserts,
      removes: plan.removes,
      problems: plan.problems.length,
    });
  }

  #skipAlone(event: ParsedEvent, reason: string): void {
    this.#skip(event, reason);
    this.#commit([], event.lastEventId);
  }
}
