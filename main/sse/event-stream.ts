import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type History, formatEventId, parseEventId, seqInHistory } from '../domain/event-id.ts';
import type { Snapshot } from '../domain/events.ts';
import type { LoggedEvent } from '../store/event-log.ts';
import type { Broadcaster, Joining } from './broadcaster.ts';
import { formatEvent, formatRetry } from './frame.ts';
import { ReplayPages } from './replay-pages.ts';
import { type StreamSocket, openStreamSocket, writeTo } from './stream-socket.ts';

export interface EventStreamOptions {
  /** Reconnect delay suggested to clients with `retry:`. Default 2,000 ms. */
  retryMs?: number;
  /** A client further behind than this many events gets a snapshot instead of a replay. Default 20,000. */
  maxReplayEvents?: number;
  /** ...or one whose missed events come to more than this many bytes. Default 2 MiB. */
  maxReplayBytes?: number;
  /**
   * Events per replay page. A replay longer than one page goes out a page
   * per event-loop turn, and only while the client has less than a quarter
   * of `maxBufferedBytes` unsent (else once it has taken it), so no replay
   * holds the event loop or memory for long. Default 500.
   */
  replayPageEvents?: number;
  /** Bytes of replay pages kept for reconnect storms. Default 8 MiB. */
  replayCacheBytes?: number;
  /**
   * A client that takes nothing of its replay for this long is dropped (it
   * reconnects): a page waiting for it costs little, but its slot counts
   * toward the caps. Default 30,000 ms.
   */
  replayStallMs?: number;
}

export const DEFAULT_EVENT_STREAM_OPTIONS: Readonly<Required<EventStreamOptions>> = Object.freeze({
  retryMs: 2_000,
  maxReplayEvents: 20_000,
  maxReplayBytes: 2 * 1024 * 1024,
  replayPageEvents: 500,
  replayCacheBytes: 8 * 1024 * 1024,
  replayStallMs: 30_000,
});

export interface EventSourceOfTruth {
  /** The newest sequence number. */
  readonly seq: number;
  /** The history ids belong to. */
  readonly history: History;
  /** Full state at `seq`. */
  snapshot(): Snapshot;
  /** Events after `seq` up to `until`, oldest first, or `undefined` when they are not all held. */
  eventsBetween(seq: number, until: number): readonly LoggedEvent[] | undefined;
  /** Bytes of `data` of the events after `seq`. */
  eventBytesAfter(seq: number): number;
}

/** Serializes one logged event; every client gets these same bytes. */
export function frameOf(e: LoggedEvent, epoch: string): string {
  return formatEvent({ id: formatEventId(epoch, e.seq), event: e.type, data: e.json });
}

/** `id:`, `event:` and blank-line bytes around each event's data, for sizing a replay. */
const FRAME_OVERHEAD = 48;

/**
 * `GET /events`. A new client gets `retry:` and a `snapshot`; a client whose
 * `Last-Event-ID` lies inside the log, in this history and within the replay
 * limits, gets exactly the events it missed. The join is synchronous with
 * the last replayed event (`Joining`), so no event can be published between
 * what the client was sent and the moment it starts receiving live events.
 */
export class EventStream {
  readonly #retry: Buffer;
  readonly #options: Readonly<Required<EventStreamOptions>>;
  readonly #pages: ReplayPages;
  /** Unsent replay bytes above which the next page waits for the client. */
  readonly #inFlight: number;
  #snapshot: (SnapshotFrame & { epoch: string; seq: number }) | undefined;
  /** The last replay sized: a reconnect storm asks the same question many times. */
  #sized: { epoch: string; from: number; to: number; bytes: number } | undefined;
  #replays = 0;
  #snapshots = 0;

  constructor(
    private readonly source: EventSourceOfTruth,
    private readonly broadcaster: Broadcaster,
    options: EventStreamOptions = {},
  ) {
    this.#options = Object.freeze({ ...DEFAULT_EVENT_STREAM_OPTIONS, ...options });
    this.#retry = Buffer.from(formatRetry(this.#options.retryMs));
    this.#pages = new ReplayPages(this.#options.replayCacheBytes);
    this.#inFlight = broadcaster.options.maxBufferedBytes / 4;
  }

  /** Hands committed events to the broadcaster, serialized once. */
  publish(events: readonly LoggedEvent[]): void {
    const { epoch } = this.source.history;
    let frames = '';
    for (const e of events) frames += frameOf(e, epoch);
    this.broadcaster.publish(Buffer.from(frames), events.length);
  }

