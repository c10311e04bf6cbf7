import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { type Beat, assessDisplay } from '../../../main/domain/displays.ts';
import { DisplayRegistry } from '../../../main/store/display-registry.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';

const beat = (at: number, lastEventId: number | null, hubSeq: number): Beat => ({ at, lastEventId, hubSeq });
const S = 15_000;

describe('assessDisplay', () => {
  it('is ok while beats come and the screen keeps up', () => {
    expect(assessDisplay([beat(0, 10, 10)], 1_000)).toEqual({ state: 'ok' });
    // Behind at each beat, but applying events: the lag moves both ways.
    expect(assessDisplay([beat(0, 8, 10), beat(S, 19, 20), beat(2 * S, 29, 31)], 2 * S)).toEqual({
      state: 'ok',
    });
    // A steady small lag while events flow is a screen keeping pace, not a stalled one.
    expect(assessDisplay([beat(0, 9, 10), beat(S, 19, 20), beat(2 * S, 29, 30)], 2 * S)).toEqual({
      state: 'ok',
    });
  });

  it('flags a screen not heard from for more than 45 s', () => {
    expect(assessDisplay([beat(0, 10, 10)], 45_000)).toEqual({ state: 'ok' });
    expect(assessDisplay([beat(0, 10, 10)], 45_001)).toEqual({ state: 'stalled', reason: 'silent' });
    expect(assessDisplay([], 0)).toEqual({ state: 'stalled', reason: 'silent' });
  });

  it('flags a lag that does not shrink over three beats', () => {
    expect(assessDisplay([beat(0, 10, 12), beat(S, 10, 15), beat(2 * S, 10, 19)], 2 * S)).toEqual({
      state: 'stalled',
      reason: 'stuck',
    });
    expect(assessDisplay([beat(0, 10, 15), beat(S, 14, 25), beat(2 * S, 20, 40)], 2 * S)).toEqual({
      state: 'stalled',
      reason: 'lag-growing',
    });
    expect(assessDisplay([beat(0, null, 5), beat(S, null, 5), beat(2 * S, null, 6)], 2 * S)).toEqual({
      state: 'stalled',
      reason: 'no-events',
    });
    expect(assessDisplay([beat(0, 50, 10)], 0)).toEqual({ state: 'stalled', reason: 'ahead' });
  });
});

describe('DisplayRegistry', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let now: number;
  const hb = (displayId: string, lastEventId: number | null = 1) => ({
    displayId,
    role: 'board' as const,
    lastEventId,
    lastFrameAt: new Date(now).toISOString(),
    url: 'http://127.0.0.1:4747/',
  });
  beforeEach(() => {
    dir = tempDir();
    store = Store.open({ file: join(dir.path, 'm.db') });
    now = Date.parse('2030-01-01T00:00:00Z');
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  it('keeps at most maxDisplays, forgetting the longest silent', () => {
    const reg = new DisplayRegistry(store.displays, { maxDisplays: 3, now: () => now });
    for (const id of ['d1', 'd2', 'd3']) {
      reg.beat(hb(id), '10.0.0.1', 1);
      now += 1000;
    }
    reg.beat(hb('d1'), '10.0.0.1', 1);
    reg.beat(hb('d4'), '10.0.0.1', 1);
    expect(reg.list().map((d) => d.displayId)).toEqual(['d4', 'd1', 'd3']);
    expect(
      store.displays
        .all()
        .map((r) => r.display_id)
        .sort(),
    ).toEqual(['d1', 'd3', 'd4']);
  });

  it('reports lag against the hub seq at the last beat, and survives a restart as silent', () => {
    const reg = new DisplayRegistry(store.displays, { now: () => now });
    reg.beat(hb('door-1', 40), '10.0.0.2', 42);
    expect(reg.list()[0]).toMatchObject({
      displayId: 'door-1',
      lastEventId: 40,
      lag: 2,
      health: { state: 'ok' },
    });
    now += 60_000;
    const after = new DisplayRegistry(store.displays, { now: () => now });
    expect(after.list()[0]).toMatchObject({
      displayId: 'door-1',
      lag: 2,
      health: { state: 'stalled', reason: 'silent' },
    });
  });

  it('writes a screen to disk at most once a minute', () => {
    const reg = new DisplayRegistry(store.displays, { now: () => now });
    reg.beat(hb('d1', 1), '10.0.0.1', 1);
    now += 15_000;
    reg.beat(hb('d1', 2), '10.0.0.1', 2);
    expect(store.displays.all()[0]).toMatchObject({ last_event_id: 1 });
    now += 45_000;
    reg.beat(hb('d1', 3), '10.0.0.1', 3);
    expect(store.displays.all()[0]).toMatchObject({ last_event_id: 3 });
  });
});
