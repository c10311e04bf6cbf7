import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TickerCycle, type TickerItem, type TickerSlot } from '../../renderer/lib/ticker-cycle.ts';

const S = 1_000;
const items = (...ids: string[]): TickerItem[] => ids.map((id) => ({ id, key: id }));

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A cycle and the log of what it showed, with when. */
function ticker(onShow?: (s: TickerSlot | undefined, cycle: TickerCycle) => void) {
  const shown: { id: string | undefined; at: number }[] = [];
  const cycle: TickerCycle = new TickerCycle({
    onShow: (s) => {
      shown.push({ id: s?.id, at: Date.now() });
      onShow?.(s, cycle);
    },
  });
  return { cycle, shown, ids: () => shown.map((s) => s.id) };
}

describe('ticker cycle (fake timers)', () => {
  it('rotates every announcement, each for at least 6 s', () => {
    const t = ticker();
    t.cycle.update(items('a', 'b', 'c'));
    vi.advanceTimersByTime(60 * S);
    expect(t.ids().slice(0, 7)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
    for (let i = 1; i < t.shown.length; i++)
      expect(t.shown[i]!.at - t.shown[i - 1]!.at).toBeGreaterThanOrEqual(6 * S);
    t.cycle.stop();
  });

  it('keeps turning when the view never reports back (a scroll cancelled at mount, `finished` rejected)', () => {
    // The race that froze the old ticker: the line was measured before the footer had a width, a
    // scroll started and was cancelled, and only its `finished` could advance. Here nothing the
    // view does (or fails to do) is needed for the next line.
    const t = ticker((s, cycle) => {
      if (s) cycle.hold(s.slot - 1, 3_600 * S); // a hold for a slot that is already gone
    });
    t.cycle.update(items('a', 'b'));
    vi.advanceTimersByTime(20 * S);
    expect(new Set(t.ids())).toEqual(new Set(['a', 'b']));
    expect(t.shown.length).toBeGreaterThanOrEqual(3);
    t.cycle.stop();
  });

  it('gives a long line its scroll time, then moves on; a short scroll still gets 6 s', () => {
    const t = ticker((s, cycle) => {
      if (s?.id === 'long') cycle.hold(s.slot, 25 * S);
      if (s?.id === 'short') cycle.hold(s.slot, 1 * S);
    });
    t.cycle.update(items('long', 'short', 'fits'));
    vi.advanceTimersByTime(25 * S - 1);
    expect(t.ids()).toEqual(['long']);
    vi.advanceTimersByTime(1);
    expect(t.ids()).toEqual(['long', 'short']);
    vi.advanceTimersByTime(6 * S);
    expect(t.ids()).toEqual(['long', 'short', 'fits']);
    vi.advanceTimersByTime(9 * S);
    expect(t.ids().at(-1)).toBe('long');
    t.cycle.stop();
  });

  it('shows a new or changed announcement at once and lets a removed one go at once', () => {
    const t = ticker();
    t.cycle.update(items('a', 'b', 'c'));
    vi.advanceTimersByTime(2 * S);
    t.cycle.update(items('a', 'new', 'b', 'c'));
    expect(t.cycle.current?.id).toBe('new');
    t.cycle.update([...items('a', 'new', 'b'), { id: 'c', key: 'c, edited' }]);
    expect(t.cycle.current?.id).toBe('c');
    t.cycle.update(items('a', 'new', 'b'));
    // c was last: the rotation starts over.
    expect(t.cycle.current?.id).toBe('a');
    t.cycle.update(items('new', 'b'));
    expect(t.cycle.current?.id).toBe('new');
    t.cycle.update([]);
    expect(t.cycle.current).toBeUndefined();
    t.cycle.update(items('z'));
    expect(t.cycle.current?.id).toBe('z');
    t.cycle.stop();
  });

  it('keeps its place when the list is sent again unchanged', () => {
    const t = ticker();
    t.cycle.update(items('a', 'b'));
    vi.advanceTimersByTime(10 * S);
    t.cycle.update(items('a', 'b'));
    expect(t.ids()).toEqual(['a', 'b']);
    t.cycle.stop();
  });

  it('runs for an hour of fake time with changes along the way, never stuck and fair to every line', () => {
    // The view asks for odd scroll lengths, some of them for slots that have already gone.
    let n = 0;
    const t = ticker((s, cycle) => {
      n++;
      if (s && n % 3 === 0) cycle.hold(s.slot, 14 * S);
      if (s && n % 5 === 0) cycle.hold(s.slot - 1, 60 * S);
    });
    const start = Date.now();
    t.cycle.update(items('a', 'b', 'c'));
    for (let minute = 1; minute <= 60; minute++) {
      vi.advanceTimersByTime(60 * S);
      if (minute === 20) t.cycle.update(items('a', 'b', 'c', 'd'));
      if (minute === 40) t.cycle.update(items('b', 'c', 'd'));
    }
    const gaps = t.shown.slice(1).map((s, i) => s.at - t.shown[i]!.at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(14 * S);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0);
    const lastTwenty = t.shown.filter((s) => s.at > start + 40 * 60 * S).map((s) => s.id);
    expect(new Set(lastTwenty)).toEqual(new Set(['b', 'c', 'd']));
    const count = (id: string) => lastTwenty.filter((x) => x === id).length;
    expect(Math.abs(count('b') - count('d'))).toBeLessThanOrEqual(1);
    expect(t.shown.length).toBeGreaterThan(250);
    t.cycle.stop();
  });
});
