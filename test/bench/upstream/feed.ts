/**
 * A test upstream venue feed for the seat-sale burst, speaking the feed of
 * DESIGN.md (the same SSE as the hub's /events): `retry:`, a `snapshot` of
 * the demo multiplex as upstream-owned records, then `availability` events,
 * each with an `id:`, replayed from memory for a `Last-Event-ID` it holds.
 *
 * Forked with IPC. Command `burst` { rate, durationMs } sells seats on a fixed
 * schedule and answers with each event's intended send time.
 */
import { type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_AUDITORIUMS, DEMO_FILMS } from '../../../main/demo/catalog.ts';
import { DEMO_VENUE, demoShowtimes } from '../../../main/demo/seed.ts';
import { formatEvent } from '../../../main/sse/frame.ts';
import { now, sleep } from '../lib/clock.ts';
import { serveIpc } from '../lib/ipc.ts';

export interface BurstRun {
  /** When each event was due (shared clock). */
  intended: Float64Array;
  /** [showtimeId, seatsAvailable] of each event, in the order sent. */
  changes: [string, number][];
  /** How late the last event left. */
  lateMs: number;
}

const showtimes = demoShowtimes(Date.now(), 7)
  .filter((s) => s.status === 'scheduled')
  .map((s) => ({ ...s, source: 'upstream' as const }));
let seq = 1;
const snapshotData = () => ({
  seq,
  venue: DEMO_VENUE,
  auditoriums: DEMO_AUDITORIUMS.map((a) => ({ ...a, source: 'upstream' })),
  films: DEMO_FILMS.map(({ weight: _w, palette: _p, ...f }) => ({ ...f, source: 'upstream' })),
  showtimes,
  announcements: [],
});

/** Every event sent; id n is at index n − 2 (id 1 is the snapshot's state). */
const log: string[] = [];
const clients = new Set<ServerResponse>();

const server = createServer((req, res) => {
  if (req.method !== 'GET') {
    res.writeHead(405).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.socket?.setNoDelay(true);
  const last = Number(req.headers['last-event-id']);
  let body = 'retry: 1000\n\n';
  if (Number.isInteger(last) && last >= 1 && last <= seq) body += log.slice(last - 1).join('');
  else body += formatEvent({ id: seq, event: 'snapshot', data: JSON.stringify(snapshotData()) });
  res.write(body);
  clients.add(res);
  res.once('close', () => clients.delete(res));
});
setInterval(() => {
  for (const res of clients) res.write(': keep-alive\n\n');
}, 10_000).unref();

async function burst(cmd: { rate: number; durationMs: number }): Promise<BurstRun> {
  const total = Math.round((cmd.rate * cmd.durationMs) / 1000);
  const interval = 1000 / cmd.rate;
  const intended = new Float64Array(total);
  const changes: [string, number][] = [];
  const seats = showtimes.map((s) => s.seatsAvailable);
  const start = now() + 20;
  let sent = 0;
  while (now() < start) await sleep(1);
  while (sent < total) {
    const due = Math.min(total, Math.floor((now() - start) / interval) + 1);
    let chunk = '';
    for (; sent < due; sent++) {
      const k = sent % showtimes.length;
      const show = showtimes[k]!;
      const current = seats[k] ?? 0;
      const next = current > 0 ? current - 1 : show.capacity;
      seats[k] = next;
      seq++;
      const frame = formatEvent({
        id: seq,
        event: 'availability',
        data: JSON.stringify({ showtimeId: show.id, seatsAvailable: next }),
      });
      log.push(frame);
      chunk += frame;
      intended[sent] = start + sent * interval;
      changes.push([show.id, next]);
    }
    // Events due in the same millisecond leave in one write, as a busy box office's would.
    if (chunk) for (const res of clients) res.write(chunk);
    await sleep(1);
  }
  return { intended, changes, lateMs: now() - (start + total * interval) };
}

serveIpc((message) =>
  message.cmd === 'burst'
    ? burst(message as unknown as { rate: number; durationMs: number })
    : { seq, clients: clients.size },
);

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`feed listening on http://127.0.0.1:${port}/events\n`);
});
