import { describe, expect, it } from 'vitest';
import { doorSeats } from '../../renderer/board/door-text.ts';
import { buildBoard } from '../../renderer/lib/board-view.ts';
import { chipStatus } from '../../renderer/lib/chip-status.ts';
import { buildDoor } from '../../renderer/lib/door-view.ts';
import { screenLang } from '../../renderer/lib/screen-lang.ts';
import { at, film, show, venue, venueData } from './support/fixtures.ts';

const tz = 'Asia/Singapore';
const t = (hhmm: string) => at(`2026-11-21 ${hhmm}`, tz);

describe('doorSeats (a door sign says seats as the board does)', () => {
  // The venue's rule: few at or below max(5, 25 % of capacity), so 25 of 100 is few and 26 is plenty.
  const v = venue(tz, ['en'], { fewSeats: { percent: 25, floor: 5 }, seatingMinutes: 20 });
  const lang = screenLang(v, 'en');
  const shows = [
    show('plenty', 'f', t('19:00'), { seatsAvailable: 26 }),
    show('few', 'f', t('19:10'), { seatsAvailable: 25 }),
    show('soldout', 'f', t('19:20'), { seatsAvailable: 0 }),
  ];

  it('is quiet for plenty and speaks "N left" and "Sold out" by the venue rule, as the chip does', () => {
    const now = t('12:00');
    const data = venueData(v, shows, [film('f')]);
    const door = buildDoor(data, 'a1', now)!;
    const chips = new Map(
      buildBoard(data, now)!.films.flatMap((f) => f.shows.map((s) => [s.id, chipStatus(s, lang)])),
    );
    const said = door.lines.map((s) => [s.id, doorSeats(s, lang)] as const);
    expect(said).toEqual([
      ['plenty', { text: 'Available', seats: true, quiet: true }],
      ['few', { text: '25 left', seats: true }],
      ['soldout', { text: 'Sold out', seats: true }],
    ]);
    for (const [id, status] of said) expect(status, id).toEqual(chips.get(id));
  });

  it('leaves the clock to the badge: a show seating now still says its seats', () => {
    const door = buildDoor(venueData(v, shows, [film('f')]), 'a1', t('18:50'))!;
    expect([door.currentState, door.lines[0]!.id, door.lines[0]!.phase]).toEqual([
      'seating',
      'few',
      'seating',
    ]);
    // Not "Seating now" (the chip's clock line): the badge says "Doors open" beside it.
    expect(door.lines.map((s) => doorSeats(s, lang).text)).toEqual(['25 left', 'Available', 'Sold out']);
  });
});
