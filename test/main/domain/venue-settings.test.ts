import { describe, expect, it } from 'vitest';
import { Venue, VenueSettings, VenueSettingsPatch, mergeSettings } from '../../../main/domain/records.ts';

describe('venue settings', () => {
  it('has a default for every field, so a bare upstream venue parses', () => {
    expect(VenueSettings.parse({})).toEqual({
      fewSeatsThreshold: 20,
      fewSeats: { percent: 0, floor: 20 },
      seatingMinutes: 20,
      graceMinutes: 10,
      cleaningMinutes: 15,
      staleAfterMinutes: 30,
      languageSeconds: 10,
      hourCycle: 'auto',
      businessDayStartsAt: '04:00',
      preShowMinutes: 15,
      tags: [],
    });
    expect(Venue.parse({ id: 'v', name: 'V', timezone: 'UTC', locales: ['en'] }).settings.fewSeats).toEqual({
      percent: 0,
      floor: 20,
    });
  });

  it('takes fewSeatsThreshold as the old name of fewSeats.floor and always sends both', () => {
    expect(VenueSettings.parse({ fewSeatsThreshold: 12 })).toMatchObject({
      fewSeatsThreshold: 12,
      fewSeats: { percent: 0, floor: 12 },
    });
    expect(VenueSettings.parse({ fewSeats: { percent: 10, floor: 5 } })).toMatchObject({
      fewSeatsThreshold: 5,
      fewSeats: { percent: 10, floor: 5 },
    });
    expect(VenueSettings.parse({ fewSeatsThreshold: 7, fewSeats: { percent: 5 } }).fewSeats).toEqual({
      percent: 5,
      floor: 7,
    });
    // What the hub sends parses back to itself.
    const sent = VenueSettings.parse({ fewSeats: { percent: 10, floor: 5 } });
    expect(VenueSettings.parse(sent)).toEqual(sent);
  });

  it.each([
    [
      { fewSeatsThreshold: 3, fewSeats: { floor: 4 } },
      'fewSeatsThreshold',
      'is the old name of fewSeats.floor and must equal it; send only one of them',
    ],
    [{ fewSeats: { percent: 101 } }, 'fewSeats.percent', 'must be 0–100'],
    [{ hourCycle: 'h24' }, 'hourCycle', 'Invalid option: expected one of "auto"|"h12"|"h23"'],
    [{ businessDayStartsAt: '4am' }, 'businessDayStartsAt', 'must be a time like 19:30'],
    [{ preShowMinutes: 121 }, 'preShowMinutes', 'Too big: expected number to be <=120'],
  ])('refuses %j at %s', (settings, path, message) => {
    const issue = VenueSettings.safeParse(settings).error?.issues[0];
    expect(issue?.path.join('.')).toBe(path);
    expect(issue?.message).toBe(message);
  });

  it('applies a partial update over the current settings, the old name moving the floor', () => {
    const current = VenueSettings.parse({ fewSeats: { percent: 10, floor: 5 }, hourCycle: 'h23' });
    const apply = (patch: unknown) =>
      VenueSettings.parse(mergeSettings(current, VenueSettingsPatch.parse(patch)));
    expect(apply({ fewSeatsThreshold: 8 })).toMatchObject({
      fewSeatsThreshold: 8,
      fewSeats: { percent: 10, floor: 8 },
    });
    expect(apply({ fewSeats: { percent: 20 } })).toMatchObject({
      fewSeatsThreshold: 5,
      fewSeats: { percent: 20, floor: 5 },
    });
    expect(apply({ cleaningMinutes: 5 })).toMatchObject({
      cleaningMinutes: 5,
      hourCycle: 'h23',
      fewSeatsThreshold: 5,
    });
    expect(apply(current)).toEqual(current);
    expect(VenueSettingsPatch.safeParse({ colour: 'red' }).success).toBe(false);
  });
});
