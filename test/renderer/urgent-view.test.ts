import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Announcement } from '../../main/domain/records.ts';
import { Clock } from '../../renderer/lib/clock.svelte.ts';
import { FeedStore } from '../../renderer/lib/feed-store.svelte.ts';
import { urgentNow, urgentTexts } from '../../renderer/lib/urgent-view.ts';
import { venue } from './support/fixtures.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 2, 12);
const iso = (ms: number) => new Date(ms).toISOString();
const ann = (a: Partial<Announcement> & { id: string }) => Announcement.parse({ text: a.id, ...a });

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('urgent takeover', () => {
  it('picks the highest-priority urgent announcement showing now, never a normal one', () => {
    const all = [
      ann({ id: 'normal', priority: 100 }),
      ann({ id: 'low', urgent: true, priority: 1, endsAt: iso(T0 + 10 * MIN) }),
      ann({ id: 'high', urgent: true, priority: 5, endsAt: iso(T0 + 10 * MIN) }),
      ann({ id: 'later', urgent: true, priority: 9, startsAt: iso(T0 + MIN), endsAt: iso(T0 + 10 * MIN) }),
    ];
    expect(urgentNow(all, T0)?.id).toBe('high');
    expect(urgentNow(all, T0 + MIN)?.id).toBe('later');
    expect(urgentNow(all, T0 + 10 * MIN)).toBeUndefined();
    expect(urgentNow([all[0]!], T0)).toBeUndefined();
  });

  it('keeps a message on an offline screen until its end time, by the fake clock, and drops it then', () => {
    const store = new FeedStore();
    const clock = new Clock();
    store.snapshot({
      seq: 1,
      venue: venue('Europe/London'),
      auditoriums: [],
      films: [],
      showtimes: [],
      announcements: [ann({ id: 'evac', urgent: true, endsAt: iso(T0 + 30 * MIN + 500) })],
    });
    store.link('live', T0);
    clock.start();
    const shown = () => urgentNow(store.announcements.values(), clock.now)?.id;
    expect(shown()).toBe('evac');
    store.link('offline', T0 + 1_000);
    // 1 s after the snapshot the screen went offline; the last tick before the end is at +30 min.
    vi.advanceTimersByTime(30 * MIN + 499);
    expect(shown()).toBe('evac');
    // The clock ticks each second: gone within a second of its end.
    vi.advanceTimersByTime(1_000);
    expect(shown()).toBeUndefined();
    clock.stop();
  });

  it('cycles through every venue language, once per distinct text, base text for the first', () => {
    const a = ann({ id: 'x', text: 'Please leave now', texts: { 'zh-CN': '请立即离开', fr: 'Sortez' } });
    expect(urgentTexts(a, ['en', 'zh-CN', 'ms', 'fr'])).toEqual([
      { text: 'Please leave now', lang: 'en' },
      { text: '请立即离开', lang: 'zh-CN' },
      { text: 'Sortez', lang: 'fr' },
    ]);
    // A one-language screen still gets every language its venue speaks.
    expect(urgentTexts(a, ['fr', 'en'])).toEqual([
      { text: 'Sortez', lang: 'fr' },
      { text: 'Please leave now', lang: 'fr' },
    ]);
  });
});
