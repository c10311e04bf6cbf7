import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Update {
  readonly id: string;
  readonly type: string;
  readonly data: string;
}

/**
 * A stand-in for a Mercure hub (the hub binary is not available here),
 * following the subscriber side of the Mercure protocol as a relay meets it:
 * subscriptions at `/.well-known/mercure?topic=…` (400 without a topic), a
 * bearer JWT (401 without the right one), ids that are opaque URNs, `type`
 * as the SSE event name, a history of bounded length, and on every
 * subscription a `Last-Event-ID` response header: the id it resumes after
 * when it still holds it (sending what followed), `earliest` when asked for
 * `earliest` (sending all it holds) or when the id is no longer held (then
 * sending nothing old: the subscriber must reconcile). Heartbeats are
 * comment lines. `GET /snapshot` answers the publisher's current state, as
 * an application would serve it next to its hub.
 */
export class MercureStandIn {
  readonly #server: Server;
  readonly #history: Update[] = [];
  readonly #subscribers = new Set<ServerResponse>();
  /** What each subscription asked for and was answered. */
  readonly subscriptions: { sent: string | undefined; answered: string }[] = [];
  snapshotRequests = 0;
  /** The state `GET /snapshot` serves. */
  state: unknown = {};

  private constructor(
    readonly topic: string,
    readonly jwt: string,
    readonly historySize: number,
  ) {
    this.#server = createServer((req, res) => this.#handle(req, res));
  }

  static async start(o: { topic: string; jwt: string; historySize: number }): Promise<MercureStandIn> {
    const hub = new MercureStandIn(o.topic, o.jwt, o.historySize);
    await new Promise<void>((resolve) => hub.#server.listen(0, '127.0.0.1', resolve));
    return hub;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `${this.origin}/.well-known/mercure?topic=${encodeURIComponent(this.topic)}`;
  }

  get subscribers(): number {
    return this.#subscribers.size;
  }

  /** Publishes one update to the topic; returns its id. */
  publish(type: string, data: unknown): string {
    const update = { id: `urn:uuid:${randomUUID()}`, type, data: JSON.stringify(data) };
    this.#history.push(update);
    if (this.#history.length > this.historySize) this.#history.shift();
    for (const res of this.#subscribers) res.write(frameOf(update));
    return update.id;
  }

  heartbeat(): void {
    for (const res of this.#subscribers) res.write(':\n\n');
  }

  /** Ends every subscription abruptly (a network fault or a hub restart). */
  dropSubscribers(): void {
    for (const res of this.#subscribers) res.socket?.destroy();
    this.#subscribers.clear();
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.origin);
    if (req.headers.authorization !== `Bearer ${this.jwt}`) return void res.writeHead(401).end();
    if (url.pathname === '/snapshot') {
      this.snapshotRequests++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify(this.state));
    }
    if (url.pathname !== '/.well-known/mercure') return void res.writeHead(404).end();
    if (!url.searchParams.getAll('topic').includes(this.topic)) return void res.writeHead(400).end();
    const header = req.headers['last-event-id'];
    const sent = typeof header === 'string' ? header : (url.searchParams.get('lastEventID') ?? undefined);
    let replay: Update[] = [];
    let answered = 'earliest';
    if (sent === 'earliest') replay = [...this.#history];
    else if (sent !== undefined) {
      const at = this.#history.findIndex((u) => u.id === sent);
      if (at !== -1) {
        replay = this.#history.slice(at + 1);
        answered = sent;
      }
    } else answered = this.#history.at(-1)?.id ?? 'earliest';
    this.subscriptions.push({ sent, answered });
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'private, no-cache, no-store, must-revalidate, max-age=0',
      'Last-Event-ID': answered,
    });
    res.write(':\n\n');
    for (const u of replay) res.write(frameOf(u));
    this.#subscribers.add(res);
    res.on('close', () => this.#subscribers.delete(res));
  }
}

function frameOf(u: Update): string {
  return `id: ${u.id}\nevent: ${u.type}\ndata: ${u.data}\n\n`;
}
