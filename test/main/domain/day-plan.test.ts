import { describe, expect, it } from 'vitest';
import { clashesOf, dayBlocks, movedShow } from '../../../main/domain/day-plan.ts';
import type { Showtime } from '../../../main/domain/records.ts';
import { VenueSettings } from '../../../main/domain/records.ts';
import { localShow } from '../../support/showtime-fixture.ts';

// 15 min pre-show, 15 min cleaning: a 100-min film holds its screen 130 min.
const venue = { settings: VenueSettings.parse({}) };
const runtimeOf = (id: string) => ({ f1: 100, f2: 120 })[id];
const show = localShow;
const at = (hm: string) => Date.parse(`2030-05-06T${hm}:00Z`);

describe('day plan', () => {
  const day = [show('s1', '2030-05-06T14:00:00Z'), show('s2', '2030-05-06T17:00:00Z', { filmId: 'f2' })];

  it('blocks each show from its start to the audience out and the cleaning done', () => {
    expect(
      dayBlocks([...day].reverse(), runtimeOf, venue).map((b) => [b.show.id, b.from, b.ends, b.until]),
    ).toEqual([
      ['s1', at('14:00'), at('15:55'), at('16:10')],
      ['s2', at('17:00'), at('19:15'), at('19:30')],
    ]);
  });

  const cases: [string, Showtime, string[]][] = [
    ['moved into the next show’s doors', movedShow(day[0]!, at('15:00'), 0), ['s2']],
    ['moved to end its cleaning exactly at the next start', movedShow(day[0]!, at('14:50'), 0), []],
    ['extended by a Q&A past the next start', movedShow(day[0]!, at('14:00'), 60), ['s2']],
    ['in another auditorium', { ...movedShow(day[0]!, at('17:00'), 0), auditoriumId: 'a2' }, []],
    ['moved onto the next show itself', movedShow(day[0]!, at('17:30'), 0), ['s2']],
  ];
  for (const [name, next, want] of cases) {
    it(`clashes: ${name}`, () => {
      expect(clashesOf(next, day, runtimeOf, venue).map((b) => b.show.id)).toEqual(want);
    });
  }

  it('ignores cancelled shows and keeps a set feature start in step', () => {
    const cancelled = [show('x', '2030-05-06T15:00:00Z', { status: 'cancelled' })];
    expect(clashesOf(movedShow(day[0]!, at('15:00'), 0), cancelled, runtimeOf, venue)).toEqual([]);
    const withFeature = show('f', '2030-05-06T14:00:00Z', {
      featureStartsAt: '2030-05-06T14:25:00.000Z',
      extraMinutes: 10,
    });
    expect(movedShow(withFeature, at('15:00'), 0)).toEqual({
      ...show('f', '2030-05-06T15:00:00.000Z'),
      featureStartsAt: '2030-05-06T15:25:00.000Z',
    });
  });
});
