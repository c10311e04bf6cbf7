import { z } from 'zod';
import {
  Id,
  Locale,
  LocalizedTexts,
  PosterUrl,
  Source,
  Tags,
  TimeZone,
  UtcInstant,
  Version,
  text,
} from './primitives.ts';

/** Venue settings that drive the board; every field has a default so a bare upstream venue parses. */
export const VenueSettings = z.object({
  /** "Few left" once seats available are at or below this. Default 20. */
  fewSeatsThreshold: z.number().int().min(0).max(10_000).default(20),
  /** "Seating now" this many minutes before start. Default 20. */
  seatingMinutes: z.number().int().min(0).max(240).default(20),
  /** A started show stays on the board this long. Default 10. */
  graceMinutes: z.number().int().min(0).max(240).default(10),
  /** Minimum gap between two shows in one auditorium. Default 15. */
  cleaningMinutes: z.number().int().min(0).max(240).default(15),
  /** Availability is greyed when data is older than this. Default 30. */
  staleAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** A bilingual board switches language this often. Default 10. */
  languageSeconds: z.number().int().min(3).max(600).default(10),
});
export type VenueSettings = z.infer<typeof VenueSettings>;

export const Venue = z.object({
  id: Id,
  name: text(120),
  timezone: TimeZone,
  locales: z.array(Locale).min(1).max(8),
  settings: VenueSettings.prefault({}),
  version: Version.optional(),
});
export type Venue = z.infer<typeof Venue>;

export const Auditorium = z.object({
  id: Id,
  name: text(80),
  capacity: z.number().int().min(1).max(100_000),
  source: Source.default('local'),
  version: Version.optional(),
});
export type Auditorium = z.infer<typeof Auditorium>;

export const Film = z.object({
  id: Id,
  title: text(200),
  titles: LocalizedTexts(200).optional(),
  rating: text(16).optional(),
  runtimeMinutes: z.number().int().min(1).max(1_000),
  posterUrl: PosterUrl.optional(),
  tags: Tags,
  source: Source.default('local'),
  version: Version.optional(),
});
export type Film = z.infer<typeof Film>;

export const ShowtimeStatus = z.enum(['scheduled', 'cancelled']);

export const Showtime = z
  .object({
    id: Id,
    filmId: Id,
    auditoriumId: Id,
    startsAt: UtcInstant,
    tags: Tags,
    capacity: z.number().int().min(1).max(100_000),
    seatsAvailable: z.number().int().min(0),
    status: ShowtimeStatus.default('scheduled'),
    source: Source.default('local'),
    version: Version.optional(),
  })
  .refine((s) => s.seatsAvailable <= s.capacity, {
    message: 'must be between 0 and capacity',
    path: ['seatsAvailable'],
    params: { code: 'out_of_range', minimum: 0, field: 'capacity' },
  });
export type Showtime = z.infer<typeof Showtime>;

export const Announcement = z
  .object({
    id: Id,
    text: text(500),
    texts: LocalizedTexts(500).optional(),
    startsAt: UtcInstant.optional(),
    endsAt: UtcInstant.optional(),
    priority: z.number().int().min(-100).max(100).default(0),
    source: Source.default('local'),
    version: Version.optional(),
  })
  .refine((a) => !a.startsAt || !a.endsAt || a.startsAt < a.endsAt, {
    message: 'must be after startsAt',
    path: ['endsAt'],
    params: { code: 'not_after', field: 'startsAt' },
  });
export type Announcement = z.infer<typeof Announcement>;

export const Availability = z.object({
  showtimeId: Id,
  seatsAvailable: z.number().int().min(0).max(100_000),
});
export type Availability = z.infer<typeof Availability>;

export const RemoveById = z.object({ id: Id });
export type RemoveById = z.infer<typeof RemoveById>;
