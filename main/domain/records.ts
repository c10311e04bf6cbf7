import { z } from 'zod';
import { BookingUrlTemplate } from './booking.ts';
import { LanguageCode, SubtitleCodes } from './languages.ts';
import {
  Id,
  Locale,
  LocalizedTexts,
  PosterUrl,
  Source,
  Tag,
  Tags,
  TimeZone,
  UtcInstant,
  Version,
  text,
} from './primitives.ts';
import { TimeKey } from './schedule.ts';
import { VenueTags } from './tags.ts';

/**
 * The records a hub holds and a feed carries. Every field added after the
 * first contract is optional (absent on the wire when unset) or has a
 * default, so a feed or a client written to the first contract still works.
 */

/** A list that is the same as none when empty: stored and sent only when it has items. */
function optionalList<T extends z.ZodType<unknown[]>>(list: T) {
  return list.transform((items: z.output<T>) => (items.length > 0 ? items : undefined)).optional();
}

/** The upstream's own id for a record (a ticketing system's session id, for booking links). */
export const ExternalId = text(128);

const Minutes = (max: number) => z.number().int().min(0).max(max);

/** Settings fields without their defaults: what a partial update may send. */
const settingsFields = {
  /** Old name of `fewSeats.floor`, still accepted and always sent. */
  fewSeatsThreshold: z.number().int().min(0).max(10_000),
  fewSeats: z.object({
    /** Share of the capacity, 0–100. Default 0. */
    percent: z.number().min(0, 'must be 0–100').max(100, 'must be 0–100').optional(),
    /** Seats. Default 20 (or `fewSeatsThreshold`). */
    floor: z.number().int().min(0).max(10_000).optional(),
  }),
  seatingMinutes: Minutes(240),
  graceMinutes: Minutes(240),
  cleaningMinutes: Minutes(240),
  staleAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  languageSeconds: z.number().int().min(3).max(600),
  hourCycle: z.enum(['auto', 'h12', 'h23']),
  businessDayStartsAt: TimeKey,
  preShowMinutes: Minutes(120),
  tags: VenueTags,
  bookingUrl: BookingUrlTemplate,
};

/** Venue settings that drive the board; every field has a default so a bare upstream venue parses. */
export const VenueSettings = z
  .object({
    fewSeatsThreshold: settingsFields.fewSeatsThreshold.optional(),
    /** "Few left" when 0 < seats ≤ max(floor, ⌈percent % × capacity⌉). Default `{ percent: 0, floor: 20 }`. */
    fewSeats: settingsFields.fewSeats.optional(),
    /** "Seating now" this many minutes before start. Default 20. */
    seatingMinutes: settingsFields.seatingMinutes.default(20),
    /** A started show stays on the board this long. Default 10. */
    graceMinutes: settingsFields.graceMinutes.default(10),
    /** Minimum gap between two shows in one auditorium. Default 15. */
    cleaningMinutes: settingsFields.cleaningMinutes.default(15),
    /** Availability is greyed when data is older than this. Default 30. */
    staleAfterMinutes: settingsFields.staleAfterMinutes.default(30),
    /** A bilingual board switches language this often. Default 10. */
    languageSeconds: settingsFields.languageSeconds.default(10),
    /** 12- or 24-hour clock; `auto` reads the venue's first locale (see `resolveHourCycle`). Default `auto`. */
    hourCycle: settingsFields.hourCycle.default('auto'),
    /** When the venue day turns over on its clock: a show before it belongs to the evening before. Default `04:00`. */
    businessDayStartsAt: settingsFields.businessDayStartsAt.default('04:00'),
    /** Trailers and ads before the feature, when a show gives no `featureStartsAt`. Default 15. */
    preShowMinutes: settingsFields.preShowMinutes.default(15),
    /** The venue's own tags with their labels. Default none. */
    tags: settingsFields.tags,
    /** Scan to book: a booking address with `{showtimeId}` and/or `{externalId}`. Default none (no QR codes). */
    bookingUrl: settingsFields.bookingUrl.optional(),
  })
  .transform((s, ctx) => {
    const { fewSeatsThreshold, fewSeats, ...rest } = s;
    if (
      fewSeats?.floor !== undefined &&
      fewSeatsThreshold !== undefined &&
      fewSeats.floor !== fewSeatsThreshold
    ) {
      ctx.issues.push({
        code: 'custom',
        input: fewSeatsThreshold,
        path: ['fewSeatsThreshold'],
        message: 'is the old name of fewSeats.floor and must equal it; send only one of them',
      });
      return z.NEVER;
    }
    const floor = fewSeats?.floor ?? fewSeatsThreshold ?? 20;
    return { fewSeatsThreshold: floor, fewSeats: { percent: fewSeats?.percent ?? 0, floor }, ...rest };
  });
export type VenueSettings = z.output<typeof VenueSettings>;

