import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spendRelaunch } from '../../../main/shell/relaunch-history.ts';
import { RendererWatchdog, type WatchedRenderer, spendBudget } from '../../../main/shell/watchdog.ts';
import { tempDir } from '../../support/temp-dir.ts';

const MIN = 60_000;

describe('spendBudget', () => {
  it('allows max events per window, then refuses until the oldest ages out', () => {
    let history: number[] = [];
    const at = (t: number) => {
      const r = spendBudget(history, t, 3, 10 * MIN);
      history = r.history;
      return r.allowed;
    };
    expect([at(0), at(1 * MIN), at(2 * MIN), at(3 * MIN)]).toEqual([true, true, true, false]);
    expect(at(10 * MIN - 1)).toBe(false);
    expect(at(10 * MIN)).toBe(true); // the event at 0 left the window
    expect(history).toEqual([1 * MIN, 2 * MIN, 10 * MIN]);
  });

  it('forgets times in the future, as after the clock was set back', () => {
    expect(spendBudget([5 * MIN, 6 * MIN, 7 * MIN], 1 * MIN, 3, 10 * MIN)).toEqual({
      allowed: true,
      history: [1 * MIN],
    });
  });

  it('allows nothing with a budget of zero', () => {
    expect(spendBudget([], 0, 0, MIN).allowed).toBe(false);
  });
});

describe('RendererWatchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(escalateAnswer = true) {
    const calls: string[] = [];
    const renderer: WatchedRenderer = {
      reload: () => calls.push('reload'),
      crash: () => calls.push('crash'),
      showFailure: (m) => calls.push(`failure: ${m}`),
    };
    const reasons: string[] = [];
    const dog = new RendererWatchdog(
      renderer,
      { unresponsiveMs: 15_000, maxReloads: 3, reloadWindowMs: 10 * MIN, now: () => Date.now() },
      (reason) => {
        reasons.push(reason);
        return escalateAnswer;
      },
    );
    return { dog, calls, reasons };
  }

  it('reloads a crashed renderer after a pause', () => {
    const { dog, calls } = setup();
    dog.gone('crashed');
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(999);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['reload']);
  });

  it('ignores a clean exit', () => {
    const { dog, calls } = setup();
    dog.gone('clean-exit');
    vi.advanceTimersByTime(60_000);
    expect(calls).toEqual([]);
  });

  it('kills a renderer hung for the whole grace period, then reloads it once Electron reports it gone', () => {
    const { dog, calls } = setup();
    dog.unresponsive();
    vi.advanceTimersByTime(14_999);
    dog.unresponsive(); // repeated events do not restart the clock
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['crash']);
    dog.gone('killed');
    vi.advanceTimersByTime(1_000);
    expect(calls).toEqual(['crash', 'reload']);
  });

  it('leaves a renderer that recovers in time alone', () => {
    const { dog, calls } = setup();
    dog.unresponsive();
    vi.advanceTimersByTime(10_000);
    dog.responsive();
    vi.advanceTimersByTime(60_000);
    expect(calls).toEqual([]);
  });

  it('escalates to an app relaunch on the fourth crash within ten minutes', () => {
    const { dog, calls, reasons } = setup();
    for (let i = 0; i < 3; i++) {
      dog.gone('crashed');
      vi.advanceTimersByTime(2 * MIN);
    }
    expect(calls).toEqual(['reload', 'reload', 'reload']);
    dog.gone('oom');
    vi.advanceTimersByTime(MIN);
    expect(calls).toHaveLength(3);
    expect(reasons).toEqual(['renderer gone (oom) 4 times in 10 min']);
  });

  it('keeps reloading when crashes are spread out', () => {
    const { dog, calls, reasons } = setup();
    for (let i = 0; i < 6; i++) {
      dog.gone('crashed');
      vi.advanceTimersByTime(4 * MIN);
    }
    expect(calls.filter((c) => c === 'reload')).toHaveLength(6);
    expect(reasons).toEqual([]);
  });

  it('shows the failure and stops when the relaunch budget is spent too', () => {
    const { dog, calls } = setup(false);
    for (let i = 0; i < 4; i++) dog.gone('crashed');
    vi.advanceTimersByTime(MIN);
    expect(calls).toEqual([
      'failure: This display stopped: renderer gone (crashed) 4 times in 10 min, and relaunching did not help.',
    ]);
    dog.gone('crashed');
    dog.unresponsive();
    dog.loadFailed(-102);
    vi.advanceTimersByTime(10 * MIN);
    expect(calls).toHaveLength(1);
  });

  it('retries a failed load without counting it as a crash, once at a time', () => {
    const { dog, calls, reasons } = setup();
    dog.loadFailed(-3); // aborted by another navigation
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual([]);
    dog.loadFailed(-102); // connection refused
    dog.loadFailed(-102);
    vi.advanceTimersByTime(5_000);
    expect(calls).toEqual(['reload']);
    for (let i = 0; i < 10; i++) {
      dog.loadFailed(-102);
      vi.advanceTimersByTime(5_000);
    }
    expect(calls).toHaveLength(11);
    expect(reasons).toEqual([]);
  });

  it('cancels everything on dispose', () => {
    const { dog, calls } = setup();
    dog.gone('crashed');
    dog.unresponsive();
    dog.dispose();
    vi.advanceTimersByTime(10 * MIN);
    expect(calls).toEqual([]);
  });
});

describe('spendRelaunch', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir.remove());

  it('keeps the budget across processes in a file', () => {
    dir = tempDir();
    const file = join(dir.path, 'relaunches.json');
    const spend = (t: number) => spendRelaunch(file, t, 2, 60 * MIN);
    expect([spend(0), spend(MIN), spend(2 * MIN)]).toEqual([true, true, false]);
    expect(spend(60 * MIN)).toBe(true);
  });

  it('treats a damaged file as no relaunches yet', () => {
    dir = tempDir();
    const file = join(dir.path, 'relaunches.json');
    writeFileSync(file, '{"not": "a list"');
    expect(spendRelaunch(file, 0, 1, MIN)).toBe(true);
    expect(spendRelaunch(file, 1, 1, MIN)).toBe(false);
  });
});
