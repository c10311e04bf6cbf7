import { describe, expect, it } from 'vitest';
import { endsAbout, featureStart, occupancy, spansOverlap } from '../../../main/domain/show-times.ts';

const venue = (preShowMinutes = 15, cleaningMinutes = 15) => ({
  settings: { preShowMinutes, cleaningMinutes },
});
const T = Date.parse('2030-01-01T19:00:00Z');
const iso = (minutes: number) => new Date(T + minutes * 60_000).toISOString();
const film = { runtimeMinutes: 100 };

describe('feature start and end', () => {
  it('starts the feature at featureStartsAt, else preShowMinutes after startsAt', () => {
    expect(featureStart({ startsAt: iso(0) }, venue())).toBe(T + 15 * 60_000);
    expect(featureStart({ startsAt: iso(0) }, venue(0))).toBe(T);
    expect(featureStart({ startsAt: iso(0), featureStartsAt: iso(22) }, venue())).toBe(T + 22 * 60_000);
  });

  it('ends about feature start + runtime + extra minutes', () => {
    expect(endsAbout({ startsAt: iso(0) }, film, venue())).toBe(T + 115 * 60_000);
    expect(endsAbout({ startsAt: iso(0), extraMinutes: 30 }, film, venue())).toBe(T + 145 * 60_000);
    expect(endsAbout({ startsAt: iso(0), featureStartsAt: iso(5), extraMinutes: 0 }, film, venue())).toBe(
      T + 105 * 60_000,
    );
  });

  it('holds the auditorium from startsAt to the end plus cleaning; touching spans are free', () => {
    const a = occupancy({ startsAt: iso(0) }, film, venue());
    expect(a).toEqual({ from: T, until: T + 130 * 60_000 });
    const at = (m: number) => occupancy({ startsAt: iso(m) }, film, venue());
    expect(spansOverlap(a, at(129))).toBe(true);
    expect(spansOverlap(a, at(130))).toBe(false);
    expect(spansOverlap(at(130), a)).toBe(false);
    expect(spansOverlap(a, at(-129))).toBe(true);
    expect(spansOverlap(a, at(-130))).toBe(false);
    const long = occupancy({ startsAt: iso(0), extraMinutes: 20 }, film, venue());
    expect(spansOverlap(long, at(130))).toBe(true);
    expect(spansOverlap(long, at(150))).toBe(false);
  });
});
