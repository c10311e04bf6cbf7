import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_FILMS } from '../demo/catalog.ts';
import { parseEventId } from '../domain/event-id.ts';
import { posterSvg } from '../demo/posters.ts';
import { SSE_HEADERS, formatComment, formatEvent, formatRetry } from '../sse/frame.ts';
import type { FeedEvent } from './feed-log.ts';
import { FeedSim, type FeedSimOptions } from './feed-sim.ts';

export interface FeedServerOptions extends Omit<FeedSimOptions, 'posterBase'> {
  /** TCP port; 0 picks a free one. Default 7001. */
  port?: number;
  /** Address to bind. Default `127.0.0.1`. */
  host?: string;
  /** Drive the simulation from real time. Default true; tests turn it off and call `sim.runUntil`. */
  autoRun?: boolean;
  /** A comment line this often keeps idle links open. Default 10,000 ms. */
  heartbeatMs?: number;
  /** Suggested reconnect delay sent as `retry:`. Default 2,000 ms. */
  retryMs?: number;
}

export interface FeedServer {
  /** `http://host:port`. */
  readonly url: string;
  /** `http://host:port/events`, the feed. */
  readonly eventsUrl: string;
  readonly port: number;
  readonly sim: FeedSim;
  readonly server: Server;
  /** Open event streams. */
  readonly clients: number;
  /** Every `/events` request so far: the `Last-Event-ID` it sent, and whether it got a snapshot. */
  readonly streams: readonly { lastEventId: string | undefined; snapshot: boolean }[];
  /** Cuts every open stream (a network fault, for tests). */
  dropClients(): void;
  close(): Promise<void>;
}

/** Unsent bytes past which a client that stopped reading is dropped. */
const MAX_BUFFERED = 8 * 1024 * 1024;

const frameOf = (e: FeedEvent) => formatEvent({ id: e.seq, event: e.type, data: e.json });

/**
 * The simulator behind an HTTP server that speaks exactly the hub's feed:
 * `GET /events` (snapshot first, or the events after `Last-Event-ID`), plus
 * `GET /api/snapshot` and the films' posters.
 */
export async function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  const clients = new Set<ServerResponse>();
  const streams: { lastEventId: string | undefined; snapshot: boolean }[] = [];
  let sim: FeedSim | undefined;
  const retry = formatRetry(options.retryMs ?? 2_000);

  const server = createServer((req, res) => {
    if (!sim) {
      res.writeHead(503, { 'Retry-After': '1' }).end();
      return;
    }
    route(sim, req, res);
  });

  const route = (feed: FeedSim, req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET' }).end();
    } else if (path === '/events') {
      const raw = req.headers['last-event-id'];
      const header = typeof raw === 'string' ? raw : undefined;
      // feed-sim's ids are bare: it keeps one history per log.
      const position = header === undefined ? undefined : parseEventId(header);
      const lastId = position?.epoch === undefined ? position?.seq : undefined;
      const missed = lastId === undefined ? undefined : feed.log.after(lastId);
      streams.push({ lastEventId: header, snapshot: !missed });
      const body = missed
        ? missed.map(frameOf).join('')
        : formatEvent({ id: feed.seq, event: 'snapshot', data: JSON.stringify(feed.snapshot()) });
      res.writeHead(200, SSE_HEADERS);
      res.socket?.setNoDelay(true);
      res.write(retry + body);
      clients.add(res);
      res.once('close', () => clients.delete(res));
    } else if (path === '/api/snapshot') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(feed.snapshot()));
    } else if (path?.startsWith('/posters/') && path.endsWith('.svg')) {
      const film = DEMO_FILMS.find((f) => `/posters/${f.id}.svg` === path);
      if (!film) res.writeHead(404).end();
      else {
        res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' });
        res.end(posterSvg(film));
      }
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('The feed is at /events\n');
    }
  };

  const write = (chunk: string) => {
    for (const res of clients) {
      if (res.writableLength > MAX_BUFFERED) res.destroy();
      else res.write(chunk);
    }
  };

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7001, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  try {
    sim = new FeedSim({ ...options, posterBase: url });
  } catch (err) {
    server.close();
    throw err;
  }
  sim.onEvents((events) => write(events.map(frameOf).join('')));
  const heartbeat = setInterval(() => write(formatComment('ping')), options.heartbeatMs ?? 10_000);
  heartbeat.unref();
  if (options.autoRun ?? true) sim.start();

  const feed = sim;
  let closing: Promise<void> | undefined;
  return {
    url,
    eventsUrl: `${url}/events`,
    port,
    sim: feed,
    server,
    get clients() {
      return clients.size;
    },
    streams,
    dropClients() {
      for (const res of clients) res.destroy();
      clients.clear();
    },
    close() {
      closing ??= shutDown();
      return closing;
    },
  };

  async function shutDown() {
    clearInterval(heartbeat);
    feed.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const res of clients) res.end();
    server.closeAllConnections();
    await closed;
  }
}
