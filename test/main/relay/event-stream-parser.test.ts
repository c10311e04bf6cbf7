import fc from 'fast-check';
import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import {
  EventStreamParser,
  EventTooLargeError,
  type ParserOptions,
} from '../../../main/relay/event-stream-parser.ts';

/** Everything a parser reported, in order, as plain values that compare with toEqual. */
type Out = ({ event: string; data: string; id: string } | { retry: number } | { lastEventId: string })[];

function parse(chunks: readonly Uint8Array[], options: ParserOptions = {}): Out {
  const out: Out = [];
  const parser = new EventStreamParser(
    {
      onEvent: (e) => out.push({ event: e.type, data: e.data, id: e.lastEventId }),
      onRetry: (ms) => out.push({ retry: ms }),
      onLastEventId: (id) => out.push({ lastEventId: id }),
    },
    options,
  );
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * Every way to cut `bytes` into chunks: all 2^(n-1) partitions for short
 * inputs; for longer ones every cut into two and three pieces, one byte at a
 * time, and each of those with empty chunks in between.
 */
function* splits(bytes: Uint8Array): Generator<Uint8Array[]> {
  const n = bytes.length;
  if (n <= 16) {
    for (let mask = 0; mask < 2 ** Math.max(0, n - 1); mask++) {
      const chunks: Uint8Array[] = [];
      let from = 0;
      for (let i = 1; i < n; i++) {
        if (mask & (1 << (i - 1))) {
          chunks.push(bytes.subarray(from, i));
          from = i;
        }
      }
      chunks.push(bytes.subarray(from));
      yield chunks;
    }
  } else {
    for (let i = 0; i <= n; i++) {
      yield [bytes.subarray(0, i), bytes.subarray(i)];
      for (let j = i; j <= n; j++) yield [bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)];
    }
  }
  yield Array.from(bytes, (b) => Uint8Array.of(b));
  yield Array.from(bytes, (b) => [new Uint8Array(0), Uint8Array.of(b)]).flat();
}

/** Asserts the expected output for the whole input and for every chunking of it. */
function expectParse(input: string | Uint8Array, expected: Out, options: ParserOptions = {}) {
  const bytes = typeof input === 'string' ? utf8(input) : input;
  expect(parse([bytes], options)).toEqual(expected);
  let count = 0;
  for (const chunks of splits(bytes)) {
    const got = parse(chunks, options);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      // Only the first mismatch is reported in full, with the split that caused it.
      expect({ chunks: chunks.map((c) => Buffer.from(c).toString('latin1')), got }).toEqual({
        chunks: chunks.map((c) => Buffer.from(c).toString('latin1')),
        got: expected,
      });
    }
    count++;
  }
  expect(count).toBeGreaterThan(1);
}

const msg = (data: string, id = '', event = 'message') => ({ event, data, id });

