import { describe, expect, it } from 'vitest';
import {
  type EntryFormat,
  entryFormat,
  formatDateEntry,
  formatTimeEntry,
  parseDateEntry,
  parseTimeEntry,
  stepTime,
} from '../../../renderer/admin/date-time-entry.ts';
import { dateKeyOf, isoOf, timeOf } from '../../../renderer/admin/venue-time.ts';

const venue = (locale: string, hourCycle: 'auto' | 'h12' | 'h23' = 'auto') =>
  entryFormat({ locales: [locale], settings: { hourCycle } });
const FR = venue('fr');
const US = venue('en-US');
const GB = venue('en-GB');
const ZH = venue('zh');
const DE = venue('de');
const TODAY = '2026-12-02';

describe('entryFormat: the venue’s order and clock from its first locale', () => {
  it.each([
    ['fr', 'dmy', '/', 'h23'],
    ['fr-FR', 'dmy', '/', 'h23'],
    ['en-US', 'mdy', '/', 'h12'],
    ['en', 'mdy', '/', 'h12'],
    ['en-GB', 'dmy', '/', 'h23'],
    ['en-CA', 'ymd', '-', 'h12'],
    ['zh', 'ymd', '-', 'h23'],
    ['zh-Hant-TW', 'ymd', '-', 'h12'],
    ['de-DE', 'dmy', '.', 'h23'],
    ['xx', 'dmy', '/', 'h23'],
    ['not a tag', 'dmy', '/', 'h23'],
  ])('%s reads %s with "%s" and %s', (locale, order, separator, hourCycle) => {
    expect(venue(locale)).toMatchObject({ order, separator, hourCycle });
  });

  it('reads month names in English for a venue whose locale cannot be read', () => {
    expect(parseDateEntry('5 Dec 2026', venue('not a tag'), TODAY)).toEqual({ value: '2026-12-05' });
  });

  it('takes the venue’s hour-cycle setting over its locale', () => {
    expect(venue('fr', 'h12').hourCycle).toBe('h12');
    expect(venue('en-US', 'h23').hourCycle).toBe('h23');
  });
});

describe('formatDateEntry and formatTimeEntry', () => {
  it.each<[EntryFormat, string]>([
    [FR, '05/12/2026'],
    [GB, '05/12/2026'],
    [US, '12/05/2026'],
    [ZH, '2026-12-05'],
    [DE, '05.12.2026'],
  ])('5 December 2026 in %o is %s', (f, text) => {
    expect(formatDateEntry('2026-12-05', f)).toBe(text);
  });

  it.each([
    ['19:30', '19:30', '7:30 PM'],
    ['00:05', '00:05', '12:05 AM'],
    ['12:00', '12:00', '12:00 PM'],
    ['09:00', '09:00', '9:00 AM'],
    ['23:59', '23:59', '11:59 PM'],
  ])('%s reads %s on a 24-hour clock and %s on a 12-hour one', (value, h23, h12) => {
    expect(formatTimeEntry(value, FR)).toBe(h23);
    expect(formatTimeEntry(value, US)).toBe(h12);
  });

  it('leaves an empty value empty', () => {
    expect(formatDateEntry('', FR)).toBe('');
    expect(formatTimeEntry('', US)).toBe('');
  });
});

describe('parseTimeEntry: what box-office staff type', () => {
  it.each([
    ['19:30', '19:30'],
    ['1930', '19:30'],
    ['19.30', '19:30'],
    ['19h30', '19:30'],
    ['19h', '19:00'],
    ['19', '19:00'],
    ['930', '09:30'],
    ['0930', '09:30'],
    ['7:30p', '19:30'],
    ['7:30 PM', '19:30'],
    ['7:30pm', '19:30'],
    ['730p', '19:30'],
    ['7p', '19:00'],
    ['7 p.m.', '19:00'],
    ['12am', '00:00'],
    ['12:15 AM', '00:15'],
    ['12pm', '12:00'],
    ['7:30 am', '07:30'],
    ['7:30', '07:30'],
    ['  0:00 ', '00:00'],
    ['', ''],
  ])('"%s" is %s in any venue', (text, value) => {
    expect(parseTimeEntry(text, FR)).toEqual({ value });
    expect(parseTimeEntry(text, US)).toEqual({ value });
  });

  it.each(['24:00', '19:60', '13pm', '0am', '7:3', 'noon', '19:30:00', '1:2:3', '12345', '7:30 x'])(
    '"%s" is refused with an example in the venue’s clock',
    (text) => {
      expect(parseTimeEntry(text, FR)).toEqual({ problem: 'Enter a time like 19:30' });
      expect(parseTimeEntry(text, US)).toEqual({ problem: 'Enter a time like 7:30 PM' });
    },
  );
});

