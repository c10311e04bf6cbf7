import { type EventPosition, formatEventId, parseEventId } from '../../main/domain/event-id.ts';
import { type Change, Snapshot, changeTypes, parseChange } from '../../main/domain/events.ts';
import type { Connection } from './freshness.ts';
import { MissingRecordError } from './venue-data.ts';

/** Where the feed's state goes. */
export interface FeedSink {
  /** Replaces the whole state. */
  snapshot(snapshot: Snapshot): void;
  /** Applies one delta; throws `MissingRecordError` when the state has drifted from the hub's. */
  change(change: Change): void;
  /** The link to the hub went up or down at `at`. */
  link(state: Connection, at: number): void;
}

/** The part of the DOM `EventSource` this client uses (the `eventsource` package matches it in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

const CLOSED = 2;

export interface FeedClientOptions {
  /** The event stream. Default `/events`. */
  url?: string;
  /** Opens a stream. Default: the browser's `EventSource`. */
  open?: (url: string) => EventSourceLike;
  /** Delay before reopening after the n-th consecutive failure. Default 0, 1 s, 2 s, 4 s … up to 30 s. */
  backoff?: (attempt: number) => number;
  /** Clock. Default `Date.now`. */
  now?: () => number;
  /** Where protocol problems are reported. Default `console.warn`. */
  warn?: (message: string, detail?: unknown) => void;
  /**
   * Hears the hub's clock from each snapshot's `now` (absent from older hubs),
   * with when it arrived by `now`, before the snapshot is applied: a screen
   * whose clock is off draws its first frame on the hub's time. Default: not heard.
   */
  onHubTime?: (hubNow: number, receivedAt: number) => void;
}

export const defaultBackoff = (attempt: number): number =>
  attempt === 0 ? 0 : Math.min(30_000, 1_000 * 2 ** (attempt - 1));

/** A stream that stays healthy this long clears the failure count. */
const HEALTHY_AFTER_MS = 60_000;

/**
 * One screen's subscription to the hub: a single `EventSource`, whose own
 * reconnect sends `Last-Event-ID` so the hub replays exactly what was missed.
 * Every delta is applied once, in sequence order: a repeat (id at or below
 * the last applied) is skipped, and anything that cannot be applied in order
 * (a gap, an event of another history, an invalid event, a delta for an
 * unknown record) reopens the stream without an id, which makes the hub send
 * a fresh snapshot. The state on screen is never cleared meanwhile.
 */
export class FeedClient {
  readonly #sink: FeedSink;
  readonly #url: string;
  readonly #open: (url: string) => EventSourceLike;
  readonly #backoff: (attempt: number) => number;
  readonly #now: () => number;
  readonly #warn: (message: string, detail?: unknown) => void;
  readonly #onHubTime: ((hubNow: number, receivedAt: number) => void) | undefined;
  #source: EventSourceLike | undefined;
  /** Where the state on screen is: the last snapshot or delta applied. */
  #at: EventPosition | undefined;
  #failures = 0;
  #reopenTimer: ReturnType<typeof setTimeout> | undefined;
  #healthyTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = true;

  constructor(sink: FeedSink, options: FeedClientOptions = {}) {
    this.#sink = sink;
    this.#url = options.url ?? '/events';
    this.#open = options.open ?? ((url) => new EventSource(url));
    this.#backoff = options.backoff ?? defaultBackoff;
    this.#now = options.now ?? Date.now;
    this.#warn = options.warn ?? ((m, d) => console.warn(`[marquee feed] ${m}`, d ?? ''));
    this.#onHubTime = options.onHubTime;
  }

  /** The id of the last event applied (`<epoch>-<seq>`); `undefined` before the first snapshot. */
  get lastEventId(): string | undefined {
    return this.#at && formatEventId(this.#at.epoch, this.#at.seq);
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#reopenTimer);
    clearTimeout(this.#healthyTimer);
    this.#source?.close();
    this.#source = undefined;
  }

  /**
   * Drops the stream and opens a new one that starts with a snapshot. For a
   * link that looks open but carries nothing (the heartbeat cannot reach the hub).
   */
  reconnect(reason: string): void {
    if (this.#stopped || !this.#source) return;
    this.#sink.link('offline', this.#now());
    this.#restart(reason);
  }

  /** Closes the stream and opens a fresh one after the backoff; what is on screen stays. */
  #restart(reason: string): void {
    if (this.#stopped) return;
    this.#warn(`reopening the event stream: ${reason}`);
    this.#source?.close();
    this.#source = undefined;
    clearTimeout(this.#healthyTimer);
    clearTimeout(this.#reopenTimer);
    this.#reopenTimer = setTimeout(() => this.#connect(), this.#backoff(this.#failures++));
  }

  #connect(): void {
    if (this.#stopped) return;
    const source = this.#open(this.#url);
    this.#source = source;
    const mine = () => this.#source === source;
    source.addEventListener('open', () => {
      if (!mine()) return;
      this.#sink.link('live', this.#now());
      clearTimeout(this.#healthyTimer);
      this.#healthyTimer = setTimeout(() => {
        if (mine()) this.#failures = 0;
      }, HEALTHY_AFTER_MS);
    });
    source.addEventListener('error', () => {
      if (!mine()) return;
      clearTimeout(this.#healthyTimer);
      this.#sink.link('offline', this.#now());
      // CONNECTING: the browser retries by itself, with Last-Event-ID. CLOSED
      // (an HTTP error or a wrong content type): it gave up, so we start over.
      if (source.readyState === CLOSED) this.#restart('the browser closed the stream');
    });
    for (const type of ['snapshot', ...changeTypes]) {
      source.addEventListener(type, (event) => {
        if (mine()) this.#receive(type, event);
      });
    }
  }

  #receive(type: string, event: MessageEvent<string>): void {
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return this.#restart(`unreadable ${type} event`);
    }
    if (type === 'snapshot') {
      const snapshot = Snapshot.safeParse(data);
      if (!snapshot.success) return this.#restart(`invalid snapshot: ${snapshot.error.message}`);
      if (snapshot.data.now !== undefined) this.#onHubTime?.(Date.parse(snapshot.data.now), this.#now());
      this.#sink.snapshot(snapshot.data);
      // The history is the snapshot's id's; a hub from before epochs sends bare ids.
      const epoch = parseEventId(event.lastEventId)?.epoch ?? snapshot.data.epoch;
      this.#at = { epoch, seq: snapshot.data.seq };
      return;
    }
    const at = this.#at;
    const next = parseEventId(event.lastEventId);
    if (next === undefined || at === undefined) return this.#restart(`${type} event out of sequence`);
    // Sequence numbers of another history say nothing about this one.
    if (next.epoch !== at.epoch)
      return this.#restart(`${type} event ${event.lastEventId} of another history`);
    const id = next.seq;
    if (id <= at.seq) return; // already applied: a replay overlapping what arrived live
    if (id !== at.seq + 1) return this.#restart(`missed events ${at.seq + 1}–${id - 1}`);
    const parsed = parseChange(type, data);
    if (!parsed?.success) return this.#restart(`invalid ${type} event ${id}`);
    try {
      this.#sink.change({ type, data: parsed.data } as Change);
    } catch (err) {
      if (err instanceof MissingRecordError)
        return this.#restart(`${type} event ${id} for unknown ${err.message}`);
      throw err;
    }
    this.#at = next;
    this.#failures = 0;
  }
}
