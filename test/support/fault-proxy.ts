import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

/** Faults that last until cleared; several may hold at once. */
export interface Faults {
  /** Each chunk, in each direction, arrives this much later (order kept). Default 0. */
  latencyMs?: number;
  /** Chunks are cut into pieces of 1 to this many bytes, each written on its own turn. Default: whole. */
  fragmentBytes?: number;
  /** Nothing is forwarded either way; bytes wait inside the proxy, connections stay open. Default false. */
  stalled?: boolean;
  /** New connections are accepted and closed at once, as by a host that is down. Default false. */
  refusing?: boolean;
}

interface Link {
  readonly client: Socket;
  readonly server: Socket;
}

/**
 * A TCP proxy on loopback between a client and a server that injects network
 * faults: latency, tiny fragments, stalls, refused connections, and on demand
 * connections dropped (FIN) or reset (RST) mid-stream. Bytes are never lost,
 * reordered or changed while a connection lives, only delayed, split, or cut
 * off with the connection, which is what TCP itself allows.
 */
export class FaultProxy {
  faults: Faults = {};
  /** Connections accepted so far, refused ones included. */
  accepted = 0;
  readonly #server: Server;
  readonly #links = new Set<Link>();
  readonly #random: () => number;
  readonly #held = new Set<() => void>();

  private constructor(server: Server, random: () => number) {
    this.#server = server;
    this.#random = random;
  }

  /** Listens on 127.0.0.1:0 and forwards to `target` (`http://host:port`, path ignored). */
  static async start(target: string, random: () => number = Math.random): Promise<FaultProxy> {
    const { hostname, port } = new URL(target);
    const server = createServer({ noDelay: true });
    const proxy = new FaultProxy(server, random);
    server.on('connection', (client) => proxy.#accept(client, hostname, Number(port)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `http://127.0.0.1:PORT` followed by `path`. */
  url(path = ''): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${path}`;
  }

  /** Open connections. */
  get open(): number {
    return this.#links.size;
  }

  /** Sets `faults` (replacing the previous ones); lifting a stall releases what it held. */
  set(faults: Faults): void {
    this.faults = faults;
    if (!faults.stalled) {
      const held = [...this.#held];
      this.#held.clear();
      for (const release of held) release();
    }
  }

  /** Closes every open connection cleanly (FIN) on both sides, wherever the stream is. */
  drop(): number {
    const n = this.#links.size;
    for (const { client, server } of this.#links) {
      client.end();
      server.end();
      client.destroySoon();
      server.destroySoon();
    }
    this.#links.clear();
    return n;
  }

  /** Tears every open connection down with a TCP reset on both sides. */
  reset(): number {
    const n = this.#links.size;
    for (const { client, server } of this.#links) {
      client.resetAndDestroy();
      server.resetAndDestroy();
    }
    this.#links.clear();
    return n;
  }

  async close(): Promise<void> {
    this.reset();
    for (const release of this.#held) release();
    this.#held.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: Socket, host: string, port: number): void {
    this.accepted++;
    client.on('error', () => {});
    if (this.faults.refusing) {
      client.resetAndDestroy();
      return;
    }
    const server = connect({ host, port, noDelay: true });
    server.on('error', () => {});
    const link = { client, server };
    this.#links.add(link);
    const unlink = () => {
      if (!this.#links.delete(link)) return;
      client.destroy();
      server.destroy();
    };
    client.on('close', unlink);
    server.on('close', unlink);
    this.#pipe(client, server);
    this.#pipe(server, client);
  }

  /**
   * Forwards `from` → `to` through a queue: each chunk waits for the latency,
   * for any stall to lift, and for the previous chunk, then goes out in pieces.
   */
  #pipe(from: Socket, to: Socket): void {
    let tail = Promise.resolve();
    let queued = 0;
    from.on('data', (chunk: Buffer) => {
      const due = performance.now() + (this.faults.latencyMs ?? 0);
      queued++;
      // Backpressure: a reader that stops reading slows the writer, as TCP would.
      if (queued > 64) from.pause();
      tail = tail.then(async () => {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        while (this.faults.stalled && !to.destroyed) await new Promise<void>((r) => this.#hold(r));
        for (const piece of this.#pieces(chunk)) {
          if (to.destroyed || !to.writable) return;
          to.write(piece);
          if (piece.length < chunk.length) await new Promise((r) => setImmediate(r));
        }
        if (--queued <= 16) from.resume();
      });
    });
    from.on('end', () => void tail.then(() => to.end()));
  }

  #hold(release: () => void): void {
    this.#held.add(release);
  }

  #pieces(chunk: Buffer): Buffer[] {
    const max = this.faults.fragmentBytes;
    if (!max || chunk.length <= 1) return [chunk];
    const out: Buffer[] = [];
    for (let at = 0; at < chunk.length;) {
      const size = 1 + Math.floor(this.#random() * max);
      out.push(chunk.subarray(at, at + size));
      at += size;
    }
    return out;
  }
}
