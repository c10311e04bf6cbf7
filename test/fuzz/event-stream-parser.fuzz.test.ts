import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EventStreamParser,
  EventTooLargeError,
  type ParserOptions,
} from '../../main/relay/event-stream-parser.ts';
import { idBytesProblem, idProblem } from '../../main/relay/upstream-id.ts';

/** Runs per property: quick in `npm test`; raise with MARQUEE_FUZZ_RUNS for a long hunt. */
const RUNS = Number(process.env['MARQUEE_FUZZ_RUNS'] ?? 1000);

type Report = { event: string; data: string; id: string } | { retry: number } | { lastEventId: string };

/** What the parser reported for `chunks`, and whether (and how) it gave up. */
function run(
  chunks: readonly Uint8Array[],
  maxEventBytes?: number,
  extra: Pick<ParserOptions, 'refuseId'> = {},
): { out: Report[]; failure?: string } {
  const out: Report[] = [];
  const parser = new EventStreamParser(
    {
      onEvent: (e) => out.push({ event: e.type, data: e.data, id: e.lastEventId }),
      onRetry: (ms) => out.push({ retry: ms }),
      onLastEventId: (id) => out.push({ lastEventId: id }),
    },
    { ...extra, ...(maxEventBytes !== undefined && { maxEventBytes }) },
  );
  try {
    for (const chunk of chunks) parser.feed(chunk);
    parser.end();
  } catch (err) {
    // The only failure the parser may have: an event past its size bound.
    if (!(err instanceof EventTooLargeError)) throw err;
    return { out, failure: err.message };
  }
  return { out };
}

/**
 * An independent reading of WHATWG HTML §9.2.6 on the whole stream at once:
 * decode (one leading BOM dropped, bad bytes → U+FFFD), cut lines at CRLF,
 * CR or LF, and interpret each; the unterminated last line is never seen.
 */
function reference(bytes: Uint8Array, refuseId: (id: string) => boolean = () => false): Report[] {
  const text = new TextDecoder('utf-8').decode(bytes);
  const lines = text.split(/\r\n|\r|\n/);
  lines.pop();
  const out: Report[] = [];
  let data: string[] = [];
  let type = '';
  let idBuffer = '';
  let lastEventId = '';
  for (const line of lines) {
    if (line === '') {
      const changed = idBuffer !== lastEventId;
      lastEventId = idBuffer;
      if (data.length > 0) out.push({ event: type || 'message', data: data.join('\n'), id: lastEventId });
      else if (changed) out.push({ lastEventId });
      data = [];
      type = '';
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value;
    else if (field === 'id' && !value.includes('\0') && !refuseId(value)) idBuffer = value;
    else if (field === 'retry' && /^[0-9]+$/.test(value)) out.push({ retry: Number.parseInt(value, 10) });
  }
  return out;
}

const encode = (s: string) => new TextEncoder().encode(s);

/**
 * Byte streams that look like event streams often enough to reach every
 * branch: lines of known and unknown fields, comments, blank lines, every
 * line end, BOMs, NULs, digits, multi-byte characters, and raw bytes
 * (invalid UTF-8, stray CR and LF included) anywhere.
 */
const raw = fc.uint8Array({ minLength: 1, maxLength: 4 });
const valuePart = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(' ', 'x', 'é', '中', '🎬', '\0', '12', '7', ':', '\uFEFF', 'ok').map(encode),
  },
  { weight: 1, arbitrary: raw },
);
const fieldLine = fc
  .tuple(
    fc.constantFrom(
      'data',
      'data:',
      'data: ',
      'data:  ',
      'event: ',
      'id: ',
      'id:',
      'retry: ',
      'retry:',
      ':',
      '',
      'foo: ',
      ' data: ',
      'DATA: ',
    ),
    fc.array(valuePart, { maxLength: 4 }),
  )
  .map(([field, parts]) => [encode(field), ...parts]);
const lineEnd = fc.constantFrom('\n', '\r', '\r\n').map((e) => [encode(e)]);
const stream = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.tuple(fieldLine, lineEnd).map(([l, e]) => [...l, ...e]) },
        { weight: 3, arbitrary: lineEnd },
        { weight: 1, arbitrary: raw.map((b) => [b]) },
      ),
      { maxLength: 30 },
    ),
  )
  .map(([bom, parts]) =>
    Uint8Array.from([...(bom ? [0xef, 0xbb, 0xbf] : []), ...parts.flat().flatMap((p) => [...p])]),
  );

/** `bytes` cut at the given points (any order, repeats allowed: empty chunks happen too). */
function cut(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const at = points.map((p) => p % (bytes.length + 1)).sort((a, b) => a - b);
  return [0, ...at].map((p, i, all) => bytes.subarray(p, all[i + 1] ?? bytes.length));
}

describe('fuzzing the relay’s event-stream parser', () => {
  it('never throws on any byte stream, and reads it as the spec’s rules do', () => {
    let withEvents = 0;
    fc.assert(
      fc.property(stream, (bytes) => {
        const { out, failure } = run([bytes]);
        expect(failure).toBeUndefined();
        expect(out).toEqual(reference(bytes));
        if (out.some((r) => 'event' in r)) withEvents++;
      }),
      { numRuns: RUNS },
    );
    // The generator must reach dispatch often, or the comparison proves little. About
    // a fifth of its streams do; the bar sits well below that so chance alone never
    // fails it (it did at RUNS / 5: 192 of 1000 in one run).
    expect(withEvents).toBeGreaterThan(RUNS / 10);
  });

  it('ignores ids the relay refuses (controls) as the spec ignores NUL, however split', () => {
    const refuseId = { refuseId: idBytesProblem };
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 30 }), (bytes, points) => {
        const whole = run([bytes], undefined, refuseId);
        expect(whole.out).toEqual(reference(bytes, (id) => idProblem(id) !== undefined));
        expect(run(cut(bytes, points), undefined, refuseId)).toEqual(whole);
      }),
      { numRuns: RUNS },
    );
  });

  it('reports the same however the bytes are split into chunks', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 30 }), (bytes, points) => {
        expect(run(cut(bytes, points))).toEqual(run([bytes]));
      }),
      { numRuns: RUNS },
    );
  });

  it('fails the same way, after the same events, with a small size bound, however split', () => {
    let failed = 0;
    fc.assert(
      fc.property(
        stream,
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 24 }),
        (bytes, points, bound) => {
          const whole = run([bytes], bound);
          expect(run(cut(bytes, points), bound)).toEqual(whole);
          if (whole.failure) failed++;
        },
      ),
      { numRuns: RUNS },
    );
    // Both outcomes must be common for the comparison to mean something.
    expect(failed).toBeGreaterThan(RUNS / 10);
    expect(failed).toBeLessThan(RUNS * 0.9);
  });

  it('never throws on arbitrary bytes fed one at a time', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const whole = run([bytes]);
        expect(whole.failure).toBeUndefined();
        expect(run(Array.from(bytes, (b) => Uint8Array.of(b)))).toEqual(whole);
      }),
      { numRuns: RUNS },
    );
  });
});
