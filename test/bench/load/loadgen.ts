/**
 * Load generator process (forked by the bench with IPC). Holds thousands of
 * raw TCP event streams, timestamps each read on the shared monotonic clock
 * and keeps, per stream, when each measured event arrived. Latencies are
 * computed here at the end against the send times the bench hands over, so
 * no per-event traffic crosses the IPC channel during a measurement.
 */
import net from 'node:net';
import { now } from '../lib/clock.ts';
import { Histogram, type HistogramData } from '../lib/histogram.ts';
import { serveIpc } from '../lib/ipc.ts';
import { SseScanner } from './sse-scanner.ts';

interface Stream {
  readonly socket: net.Socket;
  scanner?: SseScanner;
  /** HTTP status, 0 before headers. */
  status: number;
  /** The first frame (retry or snapshot) arrived. */
  ready: boolean;
  /** Highest `id:` seen. */
  lastSeq: number;
  /** Frames whose id was not above the previous one. */
  outOfOrder: number;
  /** Per measured seq: ms after the window's epoch, NaN if not seen. */
  arrivals: Float32Array | undefined;
  closed: boolean;
  /** Closed on purpose by the bench. */
  closing: boolean;
  onReady?: () => void;
}

interface Window {
  fromSeq: number;
  count: number;
  epoch: number;
  event: string;
  notify: boolean;
  received: Uint32Array;
}

export interface ConnectResult {
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  ms: number;
}

export interface WindowResults {
  histogram: HistogramData;
  expected: number;
  delivered: number;
  outOfOrder: number;
  incompleteStreams: number;
  unexpectedCloses: number;
}

export interface ReplayResult {
  /** Connect → the frame with id `untilSeq` complete; NaN on timeout. */
  ms: number;
  /** Frames with an id. */
  frames: number;
  /** Ids came one by one, each once. */
  consecutive: boolean;
  sawSnapshot: boolean;
  status: number;
}

type FrameHandler = (s: Stream, seq: number | undefined, event: string | undefined) => void;

let streams: Stream[] = [];
let window: Window | undefined;
/** Time of the read being processed: one timestamp per read, as a client would see it. */
let readAt = 0;
let unexpectedCloses = 0;

function onMeasuredFrame(s: Stream, seq: number | undefined, event: string | undefined): void {
  if (seq === undefined) return;
  if (seq <= s.lastSeq) s.outOfOrder++;
  else s.lastSeq = seq;
  const w = window;
  if (!w || event !== w.event || !s.arrivals) return;
  const i = seq - w.fromSeq - 1;
  if (i < 0 || i >= w.count || !Number.isNaN(s.arrivals[i])) return;
  s.arrivals[i] = readAt - w.epoch;
  const n = (w.received[i] ?? 0) + 1;
  w.received[i] = n;
  if (n === streams.length && w.notify) process.send?.({ type: 'complete', index: i });
}

function openStream(
  target: { port: number; path: string; localAddress?: string; headers?: Record<string, string> },
  onFrame: FrameHandler,
): Stream {
  const socket = net.connect({
    host: '127.0.0.1',
    port: target.port,
    ...(target.localAddress && { localAddress: target.localAddress }),
  });
  const s: Stream = {
    socket,
    status: 0,
    ready: false,
    lastSeq: -1,
    outOfOrder: 0,
    arrivals: undefined,
    closed: false,
    closing: false,
  };
  const scanner = new SseScanner({
    onHeaders: (status) => {
      s.status = status;
      if (status !== 200) s.onReady?.();
    },
    onFrame: (seq, event) => {
      if (!s.ready) {
        s.ready = true;
        s.onReady?.();
      }
      onFrame(s, seq, event);
    },
    onEnd: () => {},
  });
  s.scanner = scanner;
  socket.setNoDelay(true);
  const extra = Object.entries(target.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.write(
    `GET ${target.path} HTTP/1.1\r\nHost: 127.0.0.1:${target.port}\r\nAccept: text/event-stream\r\n${extra}\r\n`,
  );
  socket.on('data', (buf: Buffer) => {
    readAt = now();
    scanner.push(buf);
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    s.closed = true;
    scanner.close();
    if (!s.ready) s.onReady?.();
    else if (!s.closing) unexpectedCloses++;
  });
  return s;
}

/** Opens `count` streams, at most `concurrency` still waiting for their first frame at once. */
async function connect(msg: {
  port: number;
  path: string;
  count: number;
  addresses: string[];
  concurrency: number;
  timeoutMs: number;
}): Promise<ConnectResult> {
  const started = now();
  const deadline = started + msg.timeoutMs;
  const opened: Stream[] = [];
  let next = 0;
  const worker = async () => {
    while (next < msg.count && now() < deadline) {
      const i = next++;
      const localAddress = msg.addresses[i % msg.addresses.length];
      const s = openStream(
        { port: msg.port, path: msg.path, ...(localAddress && { localAddress }) },
        onMeasuredFrame,
      );
      opened.push(s);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - now()));
        s.onReady = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      delete s.onReady;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, msg.concurrency) }, worker));
  const statuses: Record<string, number> = {};
  let ok = 0;
  for (const s of opened) {
    statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    if (s.ready && s.status === 200 && !s.closed) {
      streams.push(s);
      ok++;
    } else {
      s.closing = true;
      s.socket.destroy();
    }
  }
  return { ok, failed: opened.length - ok, statuses, ms: now() - started };
}

