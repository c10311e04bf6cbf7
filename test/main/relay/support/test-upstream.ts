import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface UpstreamRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** Raw `Last-Event-ID` header bytes (Node reads header values as Latin-1). */
  readonly lastEventId: string | undefined;
  readonly res: ServerResponse;
}

export type Answer = (req: UpstreamRequest) => void;

/** Opens an event stream on `req` and writes `body` (which may be nothing yet). */
export const stream =
  (body = '', contentType = 'text/event-stream'): Answer =>
  ({ res }) => {
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache' });
    res.flushHeaders();
    if (body) res.write(body);
  };

export const status =
  (code: number, headers: Record<string, string> = {}): Answer =>
  ({ res }) =>
    void res.writeHead(code, headers).end();

/**
 * A scripted upstream on 127.0.0.1:0. Each request takes the next answer
 * from `answers` (or `fallback` when none is left) and is recorded, so a test
 * sees exactly what the relay sent on every reconnect.
 */
export class TestUpstream {
  readonly requests: UpstreamRequest[] = [];
  readonly answers: Answer[] = [];
  fallback: Answer = stream();
  readonly #server: Server;
  readonly #waiters: { n: number; resolve: () => void }[] = [];

  readonly #scheme: 'http' | 'https';

  private constructor(server: Server, scheme: 'http' | 'https') {
    this.#server = server;
    this.#scheme = scheme;
  }

  /** `tls`: serve https with this key and certificate instead of http. */
  static async start(tls?: { key: string; cert: string }): Promise<TestUpstream> {
    const server = tls ? createHttpsServer(tls) : createServer();
    const upstream = new TestUpstream(server, tls ? 'https' : 'http');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => upstream.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return upstream;
  }

  get origin(): string {
    return `${this.#scheme}://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `${this.origin}/events`;
  }

  /** The response of the latest request: the stream a test writes to. */
  get res(): ServerResponse {
    const last = this.requests.at(-1);
    if (!last) throw new Error('no request yet');
    return last.res;
  }

  write(text: string | Uint8Array): void {
    this.res.write(text);
  }

  /** Cuts the latest connection without ending the response (a network fault). */
  cut(): void {
    this.res.socket?.destroy();
  }

  /** Resolves once `n` requests arrived in all. Driven by the requests themselves, so fake timers do not matter. */
  requestCount(n: number): Promise<UpstreamRequest> {
    if (this.requests.length >= n) return Promise.resolve(this.requests[n - 1]!);
    return new Promise((resolve) => this.#waiters.push({ n, resolve: () => resolve(this.requests[n - 1]!) }));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const header = req.headers['last-event-id'];
    const request: UpstreamRequest = {
      path: req.url ?? '/',
      headers: req.headers,
      lastEventId: typeof header === 'string' ? header : undefined,
      res,
    };
    this.requests.push(request);
    (this.answers.shift() ?? this.fallback)(request);
    for (const w of this.#waiters.splice(0)) {
      if (this.requests.length >= w.n) w.resolve();
      else this.#waiters.push(w);
    }
  }
}

/**
 * Waits for `check` without timers (setImmediate turns, bounded by the real
 * monotonic clock), so it works while a test fakes setTimeout.
 */
export async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = process.hrtime.bigint() + BigInt(timeoutMs) * 1_000_000n;
  while (!check()) {
    if (process.hrtime.bigint() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** One SSE frame. */
export function frame(event: string, data: unknown, id?: string | number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}
