import { type ChildProcess, fork } from 'node:child_process';
import { Histogram, type LatencySummary } from './histogram.ts';
import { type Call, ipcCaller } from './ipc.ts';
import { benchScript } from './paths.ts';
import type { ConnectResult, ReplayResult, WindowResults } from '../load/loadgen.ts';

/** Loopback source addresses the streams are spread over, so no single address runs out of ports. */
export function loopbackAddresses(count = 250): string[] {
  return Array.from({ length: Math.min(253, count) }, (_, i) => `127.0.0.${i + 2}`);
}

export interface Delivery {
  latency: LatencySummary;
  /** Deliveries expected: measured events × streams. */
  expected: number;
  delivered: number;
  /** Frames whose id was not above the one before, summed over streams. */
  outOfOrder: number;
  /** Streams that missed at least one measured event. */
  incompleteStreams: number;
  /** Streams the server closed during the measurement. */
  unexpectedCloses: number;
}

/** The bench's side of one or more load-generator processes. */
export class LoadGen {
  #children: { process: ChildProcess; call: Call }[] = [];
  readonly #completions = new Map<number, number>();
  readonly #completionWaiters = new Map<number, () => void>();
  /** Children holding at least one stream. */
  #active = 0;

  constructor(processes = 1) {
    for (let i = 0; i < processes; i++) {
      const child = fork(benchScript('load/loadgen.js'), [], { serialization: 'advanced', execArgv: [] });
      child.on('message', (m) => this.#onMessage(m as { type?: string; index?: number }));
      this.#children.push({ process: child, call: ipcCaller(child) });
    }
  }

  get pids(): number[] {
    return this.#children.map((c) => c.process.pid ?? 0);
  }

  #onMessage(m: { type?: string; index?: number }): void {
    if (m.type !== 'complete' || m.index === undefined) return;
    const n = (this.#completions.get(m.index) ?? 0) + 1;
    this.#completions.set(m.index, n);
    if (n >= this.#active) this.#completionWaiters.get(m.index)?.();
  }

  /** Opens `count` streams to `port`, split over the processes, each waiting for its first frame. */
  async connect(o: {
    port: number;
    path?: string;
    count: number;
    /** Streams still waiting for their first frame at once. Default 200. */
    concurrency?: number;
    timeoutMs?: number;
  }): Promise<ConnectResult> {
    const addresses = loopbackAddresses();
    const n = this.#children.length;
    const parts = await Promise.all(
      this.#children.map((child, i) => {
        const count = Math.floor(o.count / n) + (i < o.count % n ? 1 : 0);
        if (count === 0) return Promise.resolve<ConnectResult>({ ok: 0, failed: 0, statuses: {}, ms: 0 });
        return child.call<ConnectResult>({
          cmd: 'connect',
          port: o.port,
          path: o.path ?? '/events',
          count,
          addresses: addresses.filter((_, j) => j % n === i),
          concurrency: Math.max(1, Math.floor((o.concurrency ?? 200) / n)),
          timeoutMs: o.timeoutMs ?? 180_000,
        });
      }),
    );
    this.#active = parts.filter((p) => p.ok > 0).length;
    const statuses: Record<string, number> = {};
    for (const p of parts)
      for (const [k, v] of Object.entries(p.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    return {
      ok: parts.reduce((a, p) => a + p.ok, 0),
      failed: parts.reduce((a, p) => a + p.failed, 0),
      statuses,
      ms: Math.max(...parts.map((p) => p.ms)),
    };
  }

  /**
   * Starts recording `event` frames with ids fromSeq+1 … fromSeq+count. With
   * `notify` (default), each event is reported once every stream has it, for `waitComplete`.
   */
  async measure(fromSeq: number, count: number, o: { event?: string; notify?: boolean } = {}): Promise<void> {
    this.#completions.clear();
    const args = {
      cmd: 'measure',
      fromSeq,
      count,
      event: o.event ?? 'availability',
      notify: o.notify ?? true,
    };
    await Promise.all(this.#children.map((c) => c.call(args)));
  }

  /** Resolves true when every stream has event `index` (seq fromSeq+1+index), false after `timeoutMs`. */
  waitComplete(index: number, timeoutMs: number): Promise<boolean> {
    if ((this.#completions.get(index) ?? 0) >= this.#active) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#completionWaiters.delete(index);
        resolve(false);
      }, timeoutMs);
      this.#completionWaiters.set(index, () => {
        clearTimeout(timer);
        this.#completionWaiters.delete(index);
        resolve(true);
      });
    });
  }

  /** Latency of every (stream, measured event); `sendTimes[i]` is when seq fromSeq+1+i was sent, NaN: not ours. */
  async results(sendTimes: Float64Array): Promise<Delivery> {
    const parts = await Promise.all(
      this.#children.map((c) => c.call<WindowResults>({ cmd: 'results', sendTimes })),
    );
    const hist = new Histogram();
    for (const p of parts) hist.merge(p.histogram);
    const sum = (key: Exclude<keyof WindowResults, 'histogram'>) => parts.reduce((a, p) => a + p[key], 0);
    return {
      latency: hist.summary(),
      expected: sum('expected'),
      delivered: sum('delivered'),
      outOfOrder: sum('outOfOrder'),
      incompleteStreams: sum('incompleteStreams'),
      unexpectedCloses: sum('unexpectedCloses'),
    };
  }

  async closeStreams(): Promise<void> {
    await Promise.all(this.#children.map((c) => c.call({ cmd: 'close' })));
    this.#active = 0;
  }

  /** One stream reconnecting with `Last-Event-ID` (`prefix` + `lastSeq`): time until the frame with seq `untilSeq` is in. */
  replay(o: {
    port: number;
    /** What the hub writes before a seq in its ids (`<epoch>-`, or nothing). */
    prefix: string;
    lastSeq: number;
    untilSeq: number;
    timeoutMs?: number;
  }): Promise<ReplayResult> {
    const child = this.#children[0];
    if (!child) throw new Error('no load generator');
    return child.call<ReplayResult>({ cmd: 'replay', path: '/events', timeoutMs: 30_000, ...o });
  }

  close(): void {
    for (const c of this.#children) c.process.disconnect();
    this.#children = [];
  }
}
