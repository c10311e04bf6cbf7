import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Snapshot } from '../domain/events.ts';
import type { LoggedEvent } from '../store/event-log.ts';
import type { Broadcaster } from './broadcaster.ts';
import { formatEvent, formatRetry } from './frame.ts';
import { openStreamSocket, writeTo } from './stream-socket.ts';

export interface EventStreamOptions {
  /** Reconnect delay suggested to clients with `retry:`. Default 2,000 ms. */
  retryMs?: number;
}

export interface EventSourceOfTruth {
  /** The newest sequence number. */
  readonly seq: number;
  /** Full state at `seq`. */
  snapshot(): Snapshot;
  /** Events after `seq`, or `undefined` when they are not all held. */
  eventsAfter(seq: number): readonly LoggedEvent[] | undefined;
}

/** Serializes one logged event; every client gets these same bytes. */
export function frameOf(e: LoggedEvent): string {
  return formatEvent({ id: e.seq, event: e.type, data: e.json });
}

/** `Last-Event-ID` as a sequence number, or `undefined` when absent or not one of ours. */
export function parseLastEventId(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/**
 * `GET /events`. A new client gets `retry:` and a `snapshot`; a client whose
 * `Last-Event-ID` lies inside the log gets exactly the events it missed. The
 * join is synchronous, so no event can be published between what the client
 * was sent and the moment it starts receiving live events.
 */
export class EventStream {
  readonly #retry: Buffer;
  #snapshot: { seq: number; frame: Buffer } | undefined;
  #replay: { from: number; to: number; frame: Buffer } | undefined;

  constructor(
    private readonly source: EventSourceOfTruth,
    private readonly broadcaster: Broadcaster,
    options: EventStreamOptions = {},
  ) {
    this.#retry = Buffer.from(formatRetry(options.retryMs ?? 2_000));
  }

  /** Hands committed events to the broadcaster, serialized once. */
  publish(events: readonly LoggedEvent[]): void {
    this.broadcaster.publish(Buffer.from(events.map(frameOf).join('')));
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
    // Everything already committed goes out to existing clients first; from
    // here on, this client is in step with the log.
    this.broadcaster.flush();
    const catchUp = this.#catchUp(parseLastEventId(req.headers['last-event-id']));
    const stream = openStreamSocket(req, res);
    // The shared frames are written as they are, never copied per client: a
    // reconnect storm would otherwise allocate a snapshot per screen.
    stream.socket.cork();
    writeTo(stream, this.#retry);
    writeTo(stream, catchUp);
    stream.socket.uncork();
    this.broadcaster.add(stream, address, this.#retry.length + catchUp.length);
  }

  #catchUp(lastId: number | undefined): Buffer {
    const seq = this.source.seq;
    if (lastId !== undefined) {
      if (lastId === seq) return Buffer.alloc(0);
      if (this.#replay?.from === lastId && this.#replay.to === seq) return this.#replay.frame;
      const missed = this.source.eventsAfter(lastId);
      if (missed) {
        // Reconnect storms (every screen after a hub restart) resend the same range: build it once.
        const frame = Buffer.from(missed.map(frameOf).join(''));
        this.#replay = { from: lastId, to: seq, frame };
        return frame;
      }
    }
    return this.#snapshotFrame();
  }

  #snapshotFrame(): Buffer {
    if (this.#snapshot?.seq === this.source.seq) return this.#snapshot.frame;
    const snapshot = this.source.snapshot();
    const frame = Buffer.from(
      formatEvent({ id: snapshot.seq, event: 'snapshot', data: JSON.stringify(snapshot) }),
    );
    this.#snapshot = { seq: snapshot.seq, frame };
    return frame;
  }
}