describe('parseDateEntry: the venue’s order, whatever the browser’s', () => {
  it.each<[string, EntryFormat, string, string]>([
    ['fr', FR, '05/12/2026', '2026-12-05'],
    ['fr', FR, '5/12/2026', '2026-12-05'],
    ['fr', FR, '5.12.26', '2026-12-05'],
    ['fr', FR, '5-12-2026', '2026-12-05'],
    ['fr', FR, '5 12 2026', '2026-12-05'],
    ['fr', FR, '05122026', '2026-12-05'],
    ['fr', FR, '051226', '2026-12-05'],
    ['fr', FR, '0512', '2026-12-05'],
    ['fr', FR, '5/12', '2026-12-05'],
    ['fr', FR, '5 déc. 2026', '2026-12-05'],
    ['fr', FR, '5 decembre', '2026-12-05'],
    ['fr', FR, '5 Dec 2026', '2026-12-05'],
    ['fr', FR, '2026-12-05', '2026-12-05'],
    ['en-US', US, '12/05/2026', '2026-12-05'],
    ['en-US', US, '12/5', '2026-12-05'],
    ['en-US', US, '12052026', '2026-12-05'],
    ['en-US', US, 'Dec 5, 2026', '2026-12-05'],
    ['en-US', US, '5 December 2026', '2026-12-05'],
    ['en-US', US, '2026-12-05', '2026-12-05'],
    ['zh', ZH, '2026-12-05', '2026-12-05'],
    ['zh', ZH, '2026/12/5', '2026-12-05'],
    ['zh', ZH, '20261205', '2026-12-05'],
    ['zh', ZH, '12-05', '2026-12-05'],
    ['de', DE, '5.12.2026', '2026-12-05'],
    ['fr', FR, 'today', TODAY],
    ['fr', FR, 'Tomorrow', '2026-12-03'],
    ['fr', FR, 'yesterday', '2026-12-01'],
    ['fr', FR, '+7', '2026-12-09'],
    ['fr', FR, '-2', '2026-11-30'],
    ['fr', FR, '', ''],
  ])('%s: "%s" is %s', (_locale, f, text, value) => {
    expect(parseDateEntry(text, f, TODAY)).toEqual({ value });
  });

  it('puts a date without a year on its next day from today, or up to 60 days back', () => {
    expect(parseDateEntry('5/1', FR, TODAY)).toEqual({ value: '2027-01-05' });
    expect(parseDateEntry('1/11', FR, TODAY)).toEqual({ value: '2026-11-01' });
    expect(parseDateEntry('1/10', FR, TODAY)).toEqual({ value: '2027-10-01' });
    expect(parseDateEntry('29/2', FR, '2027-12-20')).toEqual({ value: '2028-02-29' });
  });

  it.each<[EntryFormat, string, string]>([
    [FR, '31/11/2026', 'November 2026 has 30 days'],
    [FR, '29/02/2026', 'February 2026 has 28 days'],
    [US, '02/30/2028', 'February 2028 has 29 days'],
  ])('a day the month lacks is named: %o "%s"', (f, text, problem) => {
    expect(parseDateEntry(text, f, TODAY)).toEqual({ problem });
  });

  it.each<[EntryFormat, string, string]>([
    [FR, '12/31/2026', 'Enter a date like 02/12/2026'],
    [US, '31/12/2026', 'Enter a date like 12/02/2026'],
    [ZH, '13/5', 'Enter a date like 2026-12-02'],
    [FR, 'soon', 'Enter a date like 02/12/2026'],
    [FR, 'ju 5', 'Enter a date like 02/12/2026'],
    [FR, '0/12/2026', 'Enter a date like 02/12/2026'],
    [FR, '5', 'Enter a date like 02/12/2026'],
    [FR, '5/12/2026/1', 'Enter a date like 02/12/2026'],
    [FR, '123', 'Enter a date like 02/12/2026'],
    [FR, '5/12/0100', 'Enter a date like 02/12/2026'],
  ])('unreadable text is refused with today as the example: %o "%s"', (f, text, problem) => {
    expect(parseDateEntry(text, f, TODAY)).toEqual({ problem });
  });
});

describe('stepTime: arrow keys step 5 minutes onto the step, Page keys an hour, round the clock', () => {
  it.each([
    ['19:30', 5, '19:35'],
    ['19:32', 5, '19:35'],
    ['19:32', -5, '19:30'],
    ['19:30', -5, '19:25'],
    ['23:55', 5, '00:00'],
    ['00:00', -5, '23:55'],
    ['19:30', 60, '20:30'],
    ['19:10', -60, '18:10'],
    ['00:20', -60, '23:20'],
  ])('%s by %i is %s', (from, by, to) => {
    expect(stepTime(from, by)).toBe(to);
  });
});

describe('what staff type lands on the venue’s clock, on the days the clocks change', () => {
  it.each([
    // Paris springs forward at 02:00 on 29 March 2026: 02:30 does not exist, so it is the jump.
    ['Europe/Paris', FR, '29/03/2026', '2h30', '2026-03-29T01:00:00.000Z', '03:00'],
    ['Europe/Paris', FR, '29/03/2026', '1930', '2026-03-29T17:30:00.000Z', '19:30'],
    // It falls back at 03:00 on 25 October: 02:30 happens twice, and is the earlier one.
    ['Europe/Paris', FR, '25/10/2026', '02:30', '2026-10-25T00:30:00.000Z', '02:30'],
    ['Europe/Paris', FR, '25.10.26', '19.30', '2026-10-25T18:30:00.000Z', '19:30'],
    // New York springs forward at 02:00 on 8 March 2026 and falls back on 1 November.
    ['America/New_York', US, '03/08/2026', '2:30a', '2026-03-08T07:00:00.000Z', '3:00 AM'],
    ['America/New_York', US, '11/01/2026', '1:30 AM', '2026-11-01T05:30:00.000Z', '1:30 AM'],
    ['America/New_York', US, 'Nov 1', '7:30p', '2026-11-02T00:30:00.000Z', '7:30 PM'],
  ])('%s: "%s" "%s" is %s and reads back as %s', (tz, f, date, time, iso, shown) => {
    const d = parseDateEntry(date, f, '2026-03-01').value!;
    const t = parseTimeEntry(time, f).value!;
    const at = isoOf(d, t, tz)!;
    expect(at).toBe(iso);
    expect(dateKeyOf(at, tz)).toBe(d);
    expect(formatTimeEntry(timeOf(at, tz), f)).toBe(shown);
  });
});