  /** Streams that resumed with a replay, and streams sent a snapshot, since start. */
  stats(): { replays: number; snapshots: number } {
    return { replays: this.#replays, snapshots: this.#snapshots };
  }

  /** Forgets the cached snapshot, e.g. when status that it carries changed without a new seq. */
  invalidateSnapshot(): void {
    this.#snapshot = undefined;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const address = req.socket.remoteAddress ?? 'unknown';
    const admit = this.broadcaster.admit(address);
    if (admit !== 'ok') {
      const status = admit === 'full' ? 503 : 429;
      res.writeHead(status, { 'Content-Type': 'application/json', 'Retry-After': '10' });
      res.end(
        JSON.stringify({
          error: admit === 'full' ? 'too many screens are connected' : 'too many streams from this address',
        }),
      );
      return;
    }
    const from = this.#resumePoint(req.headers['last-event-id']);
    const stream = openStreamSocket(req, res);
    const joining = this.broadcaster.reserve(stream, address);
    // The first write and the first page (or snapshot) go out in one syscall.
    stream.socket.cork();
    writeTo(stream, this.#retry);
    if (from === undefined) this.#joinWithSnapshot(stream, joining);
    else {
      this.#replays++;
      void this.#replay(stream, joining, from, this.source.history.epoch);
    }
    stream.socket.uncork();
  }

  /** The seq to replay from, or `undefined` when the client needs a snapshot. */
  #resumePoint(header: string | string[] | undefined): number | undefined {
    const id = typeof header === 'string' ? parseEventId(header) : undefined;
    const from = id && seqInHistory(id, this.source.history);
    if (from === undefined) return undefined;
    const to = this.source.seq;
    if (from > to || to - from > this.#options.maxReplayEvents) return undefined;
    // One page is bounded by its event count; a longer replay is sized before it starts.
    if (
      to - from > this.#options.replayPageEvents &&
      this.#bytesBetween(from, to) > this.#options.maxReplayBytes
    )
      return undefined;
    return from;
  }

  #bytesBetween(from: number, to: number): number {
    const { epoch } = this.source.history;
    const s = this.#sized;
    if (s?.epoch === epoch && s.from === from && s.to === to) return s.bytes;
    const bytes = this.source.eventBytesAfter(from) + (to - from) * FRAME_OVERHEAD;
    this.#sized = { epoch, from, to, bytes };
    return bytes;
  }

  /**
   * Sends the events after `from` a page at a time, waiting for the client
   * to take each before the next, then joins it to the live stream in the
   * same step as the last page. Pages come from the log, which holds every
   * committed event, so events published meanwhile are replayed too: each
   * event reaches the client once, from the log or live, never both. A replay
   * that falls too far behind (or whose events were pruned, or whose history
   * ended) turns into a snapshot.
   */
  async #replay(stream: StreamSocket, joining: Joining, from: number, epoch: string): Promise<void> {
    const { socket } = stream;
    try {
      let at = from;
      for (;;) {
        if (!socket.writable) return;
        const seq = this.source.seq;
        if (this.source.history.epoch !== epoch || seq - at > this.#options.maxReplayEvents) {
          this.#joinWithSnapshot(stream, joining);
          return;
        }
        if (at === seq) {
          // What the broadcaster still holds is already in what was replayed.
          this.broadcaster.flush();
          joining.join(0);
          return;
        }
        const page = this.#page(at, seq, epoch);
        if (!page) {
          this.#joinWithSnapshot(stream, joining);
          return;
        }
        writeTo(stream, page.frame);
        at = page.to;
        if (at === this.source.seq) continue;
        // Replay bytes count against the client's buffer limit: a share of it may be in flight.
        if (socket.writableLength < this.#inFlight) await nextTurn();
        else if (!(await drained(socket, this.#options.replayStallMs))) {
          socket.destroy();
          return;
        }
      }
    } catch {
      // A failed read of the log: the client reconnects and tries again.
      socket.destroy();
    }
  }

  /**
   * The events after `at` up to the next multiple of the page size (or
   * `seq`): pages are aligned so that clients resuming from different ids
   * share all but their first.
   */
  #page(at: number, seq: number, epoch: string): { frame: Buffer; to: number } | undefined {
    const size = this.#options.replayPageEvents;
    const to = Math.min(seq, (Math.floor(at / size) + 1) * size);
    let frame = this.#pages.get(epoch, at, to);
    if (!frame) {
      const events = this.source.eventsBetween(at, to);
      if (!events) return undefined;
      let frames = '';
      for (const e of events) frames += frameOf(e, epoch);
      frame = Buffer.from(frames);
      this.#pages.set(epoch, at, to, frame);
    }
    return { frame, to };
  }

  #joinWithSnapshot(stream: StreamSocket, joining: Joining): void {
    this.#snapshots++;
    // Everything committed goes to existing clients first; the snapshot already holds it.
    this.broadcaster.flush();
    const { head, tail } = this.#snapshotFrame();
    // The hub's clock as of this send (screens correct theirs by it): a few bytes between the two
    // shared halves, so the cached frame is not copied for each client.
    const now = Buffer.from(`"now":${JSON.stringify(new Date().toISOString())},`);
    stream.socket.cork();
    writeTo(stream, head);
    writeTo(stream, now);
    writeTo(stream, tail);
    stream.socket.uncork();
    // The snapshot is one frame shared by every client, not memory of this one: allowed on top.
    joining.join(head.length + now.length + tail.length);
  }

  /** The snapshot frame split just inside its JSON's opening brace, where each send puts `now`. */
  #snapshotFrame(): SnapshotFrame {
    const { epoch } = this.source.history;
    if (this.#snapshot?.seq === this.source.seq && this.#snapshot.epoch === epoch) return this.#snapshot;
    const snapshot = this.source.snapshot();
    const frame = Buffer.from(
      formatEvent({
        id: formatEventId(epoch, snapshot.seq),
        event: 'snapshot',
        data: JSON.stringify(snapshot),
      }),
    );
    const brace = frame.indexOf('data: {') + 'data: {'.length;
    this.#snapshot = {
      epoch,
      seq: snapshot.seq,
      head: frame.subarray(0, brace),
      tail: frame.subarray(brace),
    };
    return this.#snapshot;
  }
}

interface SnapshotFrame {
  readonly head: Buffer;
  readonly tail: Buffer;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves `true` once the socket has sent what it holds (or closed), `false` if not within `ms`. */
function drained(socket: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.off('drain', onDrain);
      socket.off('close', onDrain);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    socket.on('drain', onDrain);
    socket.on('close', onDrain);
  });
}
