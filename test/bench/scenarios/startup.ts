/**
 * Item 4, start-up: `marquee serve` on a data folder holding `days` of a
 * `screens`-screen multiplex and `events` logged events, from spawning the
 * process until `/events` has delivered a complete snapshot.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../../main/store/store.ts';
import { now } from '../lib/clock.ts';
import { marqueeCli } from '../lib/paths.ts';
import { spawnServer } from '../lib/proc.ts';
import { multiplex, sellSeats } from '../lib/seed.ts';
import { SseScanner } from '../load/sse-scanner.ts';

export interface StartupConfig {
  screens: number;
  days: number;
  /** Seat sales logged after the schedule. */
  events: number;
  trials: number;
}

export interface StartupTrial {
  /** Spawn → the URL line. */
  listeningMs: number;
  /** Spawn → the whole snapshot read from /events. */
  snapshotMs: number;
  snapshotBytes: number;
}

export interface StartupResult {
  screens: number;
  showtimes: number;
  /** Events in the log. */
  events: number;
  dbBytes: number;
  /** Building the data folder (not part of start-up). */
  buildMs: number;
  trials: StartupTrial[];
  /** Median `snapshotMs`. */
  medianMs: number;
  /** `node -e 0` on this machine: the floor under any start-up. */
  nodeBootMs: number;
}

export async function startup(o: StartupConfig & { log: (line: string) => void }): Promise<StartupResult> {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-bench-startup-'));
  try {
    const built = now();
    const store = Store.open({ file: join(dir, 'marquee.db') });
    // 10:00 in Singapore (no DST) today.
    const today = new Date();
    const firstShow = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 2);
    store.apply(multiplex({ screens: o.screens, days: o.days, firstShow }));
    const showtimes = store.records.showtimes.count();
    sellSeats(store, o.events, 10_000);
    const events = store.log.count();
    store.close();
    const buildMs = now() - built;
    const dbBytes = statSync(join(dir, 'marquee.db')).size;
    o.log(
      `start-up: built ${showtimes} showtimes and ${events} events (${(dbBytes / 1e6).toFixed(0)} MB) ` +
        `in ${(buildMs / 1000).toFixed(1)} s`,
    );

    const trials: StartupTrial[] = [];
    for (let i = 0; i < o.trials; i++) {
      const server = await spawnServer([marqueeCli(), 'serve', '--data', dir, '--port', '0']);
      try {
        const { at, bytes } = await firstSnapshot(server.port);
        trials.push({
          listeningMs: server.listeningAt - server.startedAt,
          snapshotMs: at - server.startedAt,
          snapshotBytes: bytes,
        });
      } finally {
        await server.stop();
      }
    }
    const sorted = trials.map((t) => t.snapshotMs).sort((a, b) => a - b);
    const result: StartupResult = {
      screens: o.screens,
      showtimes,
      events,
      dbBytes,
      buildMs,
      trials,
      medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN,
      nodeBootMs: await nodeBoot(),
    };
    o.log(
      `start-up: median ${result.medianMs.toFixed(0)} ms to a snapshot (node -e 0: ${result.nodeBootMs.toFixed(0)} ms)`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens /events and resolves when the snapshot frame is complete. */
function firstSnapshot(port: number): Promise<{ at: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let bytes = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no snapshot within 30 s'));
    }, 30_000);
    const scanner = new SseScanner({
      onHeaders: (status) => {
        if (status !== 200) reject(new Error(`/events answered ${status}`));
      },
      onFrame: (_seq, event) => {
        if (event !== 'snapshot') return;
        clearTimeout(timer);
        socket.destroy();
        resolve({ at: now(), bytes });
      },
      onEnd: () => {},
    });
    socket.on('data', (buf: Buffer) => {
      bytes += buf.length;
      scanner.push(buf);
    });
    socket.on('error', reject);
    socket.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`);
  });
}

/** Median of three `node -e 0`. */
async function nodeBoot(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = now();
    await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', resolve));
    times.push(now() - t);
  }
  return times.sort((a, b) => a - b)[1] ?? NaN;
}
