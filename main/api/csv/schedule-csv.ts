import { z } from 'zod';
import { auditoriumLabel } from '../../domain/auditorium-label.ts';
import { languageCodeOf } from '../../domain/languages.ts';
import { Tag } from '../../domain/primitives.ts';
import { type Auditorium, type Film, Showtime, type Venue } from '../../domain/records.ts';
import { DateKey, TimeKey, venueInstant } from '../../domain/schedule.ts';
import { canonicalTags } from '../../domain/tags.ts';
import { textProblem } from '../../domain/text-safety.ts';
import { fieldErrors } from '../http-error.ts';
import { type CsvRow, parseCsv } from './parse-csv.ts';

/**
 * A week's schedule as CSV, one showtime per row:
 *
 *     date,time,auditorium,film,tags,audio,subtitles,capacity,seats
 *     2026-11-23,19:10,4,Orbit Nine,3D;AD,Mandarin,en;zh-Hans,,14
 *
 * `date` and `time` are on the venue's wall clock (the calendar date, also for
 * a show after midnight); `auditorium` matches an id or, ignoring case, a name
 * or label; `film` an id or a title; `tags` are written with `;` (`|` is read
 * too) and stored in their canonical spelling; `audio` is a language code or
 * name ("cmn", "Mandarin"), `subtitles` a `;` list of them; `capacity`
 * defaults to the auditorium's, `seats` to the capacity.
 */
export const SCHEDULE_COLUMNS = [
  'date',
  'time',
  'auditorium',
  'film',
  'tags',
  'audio',
  'subtitles',
  'capacity',
  'seats',
] as const;
type Column = (typeof SCHEDULE_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['date', 'time', 'auditorium', 'film'];
const ALIASES: Readonly<Record<string, Column>> = {
  screen: 'auditorium',
  auditoriumid: 'auditorium',
  title: 'film',
  filmid: 'film',
  seatsavailable: 'seats',
  language: 'audio',
  audiolanguage: 'audio',
  subs: 'subtitles',
  subtitlelanguages: 'subtitles',
};

export interface ScheduleRow {
  readonly line: number;
  readonly showtime: Showtime;
}

export interface RowError {
  readonly line: number;
  readonly fields: Record<string, string>;
}

export type ScheduleParse =
  { ok: true; rows: ScheduleRow[] } | { ok: false; error: string; rows: RowError[] };

const Count = (min: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min, `must be at least ${min}`);

/** A `;` list (`|` read too), items trimmed, empty ones dropped. */
const list = (s: string) =>
  s
    .split(/[;|]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** A language as a code or as the name a ticketing system uses ("Mandarin" → cmn); empty is none. */
const Language = z.string().transform((s, ctx) => {
  if (s === '') return undefined;
  const code = languageCodeOf(s);
  if (code === undefined) {
    ctx.issues.push({
      code: 'custom',
      input: s,
      message: `"${s}" is not a language code or name Marquee knows; write a code such as cmn, en or ms`,
    });
    return z.NEVER;
  }
  return code;
});

const RowSchema = z.object({
  date: DateKey,
  time: TimeKey,
  auditorium: z.string().min(1, 'is required'),
  film: z.string().min(1, 'is required'),
  tags: z
    .string()
    .transform(list)
    .pipe(z.array(Tag).max(16))
    .transform((tags) => canonicalTags(tags)),
  audio: Language,
  subtitles: z
    .string()
    .transform(list)
    .pipe(z.array(Language))
    .transform((codes) => codes.filter((c) => c !== undefined)),
  capacity: z.union([z.literal(''), Count(1)]),
  seats: z.union([z.literal(''), Count(0)]),
});

/**
 * Looks a record up by id, else by each of `names` in turn ignoring case
 * (an auditorium's name, then its label); a name two records share is an error.
 */
function lookup<T extends { id: string }>(
  items: readonly T[],
  names: readonly ((t: T) => string)[],
  key: string,
  what: string,
): T | string {
  const byId = items.find((t) => t.id === key);
  if (byId) return byId;
  const folded = key.toLocaleLowerCase();
  for (const name of names) {
    const hits = items.filter((t) => name(t).toLocaleLowerCase() === folded);
    if (hits.length === 1) return hits[0]!;
    if (hits.length > 1) return `matches ${hits.length} records; use the id`;
  }
  return `matches no id or ${what}`;
}

/** Problems by the file's own column names: `subtitles.1` is the `subtitles` column, `seatsAvailable` is `seats`. */
function inColumns(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    const head = key.split('.')[0] ?? key;
    out[head === 'seatsAvailable' ? 'seats' : head] ??= message;
  }
  return out;
}

function columnsOf(header: string[]): { index: Map<Column, number> } | { error: string } {
  const index = new Map<Column, number>();
  for (const [i, raw] of header.entries()) {
    const name = (ALIASES[raw.replace(/[\s_-]/g, '')] ?? raw) as Column;
    if (!SCHEDULE_COLUMNS.includes(name)) {
      return { error: `unknown column "${raw}"; the columns are ${SCHEDULE_COLUMNS.join(', ')}` };
    }
    if (index.has(name)) return { error: `column "${name}" appears twice` };
    index.set(name, i);
  }
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) return { error: `missing column(s): ${missing.join(', ')}` };
  return { index };
}

