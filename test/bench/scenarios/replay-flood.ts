/**
 * Issue 12 item 2, replay flood: streams that send an old `Last-Event-ID` and
 * then never read, against a hub whose log holds `events` seat sales. Measured:
 * how long the hub's event loop stalls (the slowest answer to `/api/health`,
 * asked back to back on a kept-alive connection the whole time) and its RSS.
 * Each flood stream names a different old id, so no replay can be shared.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoVenue } from '../../../main/demo/seed.ts';
import { Store } from '../../../main/store/store.ts';
import { now } from '../lib/clock.ts';
import { eventIdPrefix } from '../lib/event-ids.ts';
import { httpJson } from '../lib/http-client.ts';
import { marqueeCli } from '../lib/paths.ts';
import { rssBytes, spawnServer } from '../lib/proc.ts';
import { sellSeats } from '../lib/seed.ts';
import { SseScanner } from '../load/sse-scanner.ts';

export interface ReplayFloodConfig {
  /** Seat sales in the log (the case: the 1,000,000 cap). */
  events: number;
  /** Streams that never read. */
  clients: number;
  /** How long they are held open, with RSS sampled. */
  holdMs: number;
}

export interface ReplayFloodResult {
  events: number;
  clients: number;
  buildMs: number;
  /** `/api/health` answer times from the flood's start to its end, ms. */
  probe: { count: number; errors: number; p50: number; p99: number; max: number };
  /** The slowest answer in the quiet second before (what the machine's load alone costs), ms. */
  quietMax: number;
  rssBefore: number;
  rssPeak: number;
  /** After the flood streams closed and 1 s passed. */
  rssAfter: number;
  /** What a stream that does read gets first for the same kind of old id. */
  reader: { firstEvent: string | undefined; firstEventMs: number };
}

export async function replayFlood(
  o: ReplayFloodConfig & { log: (line: string) => void },
): Promise<ReplayFloodResult> {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-bench-flood-'));
  try {
    const built = now();
    mkdirSync(join(dir, 'posters'));
    const store = Store.open({ file: join(dir, 'marquee.db') });
    seedDemoVenue(store, join(dir, 'posters'), { now: Date.now() });
    sellSeats(store, o.events, 10_000);
    store.close();
    const buildMs = now() - built;
    o.log(`replay flood: built ${o.events} events in ${(buildMs / 1000).toFixed(1)} s`);

    const server = await spawnServer([marqueeCli(), 'serve', '--data', dir, '--port', '0']);
    const sockets: net.Socket[] = [];
    try {
      const prefix = await eventIdPrefix(server.url);
      const times: number[] = [];
      let probing = true;
      let probeErrors = 0;
      const probe = (async () => {
        while (probing) {
          const t = now();
          // A kept-alive connection the hub closes as idle can reset under a request: that counts too.
          await httpJson(`${server.url}/api/health`).catch(() => probeErrors++);
          times.push(now() - t);
        }
      })();
      await pause(1_000);
      const quietMax = Math.max(...times.splice(0));
      const rssBefore = rssBytes(server.pid);
      let rssPeak = rssBefore;
      // Id 0, then 2, 3, …: every one inside the log, every range different.
      for (let i = 0; i < o.clients; i++)
        sockets.push(stalled(server.port, `${prefix}${i === 0 ? 0 : i + 1}`));
      const until = now() + o.holdMs;
      while (now() < until) {
        rssPeak = Math.max(rssPeak, rssBytes(server.pid));
        await pause(50);
      }
      const reader = await firstEvent(server.port, `${prefix}1`);
      for (const s of sockets) s.destroy();
      await pause(1_000);
      const rssAfter = rssBytes(server.pid);
      probing = false;
      await probe;
      const sorted = times.sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
      const result: ReplayFloodResult = {
        events: o.events,
        clients: o.clients,
        buildMs,
        probe: {
          count: sorted.length,
          errors: probeErrors,
          p50: at(0.5),
          p99: at(0.99),
          max: sorted.at(-1) ?? NaN,
        },
        quietMax,
        rssBefore,
        rssPeak,
        rssAfter,
        reader,
      };
      o.log(
        `replay flood: health max ${result.probe.max.toFixed(0)} ms, RSS ${mib(rssBefore)} → ${mib(rssPeak)} MiB, ` +
          `a reader got ${reader.firstEvent ?? 'nothing'} first after ${reader.firstEventMs.toFixed(0)} ms`,
      );
      return result;
    } finally {
      for (const s of sockets) s.destroy();
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function request(port: number, lastEventId: string): string {
  return (
    `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n` +
    `Last-Event-ID: ${lastEventId}\r\n\r\n`
  );
}

/** A stream that sends its request and never reads a byte of the answer. */
function stalled(port: number, lastEventId: string): net.Socket {
  const socket = net.connect(port, '127.0.0.1', () => socket.write(request(port, lastEventId)));
  socket.pause();
  socket.on('error', () => {});
  return socket;
}

/** A stream that reads: the name of its first event and when it was complete. */
function firstEvent(port: number, lastEventId: string): Promise<ReplayFloodResult['reader']> {
  return new Promise((resolve) => {
    const started = now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request(port, lastEventId)));
    const done = (firstEvent: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ firstEvent, firstEventMs: now() - started });
    };
    const timer = setTimeout(() => done(undefined), 60_000);
    const scanner = new SseScanner({
      onHeaders: () => {},
      onFrame: (_seq, event) => {
        if (event !== undefined) done(event);
      },
      onEnd: () => done(undefined),
    });
    socket.on('data', (b: Buffer) => scanner.push(b));
    socket.on('error', () => done(undefined));
  });
}
