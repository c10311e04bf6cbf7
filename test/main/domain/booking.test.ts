import { describe, expect, it } from 'vitest';
import { BookingUrlTemplate, bookingUrl, scanToBook } from '../../../main/domain/booking.ts';
import { VenueSettings } from '../../../main/domain/records.ts';

const SHOW = {
  id: 'st-20301115-aud 4/1',
  externalId: 'veezi:1234&x',
  status: 'scheduled' as const,
  seatsAvailable: 14,
  startsAt: '2030-11-15T19:10:00.000Z',
};
const BEFORE = Date.parse('2030-11-15T19:00:00Z');

describe('scan to book', () => {
  it.each([
    [
      'https://tickets.example.com/book/{showtimeId}',
      'https://tickets.example.com/book/st-20301115-aud%204%2F1',
    ],
    [
      'https://veezi.example.com/purchase/{externalId}?siteToken=abc',
      'https://veezi.example.com/purchase/veezi%3A1234%26x?siteToken=abc',
    ],
    [
      'https://x.example/{externalId}/{showtimeId}',
      'https://x.example/veezi%3A1234%26x/st-20301115-aud%204%2F1',
    ],
  ])('fills %s', (template, url) => {
    expect(BookingUrlTemplate.safeParse(template).success).toBe(true);
    expect(bookingUrl(template, SHOW)).toBe(url);
  });

  it('has no address when the template needs an upstream id the show lacks', () => {
    expect(bookingUrl('https://x.example/{externalId}', { id: 'local-1' })).toBeUndefined();
  });

  it.each([
    ['no placeholder', 'https://tickets.example.com/'],
    ['not http', 'javascript:alert(1)//{showtimeId}'],
    ['not a URL', 'tickets {showtimeId}'],
    ['file', 'file:///etc/{showtimeId}'],
  ])('refuses a template with %s', (_why, template) => {
    expect(BookingUrlTemplate.safeParse(template).success).toBe(false);
  });

  it.each([
    ['a bookable show', {}, BEFORE, true],
    ['sold out', { seatsAvailable: 0 }, BEFORE, false],
    ['cancelled', { status: 'cancelled' as const }, BEFORE, false],
    ['started', {}, Date.parse(SHOW.startsAt), false],
  ])('shows a code for %s: %s', (_name, change, now, shown) => {
    const url = scanToBook('https://t.example/{showtimeId}', { ...SHOW, ...change }, now);
    expect(url !== undefined).toBe(shown);
  });

  it('is a venue setting, off by default', () => {
    expect(VenueSettings.parse({}).bookingUrl).toBeUndefined();
    expect(VenueSettings.parse({ bookingUrl: 'https://t.example/{showtimeId}' }).bookingUrl).toBe(
      'https://t.example/{showtimeId}',
    );
    expect(VenueSettings.safeParse({ bookingUrl: 'https://t.example/' }).success).toBe(false);
  });
});
