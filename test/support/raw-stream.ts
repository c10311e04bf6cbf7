import { type Socket, connect } from 'node:net';
import { createParser } from 'eventsource-parser';
import type { ReceivedEvent } from './sse-client.ts';

/**
 * An event stream read from a bare TCP socket, so a test sees what the hub
 * wrote and how: the size of every HTTP chunk (one per write), and a client
 * that can stop reading altogether (`pause`) the way a frozen screen does.
 */
export class RawStream {
  readonly events: ReceivedEvent[] = [];
  /** Payload bytes of each HTTP chunk, in order. */
  readonly chunks: number[] = [];
  readonly socket: Socket;
  #head = '';
  #body = Buffer.alloc(0);
  #inBody = false;
  #parser = createParser({
    onEvent: (m) => this.events.push({ id: m.id, event: m.event, data: m.data }),
  });

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (b: Buffer) => this.#read(b));
    socket.on('error', () => {});
  }

  /** Opens `GET /events` on `url`'s host, with `headers` (e.g. `Last-Event-ID`). */
  static open(url: string, headers: Record<string, string> = {}): Promise<RawStream> {
    const { hostname, port, host } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => {
        const extra = Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join('');
        socket.write(`GET /events HTTP/1.1\r\nHost: ${host}\r\nAccept: text/event-stream\r\n${extra}\r\n`);
        resolve(new RawStream(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Stops reading: the kernel's buffers fill, then the hub's. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  close(): void {
    this.socket.destroy();
  }

  #read(b: Buffer): void {
    if (!this.#inBody) {
      this.#head += b.toString('latin1');
      const end = this.#head.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.#inBody = true;
      b = Buffer.from(this.#head.slice(end + 4), 'latin1');
    }
    this.#body = Buffer.concat([this.#body, b]);
    for (;;) {
      const line = this.#body.indexOf('\r\n');
      if (line < 0) return;
      const size = parseInt(this.#body.toString('latin1', 0, line), 16);
      if (this.#body.length < line + 2 + size + 2) return;
      const payload = this.#body.subarray(line + 2, line + 2 + size);
      this.#body = this.#body.subarray(line + 2 + size + 2);
      if (size === 0) return;
      this.chunks.push(size);
      this.#parser.feed(payload.toString('utf8'));
    }
  }
}
