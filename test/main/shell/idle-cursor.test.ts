import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleCursor, type Point } from '../../../main/shell/idle-cursor.ts';

describe('IdleCursor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(idleMs = 3_000) {
    let at: Point = { x: 10, y: 10 };
    const changes: boolean[] = [];
    const cursor = new IdleCursor({ idleMs, position: () => at, setHidden: (h) => changes.push(h) });
    return { cursor, changes, moveTo: (p: Point) => (at = p) };
  }

  it('hides the pointer after it has been still for the idle time, once', () => {
    const { cursor, changes } = setup();
    vi.advanceTimersByTime(2_500);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(changes).toEqual([true]);
    expect(cursor.hidden).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(changes).toEqual([true]);
    cursor.stop();
  });

  it('shows it on the next sample after it moves, and hides it again later', () => {
    const { cursor, changes, moveTo } = setup();
    vi.advanceTimersByTime(3_000);
    moveTo({ x: 11, y: 10 });
    vi.advanceTimersByTime(500);
    expect(changes).toEqual([true, false]);
    vi.advanceTimersByTime(2_500);
    expect(changes).toEqual([true, false]);
    vi.advanceTimersByTime(500);
    expect(changes).toEqual([true, false, true]);
    cursor.stop();
  });

  it('keeps it visible while it keeps moving', () => {
    const { cursor, changes, moveTo } = setup();
    for (let i = 0; i < 20; i++) {
      moveTo({ x: i, y: 0 });
      vi.advanceTimersByTime(500);
    }
    expect(changes).toEqual([]);
    cursor.stop();
  });

  it('stops sampling when stopped', () => {
    const { cursor, changes } = setup();
    cursor.stop();
    vi.advanceTimersByTime(60_000);
    expect(changes).toEqual([]);
  });
});
