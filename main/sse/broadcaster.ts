import { formatComment } from './frame.ts';
import { type StreamSocket, chunkOf, endStream, writeTo } from './stream-socket.ts';

export interface BroadcasterOptions {
  /** Most event streams open at once; beyond it new ones get 503. Default 10,000. */
  maxClients?: number;
  /** Most event streams from one client address; beyond it 429. Default 50. */
  maxClientsPerAddress?: number;
  /** A client whose unsent data passes this many bytes is dropped. Default 1 MiB. */
  maxBufferedBytes?: number;
  /**
   * A stream that has been sent nothing for this long gets a comment, well
   * inside the contract's 15 s; while events flow, none is needed. Default 10 s.
   */
  heartbeatMs?: number;
  /**
   * Writes closer together than this are merged into one write per client, so
   * a burst of seat sales costs one syscall per client, not one per event.
   * The first event after a quiet spell is written at once. Default 5 ms.
   */
  coalesceMs?: number;
}

export const DEFAULT_BROADCASTER_OPTIONS: Readonly<Required<BroadcasterOptions>> = Object.freeze({
  maxClients: 10_000,
  maxClientsPerAddress: 50,
  maxBufferedBytes: 1024 * 1024,
  heartbeatMs: 10_000,
  coalesceMs: 5,
});

/** One open event stream. Kept deliberately small: thousands of these live at once. */
interface Client {
  readonly stream: StreamSocket;
  readonly address: string;
  /** Unsent bytes above which the client is dropped (raised by the shared snapshot it was sent first). */
  readonly limit: number;
}

export type AdmitResult = 'ok' | 'full' | 'address-full';

/**
 * A stream admitted but still being sent its replay: it counts toward the
 * caps and is ended on shutdown, but gets no live events until `join`.
 */
export interface Joining {
  /**
   * Starts live delivery. Call `flush()` first and join in the same
   * synchronous step as the last replayed event was written, so the stream
   * continues exactly after it. `initialBytes` of shared frames just written
   * (a snapshot) are allowed on top of `maxBufferedBytes`. A stream that
   * closed meanwhile is not joined.
   */
  join(initialBytes: number): void;
}

const HEARTBEAT = Buffer.from(formatComment('ping'));
const HEARTBEAT_CHUNK = chunkOf(HEARTBEAT);

/**
 * Fans committed events out to every open stream. Each event is serialized
 * once by the caller; the same bytes go to every client.
 */
export class Broadcaster {
  readonly options: Readonly<Required<BroadcasterOptions>>;
  readonly #clients = new Set<Client>();
  readonly #joining = new Set<StreamSocket>();
  readonly #perAddress = new Map<string, number>();
  #pending: Buffer[] = [];
  #scheduled = false;
  #lastFlush = 0;
  #heartbeat: NodeJS.Timeout | undefined;
  /** Heartbeat ticks (every half `heartbeatMs`) since anything was written to every stream. */
  #quietTicks = 0;
  #dropped = 0;
  #pendingEvents = 0;
  /** When the oldest queued frame was published (just after its commit). */
  #pendingSince = 0;
  #broadcastEvents = 0;
  /**
   * Called after each flush with the seconds from the oldest queued frame's
   * publish (its commit) to the last client's write, for `/metrics`. Default none.
   */
  onFanOut: ((seconds: number) => void) | undefined;

  constructor(options: BroadcasterOptions = {}) {
    this.options = Object.freeze({ ...DEFAULT_BROADCASTER_OPTIONS, ...options });
    // Ticking at half the period bounds the silence on any stream to `heartbeatMs`
    // while sending nothing extra during a burst, when 10,000 writes would only add latency.
    this.#heartbeat = setInterval(() => {
      if (++this.#quietTicks < 2) return;
      this.#writeAll(HEARTBEAT, HEARTBEAT_CHUNK);
    }, this.options.heartbeatMs / 2);
    this.#heartbeat.unref();
  }

  /** Open streams, live or still being sent their replay. */
  get size(): number {
    return this.#clients.size + this.#joining.size;
  }

  /** Clients dropped for not reading, since start. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Events written to the live streams, since start (each counted once, however many clients). */
  get broadcastEvents(): number {
    return this.#broadcastEvents;
  }

  admit(address: string): AdmitResult {
    if (this.size >= this.options.maxClients) return 'full';
    if ((this.#perAddress.get(address) ?? 0) >= this.options.maxClientsPerAddress) return 'address-full';
    return 'ok';
  }

  /**
   * Counts a stream toward the caps from the moment it is admitted; it gets
   * live events once it joins (see `Joining`), after its first bytes (retry,
   * snapshot or replay) were written.
   */
  reserve(stream: StreamSocket, address: string): Joining {
    this.#joining.add(stream);
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
    let client: Client | undefined;
    stream.socket.once('close', () => {
      if (client) this.#remove(client);
      else if (this.#joining.delete(stream)) this.#release(address);
    });
    return {
      join: (initialBytes) => {
        if (!this.#joining.delete(stream)) return;
        client = { stream, address, limit: this.options.maxBufferedBytes + initialBytes };
        this.#clients.add(client);
      },
    };
  }

  /** Queues one serialized frame (or `events` of them, concatenated) for every client. */
  publish(frame: Buffer, events = 1): void {
    if (this.#pending.length === 0) this.#pendingSince = performance.now();
    this.#pending.push(frame);
    this.#pendingEvents += events;
    if (this.#scheduled) return;
    this.#scheduled = true;
    const wait = this.#lastFlush + this.options.coalesceMs - performance.now();
    if (wait <= 0) setImmediate(() => this.flush());
    else setTimeout(() => this.flush(), wait);
  }

  /** Writes everything queued now. Safe to call at any time. */
  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    const chunk = this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending);
    this.#pending = [];
    this.#broadcastEvents += this.#pendingEvents;
    this.#pendingEvents = 0;
    this.#lastFlush = performance.now();
    this.#writeAll(chunk);
    this.onFanOut?.((performance.now() - this.#pendingSince) / 1000);
  }

  /** Ends every stream (shutdown). */
  close(): void {
    clearInterval(this.#heartbeat);
    this.flush();
    for (const client of this.#clients) endStream(client.stream);
    for (const stream of this.#joining) endStream(stream);
    this.#clients.clear();
    this.#joining.clear();
    this.#perAddress.clear();
  }

  #writeAll(payload: Buffer, framed?: Buffer): void {
    this.#quietTicks = 0;
    // Framed once for every HTTP/1.1 client, not once per client.
    let chunk = framed;
    for (const client of this.#clients) {
      const { stream } = client;
      if (stream.socket.writableLength > client.limit) {
        // A client that stopped reading would otherwise hold memory without bound.
        this.#dropped++;
        this.#remove(client);
        stream.socket.destroy();
        continue;
      }
      if (stream.chunked) chunk ??= chunkOf(payload);
      writeTo(stream, payload, chunk);
    }
  }

  #remove(client: Client): void {
    if (this.#clients.delete(client)) this.#release(client.address);
  }

  #release(address: string): void {
    const n = (this.#perAddress.get(address) ?? 1) - 1;
    if (n <= 0) this.#perAddress.delete(address);
    else this.#perAddress.set(address, n);
  }
}