describe('event-stream parser: WHATWG rules, with every chunk split', () => {
  describe('line ends', () => {
    it('accepts LF, CR and CRLF, and mixes of them', () => {
      expectParse('data: a\n\n', [msg('a')]);
      expectParse('data: a\r\r', [msg('a')]);
      expectParse('data: a\r\n\r\n', [msg('a')]);
      expectParse('data: a\rdata: b\n\r\ndata: c\r\n\n', [msg('a\nb'), msg('c')]);
    });

    it('treats CR LF as one line end even when CR ends one chunk and LF starts the next', () => {
      // \r\n\r\n is two line ends (one blank line), never three.
      expectParse('data: a\r\n\r\ndata: b\r\n\r\n', [msg('a'), msg('b')]);
      expectParse('data: a\r\ndata: b\r\n\r\n', [msg('a\nb')]);
    });

    it('counts LF CR as two line ends (LF then CR), so LF CR ends an event', () => {
      expectParse('data: a\n\rdata: b\n\n', [msg('a'), msg('b')]);
    });

    it('dispatches on a CR at the end of a chunk without waiting for the next chunk', () => {
      const out: string[] = [];
      const p = new EventStreamParser({ onEvent: (e) => out.push(e.data) });
      p.feed(utf8('data: live\r\r'));
      expect(out).toEqual(['live']);
      p.feed(utf8('\ndata: next\r\n\r\n')); // the LF after the held CR is swallowed, not a blank line
      expect(out).toEqual(['live', 'next']);
    });
  });

  describe('fields', () => {
    it('ignores comments', () => {
      expectParse(': hello\n:\ndata: x\n: between\n\n', [msg('x')]);
      expectParse(':only a comment\n\n', []);
    });

    it('reads a line with no colon as a field with an empty value', () => {
      expectParse('data\n\n', [msg('')]);
      expectParse('data\ndata\n\n', [msg('\n')]);
      expectParse('event\ndata: x\n\n', [msg('x')]);
      expectParse('id\ndata: x\n\n', [msg('x')]);
    });

    it('removes exactly one leading space from the value, and nothing else', () => {
      expectParse('data:no-space\n\n', [msg('no-space')]);
      expectParse('data:  two\n\n', [msg(' two')]);
      expectParse('data: trailing \n\n', [msg('trailing ')]);
      expectParse('data:\ttab\n\n', [msg('\ttab')]);
      expectParse('event:  spaced\ndata: x\n\n', [msg('x', '', ' spaced')]);
    });

    it('splits a field at the first colon only', () => {
      expectParse('data: a:b: c\n\n', [msg('a:b: c')]);
      expectParse('data::\n\n', [msg(':')]);
    });

    it('matches field names exactly: case and leading spaces matter', () => {
      expectParse('Data: x\n\n', []);
      expectParse(' data: x\n\n', []);
      expectParse('datum: x\ndata: y\n\n', [msg('y')]);
      expectParse('foo: bar\ndata: x\n\n', [msg('x')]);
    });

    it('uses the event type for one event only; empty type means message', () => {
      expectParse('event: seat\ndata: 1\n\ndata: 2\n\n', [msg('1', '', 'seat'), msg('2')]);
      expectParse('event: a\nevent: b\ndata: x\n\n', [msg('x', '', 'b')]);
      expectParse('event:\ndata: x\n\n', [msg('x')]);
      // A block without data dispatches nothing but still resets the type.
      expectParse('event: x\n\ndata: y\n\n', [msg('y')]);
    });
  });

  describe('data', () => {
    it('joins data lines with LF and drops only the final LF', () => {
      expectParse('data: a\ndata: b\ndata: c\n\n', [msg('a\nb\nc')]);
      expectParse('data: a\ndata:\n\n', [msg('a\n')]);
      expectParse('data:\ndata:\ndata:\n\n', [msg('\n\n')]);
    });

    it('dispatches nothing for a block without data lines', () => {
      expectParse('\n\n\n', []);
      expectParse('event: x\nretry: 5\n\n', [{ retry: 5 }]);
    });

    it('discards an event the stream ends before its blank line', () => {
      expectParse('data: a\n\ndata: b\n', [msg('a')]);
      expectParse('data: a\n\ndata: b', [msg('a')]);
      expectParse('data: a\n\ndata: b\r', [msg('a')]);
    });
  });

  describe('id', () => {
    it('keeps the last event ID across events until changed', () => {
      expectParse('id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n', [
        msg('a', '1'),
        msg('b', '1'),
        msg('c', '2'),
      ]);
    });

    it('ignores an id containing NUL', () => {
      expectParse('id: 1\ndata: a\n\nid: x\u0000y\ndata: b\n\n', [msg('a', '1'), msg('b', '1')]);
    });

    it('ignores an id that refuseId refuses, as one containing NUL, and says why', () => {
      const refused: [string, string][] = [];
      const refuseId = (bytes: Uint8Array, start: number, end: number) =>
        bytes.subarray(start, end).includes(0x01) ? 'has SOH' : undefined;
      expectParse(
        'id: 1\ndata: a\n\nid: x\u0001y\ndata: b\n\nid: 2\ndata: c\n\n',
        [msg('a', '1'), msg('b', '1'), msg('c', '2')],
        {
          refuseId,
        },
      );
      const p = new EventStreamParser(
        { onEvent: () => {}, onRefusedId: (reason, id) => refused.push([reason, id]) },
        { refuseId, lastEventId: '7' },
      );
      p.feed(utf8('id: x\u0001y\n\n'));
      expect(p.lastEventId).toBe('7');
      expect(refused).toEqual([['has SOH', 'x\u0001y']]);
    });

    it('resets the last event ID with an empty id', () => {
      expectParse('id: 1\ndata: a\n\nid\ndata: b\n\nid:\ndata: c\n\n', [msg('a', '1'), msg('b'), msg('c')]);
    });

    it('takes an id from a block without data, as the spec sets it before checking data', () => {
      expectParse('id: 7\n\ndata: x\n\n', [{ lastEventId: '7' }, msg('x', '7')]);
      expectParse('id: 7\n\nid: 7\n\n', [{ lastEventId: '7' }]);
    });

    it('sets the id only at dispatch: an unterminated block does not change it', () => {
      const p = new EventStreamParser({ onEvent: () => {} });
      p.feed(utf8('id: 1\ndata: a\n\nid: 2\ndata: b\n'));
      p.end();
      expect(p.lastEventId).toBe('1');
    });

    it('starts from the id carried over from an earlier connection', () => {
      expectParse('data: a\n\nid: 10\ndata: b\n\n', [msg('a', '9'), msg('b', '10')], { lastEventId: '9' });
    });
  });

  describe('retry', () => {
    it('accepts ASCII digits only', () => {
      expectParse('retry: 1500\n', [{ retry: 1500 }]);
      expectParse('retry: 0012\n', [{ retry: 12 }]);
      expectParse('retry:0\n', [{ retry: 0 }]);
      for (const bad of ['15a', '-1', '1.5', '', ' 15', '1 ', '١٢', '+3', '1e3']) {
        expectParse(`retry: ${bad}\ndata: x\n\n`, [msg('x')]);
      }
    });
  });

  describe('bytes and text', () => {
    it('strips one leading BOM, and only at the very start', () => {
      expectParse('\uFEFFdata: a\n\n', [msg('a')]);
      // A second BOM is part of the first field name, which is then unknown.
      expectParse('\uFEFF\uFEFFdata: a\n\ndata: b\n\n', [msg('b')]);
      expectParse('data: a\n\n\uFEFFdata: b\n\n', [msg('a')]);
      // A BOM inside a value is text.
      expectParse('data: \uFEFFx\n\n', [msg('\uFEFFx')]);
    });

    it('keeps a lone start that only looks like a BOM', () => {
      expectParse(Uint8Array.of(0xef, 0xbb, 0x0a, ...utf8('data: x\n\n')), [msg('x')]);
      expectParse(Uint8Array.of(0xef, ...utf8('\ndata: x\n\n')), [msg('x')]);
    });

    it('decodes UTF-8, whole characters even when split across chunks', () => {
      expectParse('data: 潮汐\n\n', [msg('潮汐')]);
      expectParse('data: €😀\n\n', [msg('€😀')]);
      expectParse('event: 座位\ndata: ok\n\n', [msg('ok', '', '座位')]);
      expectParse('id: é\ndata: x\n\n', [msg('x', 'é')]);
    });

    it('replaces invalid UTF-8 with U+FFFD', () => {
      expectParse(Uint8Array.of(...utf8('data: '), 0xff, 0x0a, 0x0a), [msg('\uFFFD')]);
      expectParse(Uint8Array.of(...utf8('data: '), 0xe2, 0x82, 0x0a, 0x0a), [msg('\uFFFD')]);
    });
  });

  describe('size bound', () => {
    // Lines count as sent: "data: 0123" is 10 bytes.
    const opts = { maxEventBytes: 10 };

    it('accepts an event of exactly the bound', () => {
      expectParse('data: 0123\n\n', [msg('0123')], opts);
      expectParse('data:0\ndata\n\n', [msg('0\n')], opts);
    });

    /** What `feed` throws for `text`, fed in one chunk. */
    const tooLarge = (text: string): EventTooLargeError => {
      try {
        parse([utf8(text)], opts);
      } catch (err) {
        if (err instanceof EventTooLargeError) return err;
        throw err;
      }
      throw new Error('nothing thrown');
    };

    it('keeps nothing of an event past the bound, counts it to its end, then says how large it was', () => {
      expect(tooLarge('data: 01234\n\n')).toMatchObject({
        bytes: 11,
        complete: true,
        eventType: '',
        limit: 10,
      });
      expect(tooLarge('event: x\ndata: 0123\n\n')).toMatchObject({
        bytes: 18,
        complete: true,
        eventType: 'x',
      });
      // A type after the limit was passed is not read: whether its line came whole would depend on the chunks.
      const late = new EventStreamParser({ onEvent: () => {} }, { maxEventBytes: 20 });
      expect(() => late.feed(utf8('data: 0123456789ABCDEF\nevent: film.upsert\n\n'))).toThrow(
        'an event of 40 bytes is larger than the limit of 20 bytes',
      );
      expect(tooLarge('data: 01234\n\n').message).toBe(
        'an event of 11 bytes is larger than the limit of 10 bytes',
      );
      expect(tooLarge(': comment past 10\n\n')).toMatchObject({ complete: true });
      const seen: string[] = [];
      const p = new EventStreamParser({ onEvent: (e) => seen.push(e.data) }, opts);
      p.feed(utf8('data: 1\n\ndata'));
      p.feed(utf8(': 01'));
      p.feed(utf8('234'));
      p.feed(utf8('56\nid: 9\n'));
      expect(() => p.feed(utf8('\n'))).toThrow(/of 18 bytes is larger than the limit of 10 bytes/);
      expect(seen).toEqual(['1']);
      expect(p.lastEventId).toBe('');
      expect(() => p.feed(utf8('\n\n'))).toThrow(/start a new one/);
    });

    it('gives up on an event that goes on past twice the bound without ending', () => {
      expect(tooLarge('data: 0123456789ABCDEF')).toMatchObject({ bytes: 20, complete: false });
      expect(tooLarge('data: 0123456789ABCDEF').message).toBe(
        'an event grew past 20 bytes without ending (the limit is 10 bytes)',
      );
      const p = new EventStreamParser({ onEvent: () => {} }, opts);
      p.feed(utf8('data: 0123456789'));
      p.feed(utf8('0123'));
      expect(() => p.feed(utf8('4'))).toThrow(/grew past 20 bytes without ending/);
    });

    it('fails the same way however the bytes were cut', () => {
      const bytes = utf8('data: 01\ndata: 2\n\n');
      for (const chunks of splits(bytes)) expect(() => parse(chunks, opts)).toThrow(EventTooLargeError);
    });

    it('measures each event on its own; comments and unknown fields never add up', () => {
      const noise = ': xxxxxxx\nfoo: bar\n'.repeat(20);
      expectParse(`data: 0123\n\n${noise}data: 4567\n${noise}\n`, [msg('0123'), msg('4567')], opts);
    });
  });

  it('reads what it is fed, whatever the chunking (property)', () => {
    const field = fc.stringMatching(/^[^\r\n]{0,12}$/);
    const block = fc.record({
      event: fc.option(fc.stringMatching(/^[a-z.]{1,8}$/), { nil: undefined }),
      id: fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: undefined }),
      data: fc.array(field, { minLength: 1, maxLength: 3 }),
    });
    const eol = fc.constantFrom('\n', '\r', '\r\n');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(block, eol), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (blocks, cuts) => {
          let text = '';
          const expected: Out = [];
          let id = '';
          for (const [b, nl] of blocks) {
            if (b.event) text += `event: ${b.event}${nl}`;
            if (b.id !== undefined) text += `id: ${b.id}${nl}`;
            for (const line of b.data) text += `data: ${line}${nl}`;
            text += nl;
            id = b.id ?? id;
            expected.push(msg(b.data.join('\n'), id, b.event ?? 'message'));
          }
          const bytes = utf8(text);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((p, i, all) => bytes.subarray(p, all[i + 1] ?? bytes.length));
          expect(parse(chunks)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('eventsource-parser 4 (why the relay has its own parser)', () => {
  const run = (chunks: string[]) => {
    const out: { id: string | undefined; data: string }[] = [];
    const p = createParser({ onEvent: (e) => out.push({ id: e.id, data: e.data }) });
    chunks.forEach((c) => p.feed(c));
    return out;
  };

  it('loses an id that arrives in a block without data', () => {
    // The spec's last event ID is 7 when "x" arrives; a resume would send 7.
    expect(run(['id: 7\n\n', 'data: x\n\n'])).toEqual([{ id: undefined, data: 'x' }]);
  });

  it('no longer holds an event back when a chunk ends in CR (fixed in 4; 3 did)', () => {
    expect(run(['data: a\r\r'])).toEqual([{ id: undefined, data: 'a' }]);
  });
});
