import { z } from 'zod';

/**
 * Record ids travel in URLs (`/door/:auditoriumId`) and SSE frames, so they are
 * limited to a URL-safe alphabet that can never contain CR, LF or NUL.
 */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be 1–128 letters, digits, ".", "_", ":" or "-"');

// C0/C1 controls (other than none) have no business on a lobby screen and are a
// classic vector for log and frame injection.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Trimmed, non-empty display text with no control characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters');

export const Tag = text(32);
export const Tags = z.array(Tag).max(16).default([]);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

/** An IANA time zone name the runtime knows, e.g. `Europe/London`. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, { message: 'must be an IANA time zone', params: { code: 'bad_time_zone' } });

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** A BCP 47 language tag, e.g. `en`, `zh-CN`, `ms`, `fr`. */
export const Locale = z
  .string()
  .min(2)
  .max(35)
  .refine(isLocale, { message: 'must be a BCP 47 language tag', params: { code: 'bad_locale' } });

/** Localized variants of a text, keyed by BCP 47 tag. */
export const LocalizedTexts = (max: number) =>
  z.record(Locale, text(max)).refine((r) => Object.keys(r).length <= 16, 'at most 16 translations');

/** An instant as ISO-8601 in UTC; normalized to `toISOString()` form. */
export const UtcInstant = z.iso
  .datetime({ offset: false, message: 'must be an ISO-8601 UTC time like 2026-11-21T19:30:00Z' })
  .transform((s) => new Date(s).toISOString());

export const Source = z.enum(['upstream', 'local']);
export type Source = z.infer<typeof Source>;

/** Optimistic-concurrency version; the store assigns it, clients echo it back. */
export const Version = z.number().int().min(1);

export { PosterUrl } from './poster-url.ts';