/** A partial settings update: only the fields sent change (strict, so a typo is a 400). */
export const VenueSettingsPatch = z.strictObject(
  Object.fromEntries(Object.entries(settingsFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof settingsFields]: z.ZodOptional<(typeof settingsFields)[K]>;
  },
);
export type VenueSettingsPatch = z.output<typeof VenueSettingsPatch>;

/**
 * The settings input that applies `patch` to `current`. `fewSeatsThreshold`
 * alone sets `fewSeats.floor`; `fewSeats` alone replaces the old name.
 */
export function mergeSettings(
  current: VenueSettings,
  patch: VenueSettingsPatch,
): z.input<typeof VenueSettings> {
  const { fewSeatsThreshold, fewSeats, ...rest } = patch;
  const few = { ...current.fewSeats, ...fewSeats };
  if (fewSeatsThreshold !== undefined && fewSeats?.floor === undefined) few.floor = fewSeatsThreshold;
  return {
    ...current,
    ...rest,
    fewSeats: few,
    fewSeatsThreshold: fewSeats?.floor !== undefined ? fewSeatsThreshold : few.floor,
  };
}

export const Venue = z.object({
  id: Id,
  name: text(120),
  /** The name in other languages, keyed by BCP 47 tag. Default none. */
  names: LocalizedTexts(120).optional(),
  timezone: TimeZone,
  locales: z.array(Locale).min(1).max(8),
  settings: VenueSettings.prefault({}),
  version: Version.optional(),
});
export type Venue = z.infer<typeof Venue>;

export const Auditorium = z.object({
  id: Id,
  name: text(80),
  /** Short label shown next to every time ("3", "IMAX", "GC1"). Default: from the name (`auditoriumLabel`). */
  label: text(12).optional(),
  /** The name in other languages. Default none. */
  names: LocalizedTexts(80).optional(),
  capacity: z.number().int().min(1).max(100_000),
  /** What the room gives every show in it (IMAX, Dolby Cinema, Recliners, Wheelchair …). Default none. */
  features: optionalList(z.array(Tag).max(16, 'at most 16 features')),
  externalId: ExternalId.optional(),
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
  /** Descriptors ("Family", "Premiere"); formats belong to showtimes (see tags.ts). */
  tags: Tags,
  externalId: ExternalId.optional(),
  source: Source.default('local'),
  version: Version.optional(),
});
export type Film = z.infer<typeof Film>;

export const ShowtimeStatus = z.enum(['scheduled', 'cancelled']);

/** How long after `startsAt` a feature may start: trailers, ads and an intro. */
export const MAX_PRE_SHOW_MINUTES = 180;

export const Showtime = z
  .object({
    id: Id,
    filmId: Id,
    auditoriumId: Id,
    startsAt: UtcInstant,
    /** When the film itself starts. Default: `startsAt` + the venue's `preShowMinutes`. */
    featureStartsAt: UtcInstant.optional(),
    /** Minutes beyond the runtime (a Q&A, an interval). Default 0. */
    extraMinutes: Minutes(600).optional(),
    tags: Tags,
    /** Spoken language, BCP 47 as given (`cmn`, `en`). Default unknown. */
    audio: LanguageCode.optional(),
    /** Subtitle languages, BCP 47 as given. Default none. */
    subtitles: optionalList(SubtitleCodes),
    capacity: z.number().int().min(1).max(100_000),
    seatsAvailable: z.number().int().min(0),
    status: ShowtimeStatus.default('scheduled'),
    externalId: ExternalId.optional(),
    source: Source.default('local'),
    version: Version.optional(),
  })
  .refine((s) => s.seatsAvailable <= s.capacity, {
    message: 'must be between 0 and capacity',
    path: ['seatsAvailable'],
    params: { code: 'out_of_range', minimum: 0, field: 'capacity' },
  })
  .refine((s) => s.featureStartsAt === undefined || s.featureStartsAt >= s.startsAt, {
    message: 'must be at or after startsAt',
    path: ['featureStartsAt'],
    params: { code: 'not_after', field: 'startsAt' },
  })
  .refine(
    (s) =>
      s.featureStartsAt === undefined ||
      Date.parse(s.featureStartsAt) - Date.parse(s.startsAt) <= MAX_PRE_SHOW_MINUTES * 60_000,
    {
      message: `must be at most ${MAX_PRE_SHOW_MINUTES} minutes after startsAt`,
      path: ['featureStartsAt'],
      params: { code: 'out_of_range', maximum: MAX_PRE_SHOW_MINUTES, field: 'startsAt' },
    },
  );
export type Showtime = z.infer<typeof Showtime>;

export const Announcement = z
  .object({
    id: Id,
    text: text(500),
    texts: LocalizedTexts(500).optional(),
    startsAt: UtcInstant.optional(),
    endsAt: UtcInstant.optional(),
    priority: z.number().int().min(-100).max(100).default(0),
    /** Takes over every screen (evacuation, alarm test); sent only when true. Default false. */
    urgent: z
      .boolean()
      .transform((u) => (u ? true : undefined))
      .optional(),
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
