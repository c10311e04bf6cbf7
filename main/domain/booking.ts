import { z } from 'zod';
import type { Showtime } from './records.ts';

/**
 * Scan to book: the venue's booking address for one show, from a template
 * with `{showtimeId}` (this hub's id) and `{externalId}` (the upstream's own
 * session id, e.g. a Veezi session), each URL-encoded where it stands.
 */

const PLACEHOLDER = /\{(showtimeId|externalId)\}/g;

/** What a template looks like once filled, to check it: every placeholder as a plain word. */
const filled = (template: string) => template.replace(PLACEHOLDER, 'x');

export const BookingUrlTemplate = z
  .string()
  .trim()
  .max(500)
  .refine((t) => {
    try {
      const url = new URL(filled(t));
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) address, e.g. https://tickets.example.com/book/{showtimeId}')
  .refine((t) => /\{(showtimeId|externalId)\}/.test(t), 'must contain {showtimeId} or {externalId}');
export type BookingUrlTemplate = z.infer<typeof BookingUrlTemplate>;

/** The booking address for `show`, or `undefined` when the template needs an id the show lacks. */
export function bookingUrl(template: string, show: Pick<Showtime, 'id' | 'externalId'>): string | undefined {
  let missing = false;
  const url = template.replace(PLACEHOLDER, (_, name: 'showtimeId' | 'externalId') => {
    const value = name === 'showtimeId' ? show.id : show.externalId;
    if (value === undefined) {
      missing = true;
      return '';
    }
    return encodeURIComponent(value);
  });
  return missing ? undefined : url;
}

/**
 * The address a screen's QR code points a guest to for `show` at `now`, or
 * `undefined` when there is nothing to book: no template, a cancelled,
 * sold-out or started show.
 */
export function scanToBook(
  template: string | undefined,
  show: Pick<Showtime, 'id' | 'externalId' | 'status' | 'seatsAvailable' | 'startsAt'>,
  now: number,
): string | undefined {
  if (!template) return undefined;
  if (show.status === 'cancelled' || show.seatsAvailable <= 0) return undefined;
  if (Date.parse(show.startsAt) <= now) return undefined;
  return bookingUrl(template, show);
}