function measure(msg: { fromSeq: number; count: number; event: string; notify: boolean }): void {
  window = { ...msg, epoch: now(), received: new Uint32Array(msg.count) };
  for (const s of streams) {
    s.arrivals = new Float32Array(msg.count).fill(NaN);
    s.outOfOrder = 0;
  }
  unexpectedCloses = 0;
}

function results(msg: { sendTimes: Float64Array }): WindowResults {
  const w = window;
  if (!w) throw new Error('no measurement window');
  const hist = new Histogram();
  let expected = 0;
  let delivered = 0;
  let outOfOrder = 0;
  let incompleteStreams = 0;
  for (const s of streams) {
    outOfOrder += s.outOfOrder;
    const arrivals = s.arrivals;
    if (!arrivals) continue;
    let missing = 0;
    for (let i = 0; i < w.count; i++) {
      const sent = msg.sendTimes[i] ?? NaN;
      if (Number.isNaN(sent)) continue;
      expected++;
      const at = arrivals[i] ?? NaN;
      if (Number.isNaN(at)) {
        missing++;
        continue;
      }
      delivered++;
      hist.record(at + w.epoch - sent);
    }
    if (missing > 0) incompleteStreams++;
  }
  return { histogram: hist.toData(), expected, delivered, outOfOrder, incompleteStreams, unexpectedCloses };
}

function closeAll(): void {
  for (const s of streams) {
    s.closing = true;
    s.socket.destroy();
  }
  streams = [];
  window = undefined;
}

async function replay(msg: {
  port: number;
  path: string;
  prefix: string;
  lastSeq: number;
  untilSeq: number;
  timeoutMs: number;
}): Promise<ReplayResult> {
  const started = now();
  let frames = 0;
  let expectedNext = msg.lastSeq + 1;
  let consecutive = true;
  let sawSnapshot = false;
  let finish: (ms: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve));
  const s = openStream(
    { port: msg.port, path: msg.path, headers: { 'Last-Event-ID': `${msg.prefix}${msg.lastSeq}` } },
    (_s, seq, event) => {
      if (event === 'snapshot') sawSnapshot = true;
      if (seq === undefined) return;
      frames++;
      if (seq !== expectedNext) consecutive = false;
      expectedNext = seq + 1;
      if (seq >= msg.untilSeq) finish(readAt - started);
    },
  );
  const timer = setTimeout(() => finish(NaN), msg.timeoutMs);
  const ms = await done;
  clearTimeout(timer);
  s.closing = true;
  s.socket.destroy();
  return { ms, frames, consecutive, sawSnapshot, status: s.status };
}

serveIpc((message) => {
  // The bench builds these messages; their shapes are the parameter types above.
  const m = message as never;
  switch (message.cmd) {
    case 'connect':
      return connect(m);
    case 'measure':
      return measure(m);
    case 'results':
      return results(m);
    case 'close':
      return closeAll();
    case 'replay':
      return replay(m);
    default:
      throw new Error(`unknown command ${message.cmd}`);
  }
});
