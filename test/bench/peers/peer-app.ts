/**
 * What every peer server shares, so that they differ only in how events
 * reach the streams: Marquee's own store (SQLite, WAL, synchronous=FULL,
 * one transaction per change), the same demo venue, the same change route
 * (`PATCH /api/admin/showtimes/:id/availability`, bearer token), and a
 * snapshot built once per sequence number for new streams.
 *
 * Usage: node peers/<name>.js --data DIR [--port 0]   (token in BENCH_TOKEN)
 */
import { mkdirSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemoVenue } from '../../../main/demo/seed.ts';
import type { Snapshot } from '../../../main/domain/events.ts';
import { formatEvent } from '../../../main/sse/frame.ts';
import type { LoggedEvent } from '../../../main/store/event-log.ts';
import { Store } from '../../../main/store/store.ts';

const CHANGE_ROUTE = /^\/api\/admin\/showtimes\/([^/]+)\/availability$/;

export interface CachedSnapshot {
  seq: number;
  data: Snapshot;
  /** The whole `snapshot` frame, as text and as bytes. */
  frame: string;
  buffer: Buffer;
}

export interface PeerContext {
  readonly store: Store;
  /** Current state, built once per seq. */
  snapshot(): CachedSnapshot;
}

export interface PeerDesign {
  name: string;
  /** GET /events */
  stream(req: IncomingMessage, res: ServerResponse, ctx: PeerContext): void;
  /** After each commit. */
  committed?: (events: readonly LoggedEvent[]) => void;
  clients(): number;
}

export async function runPeer(design: PeerDesign): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' } } });
  if (!values.data) throw new Error('--data is required');
  const token = process.env['BENCH_TOKEN'] ?? '';
  mkdirSync(join(values.data, 'posters'), { recursive: true });
  const store = Store.open({ file: join(values.data, 'peer.db') });
  seedDemoVenue(store, join(values.data, 'posters'), { now: Date.now() });

  let cached: CachedSnapshot | undefined;
  const ctx: PeerContext = {
    store,
    snapshot() {
      if (cached?.seq !== store.seq) {
        const data = store.snapshot();
        const frame = formatEvent({ id: data.seq, event: 'snapshot', data: JSON.stringify(data) });
        cached = { seq: data.seq, data, frame, buffer: Buffer.from(frame) };
      }
      return cached;
    },
  };
  if (design.committed) store.onCommit(design.committed);

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url === '/events') return design.stream(req, res, ctx);
    if (req.method === 'GET' && url === '/api/snapshot') return sendJson(res, 200, ctx.snapshot().data);
    if (req.method === 'GET' && url === '/api/health') {
      return sendJson(res, 200, { seq: store.seq, clients: design.clients() });
    }
    const m = CHANGE_ROUTE.exec(url);
    if (req.method !== 'PATCH' || !m) return sendJson(res, 404, { error: 'not found' });
    if (req.headers.authorization !== `Bearer ${token}`) return sendJson(res, 401, { error: 'token' });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      try {
        const { seatsAvailable } = JSON.parse(body) as { seatsAvailable: unknown };
        if (!Number.isInteger(seatsAvailable) || (seatsAvailable as number) < 0)
          throw new Error('seatsAvailable');
        const showtimeId = decodeURIComponent(m[1]!);
        const [event] = store.apply([
          { type: 'availability', data: { showtimeId, seatsAvailable: seatsAvailable as number } },
        ]);
        sendJson(res, 200, { seq: event?.seq ?? store.seq });
      } catch (err) {
        sendJson(res, 400, { error: String(err) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(Number(values.port ?? 0), '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`peer ${design.name} listening on http://127.0.0.1:${port}\n`);
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close();
    store.close();
    process.exit(0);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
