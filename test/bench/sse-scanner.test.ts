import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseScanner } from './load/sse-scanner.ts';

type Seen = { status?: number; frames: [number | undefined, string | undefined][]; ended: boolean };

function scan(pieces: Buffer[]): Seen {
  const seen: Seen = { frames: [], ended: false };
  const scanner = new SseScanner({
    onHeaders: (status) => (seen.status = status),
    onFrame: (seq, event) => seen.frames.push([seq, event]),
    onEnd: () => (seen.ended = true),
  });
  for (const p of pieces) scanner.push(p);
  return seen;
}

function chunked(writes: string[]): Buffer {
  const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n';
  const body = writes.map((w) => `${Buffer.byteLength(w).toString(16)}\r\n${w}\r\n`).join('');
  return Buffer.from(head + body + '0\r\n\r\n');
}

/** Cuts `buf` at the given offsets, as TCP may. */
function cut(buf: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.map((a) => a % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    out.push(buf.subarray(from, p));
    from = p;
  }
  out.push(buf.subarray(from));
  return out;
}

const writes = [
  'retry: 2000\n\n',
  `id: 7\nevent: snapshot\ndata: ${'{"x":1}'.repeat(50)}\n\n`,
  'id: 8\nevent: availability\ndata: {"seatsAvailable":3}\n\n',
  ': ping\n\n',
  // better-sse leaves out the space after the colon and puts the event name first.
  'event:availability\nid:9\ndata:{}\n\nevent:availability\nid:10\ndata:{}\n\n',
  // A Marquee id names its history: `<epoch>-<seq>`.
  'id: 3f9a1c2e-11\nevent: availability\ndata: {}\n\n',
];
const expected: [number | undefined, string | undefined][] = [
  [undefined, undefined],
  [7, 'snapshot'],
  [8, 'availability'],
  [undefined, undefined],
  [9, 'availability'],
  [10, 'availability'],
  [11, 'availability'],
];

describe('SseScanner (the load generator’s parser)', () => {
  it('finds each frame’s id and event name in a chunked response', () => {
    const seen = scan([chunked(writes)]);
    expect(seen.status).toBe(200);
    expect(seen.frames).toEqual(expected);
    expect(seen.ended).toBe(true);
  });

  it('gives the same frames however the bytes are cut', () => {
    const whole = chunked(writes);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (at) => {
        expect(scan(cut(whole, at)).frames).toEqual(expected);
      }),
    );
  });

  it('reads an identity (not chunked) body and reports a refused stream', () => {
    const plain = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n' + writes.join(''));
    expect(scan(cut(plain, [5, 60, 61, 200])).frames).toEqual(expected);
    const refused = scan([Buffer.from('HTTP/1.1 429 Too Many Requests\r\nContent-Length: 2\r\n\r\n{}')]);
    expect(refused.status).toBe(429);
  });
});
