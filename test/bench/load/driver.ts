/**
 * Box-office driver process (forked with IPC): sells seats through the admin
 * API at a fixed rate over a few kept-alive connections. Each request has an
 * intended send time on a fixed schedule and latency is measured from that
 * time, so a driver or server that falls behind cannot hide it (no
 * coordinated omission).
 */
import { Agent, request } from 'node:http';
import { now, sleep } from '../lib/clock.ts';
import { serveIpc } from '../lib/ipc.ts';
import type { SellableShowtime } from '../lib/targets.ts';

export interface DriveCommand {
  url: string;
  /** Auth headers of the change route. */
  headers: Record<string, string>;
  showtimes: SellableShowtime[];
  /** Changes per second. */
  rate: number;
  durationMs: number;
  connections: number;
}

export interface DriveResult {
  total: number;
  /** Per change: when it was due, when it was written, when it was answered; the seq it got (NaN: failed). */
  intended: Float64Array;
  sentAt: Float64Array;
  answeredAt: Float64Array;
  seqs: Float64Array;
  statuses: Record<string, number>;
}

async function drive(cmd: DriveCommand): Promise<DriveResult> {
  const total = Math.round((cmd.rate * cmd.durationMs) / 1000);
  const interval = 1000 / cmd.rate;
  const agent = new Agent({ keepAlive: true, maxSockets: cmd.connections });
  const intended = new Float64Array(total);
  const sentAt = new Float64Array(total);
  const answeredAt = new Float64Array(total).fill(NaN);
  const seqs = new Float64Array(total).fill(NaN);
  const seats = cmd.showtimes.map((s) => s.seatsAvailable);
  const statuses: Record<string, number> = {};
  let inFlight = 0;
  let sent = 0;
  let allAnswered = () => {};
  const done = new Promise<void>((resolve) => (allAnswered = resolve));
  const answered = (i: number, status: string) => {
    answeredAt[i] = now();
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (--inFlight === 0 && sent === total) allAnswered();
  };

  const sell = (i: number) => {
    const k = i % cmd.showtimes.length;
    const show = cmd.showtimes[k]!;
    const current = seats[k] ?? 0;
    const next = current > 0 ? current - 1 : show.capacity;
    seats[k] = next;
    const body = JSON.stringify({ seatsAvailable: next });
    sentAt[i] = now();
    inFlight++;
    const req = request(
      `${cmd.url}/api/admin/showtimes/${encodeURIComponent(show.id)}/availability`,
      {
        method: 'PATCH',
        agent,
        headers: {
          ...cmd.headers,
          'Content-Type': 'application/json',
          'Content-Length': String(body.length),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          if (res.statusCode === 200) seqs[i] = (JSON.parse(text) as { seq: number }).seq;
          answered(i, String(res.statusCode));
        });
      },
    );
    req.on('error', () => answered(i, 'error'));
    req.end(body);
  };

  const start = now() + 20;
  while (now() < start) await sleep(1);
  while (sent < total) {
    const due = Math.min(total, Math.floor((now() - start) / interval) + 1);
    for (; sent < due; sent++) {
      intended[sent] = start + sent * interval;
      sell(sent);
    }
    await sleep(1);
  }
  if (inFlight > 0) await done;
  agent.destroy();
  return { total, intended, sentAt, answeredAt, seqs, statuses };
}

serveIpc((message) => drive(message as unknown as DriveCommand));
