import { describe, expect, it } from 'vitest';
import { DEFAULT_VENUE_NAME, venueIsSet } from '../../../main/domain/venue-setup.ts';

describe('venueIsSet', () => {
  it.each<[{ name: string; version?: number }, boolean, string]>([
    [{ name: DEFAULT_VENUE_NAME, version: 1 }, false, 'the placeholder of a new database'],
    [
      { name: 'Rex', version: 1 },
      false,
      'a name given at creation but never saved: its zone is the machine’s',
    ],
    [{ name: DEFAULT_VENUE_NAME, version: 4 }, false, 'saved, but still the placeholder name'],
    [{ name: '  ', version: 3 }, false, 'a blank name'],
    [{ name: 'Rex', version: 2 }, true, 'saved by staff or sent by a feed'],
    [{ name: 'Rex' }, true, 'a feed venue with no version'],
  ])('%j → %s (%s)', (venue, set) => {
    expect(venueIsSet(venue)).toBe(set);
  });
});