/**
 * Reads and checks every row on its own (shape, names, capacity). Rules that
 * need the whole schedule (overlaps, future start) are the store's, checked
 * next on all rows at once.
 */
export function parseScheduleCsv(
  text: string,
  venue: Venue,
  auditoriums: readonly Auditorium[],
  films: readonly Film[],
  newId: () => string,
): ScheduleParse {
  const csv = parseCsv(text);
  if (!csv.ok)
    return {
      ok: false,
      error: csv.message,
      rows: csv.line ? [{ line: csv.line, fields: { '(row)': csv.message } }] : [],
    };
  const cols = columnsOf(csv.header);
  if ('error' in cols)
    return { ok: false, error: cols.error, rows: [{ line: 1, fields: { '(header)': cols.error } }] };
  if (csv.rows.length === 0) return { ok: false, error: 'the file has a header but no rows', rows: [] };

  const rows: ScheduleRow[] = [];
  const errors: RowError[] = [];
  for (const row of csv.rows) {
    const result = readRow(row, cols.index, csv.header.length, venue, auditoriums, films, newId);
    if ('fields' in result) errors.push({ line: row.line, fields: result.fields });
    else rows.push({ line: row.line, showtime: result.showtime });
  }
  if (errors.length > 0)
    return { ok: false, error: `${errors.length} row(s) have problems; nothing was imported`, rows: errors };
  return { ok: true, rows };
}

function readRow(
  row: CsvRow,
  index: Map<Column, number>,
  width: number,
  venue: Venue,
  auditoriums: readonly Auditorium[],
  films: readonly Film[],
  newId: () => string,
): { showtime: Showtime } | { fields: Record<string, string> } {
  if (row.fields.length !== width) {
    return { fields: { '(row)': `has ${row.fields.length} fields; the header has ${width}` } };
  }
  const cell = (c: Column) => {
    const i = index.get(c);
    return i === undefined ? '' : (row.fields[i] ?? '');
  };
  for (const c of SCHEDULE_COLUMNS) {
    const problem = textProblem(cell(c));
    if (problem) return { fields: { [c]: problem } };
  }
  const parsed = RowSchema.safeParse(Object.fromEntries(SCHEDULE_COLUMNS.map((c) => [c, cell(c)])));
  if (!parsed.success) return { fields: inColumns(fieldErrors(parsed.error)) };
  const r = parsed.data;
  const fields: Record<string, string> = {};
  const aud = lookup(auditoriums, [(a) => a.name, auditoriumLabel], r.auditorium, 'name or label');
  if (typeof aud === 'string') fields['auditorium'] = `"${r.auditorium}" ${aud}`;
  const film = lookup(films, [(f) => f.title], r.film, 'title');
  if (typeof film === 'string') fields['film'] = `"${r.film}" ${film}`;
  if (typeof aud === 'string' || typeof film === 'string') return { fields };
  const start = venueInstant(r.date, r.time, venue.timezone);
  if (start === undefined) return { fields: { time: 'is not a time on that day' } };
  const capacity = r.capacity === '' ? aud.capacity : r.capacity;
  const showtime = Showtime.safeParse({
    id: newId(),
    filmId: film.id,
    auditoriumId: aud.id,
    startsAt: new Date(start).toISOString(),
    tags: r.tags,
    ...(r.audio !== undefined && { audio: r.audio }),
    ...(r.subtitles.length > 0 && { subtitles: r.subtitles }),
    capacity,
    seatsAvailable: r.seats === '' ? capacity : r.seats,
    status: 'scheduled',
    source: 'local',
  });
  if (!showtime.success) {
    return { fields: inColumns(fieldErrors(showtime.error)) };
  }
  return { showtime: showtime.data };
}
