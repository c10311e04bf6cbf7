import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { SSE_HEADERS, formatComment, formatEvent, formatRetry } from '../../../main/sse/frame.ts';

function parse(stream: string): EventSourceMessage[] {
  const out: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => out.push(e) });
  parser.feed(stream);
  return out;
}

describe('SSE framing', () => {
  it('writes id, event and data, ending with a blank line', () => {
    expect(formatEvent({ id: 7, event: 'availability', data: '{"a":1}' })).toBe(
      'id: 7\nevent: availability\ndata: {"a":1}\n\n',
    );
  });

  it('splits multi-line data into data lines that clients rejoin with LF', () => {
    const data = 'one\ntwo\r\nthree\rfour';
    const frame = formatEvent({ id: 1, event: 'x', data });
    expect(frame).toBe('id: 1\nevent: x\ndata: one\ndata: two\ndata: three\ndata: four\n\n');
    expect(parse(frame)).toEqual([{ id: '1', event: 'x', data: 'one\ntwo\nthree\nfour' }]);
  });

  it('keeps CR or LF inside an id or event name from breaking the frame', () => {
    const frame = formatEvent({ id: '5\n\ndata: forged', event: 'a\r\nevent: b', data: 'real' });
    const events = parse(frame + formatEvent({ id: 6, data: 'next' }));
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({ id: '5data: forged', event: 'aevent: b', data: 'real' });
    expect(events[1]?.data).toBe('next');
  });

  it('drops NUL from ids, which would make clients ignore them', () => {
    expect(formatEvent({ id: '1\u00002', data: '' })).toBe('id: 12\ndata: \n\n');
  });

  it('keeps data that starts with a space or colon intact', () => {
    for (const data of [' leading', ': looks like a comment', '', 'data: nested']) {
      expect(parse(formatEvent({ data }))[0]?.data).toBe(data);
    }
  });

  it('formats comments and retry', () => {
    expect(formatComment('ping')).toBe(': ping\n');
    expect(formatComment('a\nb')).toBe(': a b\n');
    expect(formatRetry(2000)).toBe('retry: 2000\n\n');
  });

  it('has frozen contract headers', () => {
    expect(SSE_HEADERS).toMatchObject({
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
    });
    expect(Object.isFrozen(SSE_HEADERS)).toBe(true);
  });
});
