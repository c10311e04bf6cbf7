import type { ErrorCode, ErrorParams, FieldCode, FieldProblem } from '../../../main/domain/api-error.ts';

/**
 * The admin's words for the hub's stable error codes, in English. Another
 * language is another file of the same shape (`Catalogue`); the hub's own
 * sentences are only the fallback for a code this catalogue does not know.
 */
export interface Catalogue {
  /** What a field is called in a sentence's subject ("The end time"). */
  field(path: string): string;
  /** A sentence for one field's problem, or undefined to fall back on the hub's. */
  problem(path: string, problem: FieldProblem): string | undefined;
  /** A sentence for a refused request, or undefined to fall back on the hub's. */
  refusal(code: ErrorCode, params: ErrorParams): string | undefined;
  /** Why a copied show was left out, its times already in the venue's words. */
  skippedCopy(k: SkippedCopyWords): string;
}

/** A show a copy left out, as the copy answer names it, with its times worded by the caller. */
export interface SkippedCopyWords {
  film: string | null;
  auditorium: string | null;
  /** The copy's day and time ("May 15, 2:00 PM"). */
  at: string;
  reason: 'clash' | 'past' | 'sold';
  /** The show it clashes with, in the same auditorium; its time only. */
  clashesWith?: { film: string | null; at: string } | undefined;
}

const FIELDS: Readonly<Record<string, string>> = {
  startsAt: 'the start time',
  endsAt: 'the end time',
  featureStartsAt: 'the feature start',
  seatsAvailable: 'seats',
  capacity: 'the capacity',
  priority: 'the priority',
  runtimeMinutes: 'the runtime',
  extraMinutes: 'the extra minutes',
  title: 'the title',
  name: 'the name',
  text: 'the text',
  label: 'the label',
  tags: 'the tags',
  features: 'the features',
  audio: 'the audio language',
  subtitles: 'the subtitles',
  filmId: 'the film',
  auditoriumId: 'the auditorium',
  timezone: 'the time zone',
  locales: 'the languages',
  password: 'the password',
  newPassword: 'the new password',
  currentPassword: 'the current password',
  role: 'the role',
  posterUrl: 'the poster address',
  from: 'the day to copy',
  to: 'the day to copy to',
  displays: 'the displays',
  pages: 'the pages',
};

/** A playlist page's fields (`pages.2.until`): `from` there is an hour, not a day to copy. */
const PAGE_FIELDS: Readonly<Record<string, string>> = {
  seconds: 'the seconds',
  weight: 'the weight',
  days: 'the days',
  from: 'the from hour',
  until: 'the until hour',
  startDate: 'the start date',
  endDate: 'the end date',
  mediaId: 'the media file',
  filmId: 'the film',
  auditoriumId: 'the auditorium',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const str = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));

function field(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  const parent = path.split('.').at(-2);
  if (parent === 'texts' || parent === 'titles' || parent === 'names') return `the ${last} text`;
  if (path.startsWith('settings.')) return `the setting “${last}”`;
  const page = /^pages\.(\d+)\.(\w+)/.exec(path);
  if (page) return `${PAGE_FIELDS[page[2]!] ?? `“${page[2]}”`} of page ${Number(page[1]) + 1}`;
  return FIELDS[last] ?? `“${last}”`;
}

function count(n: unknown, one: string, many: string): string {
  return Number(n) === 1 ? `1 ${one}` : `${str(n)} ${many}`;
}

function problem(path: string, { code, params }: FieldProblem): string | undefined {
  const subject = capital(field(path));
  const p = params;
  const sentences: Partial<Record<FieldCode, () => string>> = {
    required: () => `${subject} is needed.`,
    wrong_type: () => `${subject} has the wrong kind of value.`,
    not_integer: () => `${subject} must be a whole number.`,
    too_small: () =>
      p['origin'] === 'string'
        ? `${subject} must be at least ${count(p['minimum'], 'character', 'characters')}.`
        : p['origin'] === 'array'
          ? `${subject} needs at least ${str(p['minimum'])}.`
          : Number(p['minimum']) === 0
            ? `${subject} cannot be below zero.`
            : `${subject} must be at least ${str(p['minimum'])}.`,
    too_big: () =>
      p['origin'] === 'string'
        ? `${subject} may be at most ${count(p['maximum'], 'character', 'characters')}.`
        : p['origin'] === 'array'
          ? `${subject} may hold at most ${str(p['maximum'])}.`
          : `${subject} may be at most ${str(p['maximum'])}.`,
    bad_format: () => `${subject} is not written the way it should be.`,
    not_multiple_of: () => `${subject} must be a multiple of ${str(p['divisor'])}.`,
    unknown_keys: () => `These fields are not known here: ${str(p['keys'])}.`,
    not_one_of: () => `${subject} must be one of: ${str(p['values'])}.`,
    // The other field is a sibling (`pages.2.until` against `pages.2.from`); a page's hours may cross midnight.
    not_after: () =>
      /^pages\.\d+\.until$/.test(path)
        ? `${subject} must differ from ${field(path.replace(/[^.]+$/, str(p['field'])))}.`
        : `${subject} must be after ${field(path.replace(/[^.]+$/, str(p['field'])))}.`,
    exactly_one: () => `Give exactly one of: ${str(p['fields'])}.`,
    same_day: () => `${subject} must be another day.`,
    bad_time_zone: () => `${subject} is not a time zone this hub knows (e.g. Europe/Berlin).`,
    bad_locale: () => `${subject} is not a language code (e.g. en, de, zh-CN).`,
    unsafe_text: () => `${subject} holds characters no screen can show.`,
    too_deep: () => 'The request is nested too deeply.',
    not_found: () => `${subject} no longer exists; reload and choose again.`,
    in_use: () => `Still used by ${count(p['showtimes'], 'show', 'shows')}: remove those first.`,
    out_of_range: () =>
      p['field'] === 'capacity'
        ? `${subject} cannot be more than the capacity.`
        : Number(p['minimum']) === 0 && p['maximum'] === undefined
          ? `${subject} cannot be below zero.`
          : `${subject} must be from ${str(p['minimum'] ?? 0)} to ${str(p['maximum'])}.`,
    in_past: () => `${subject} is in the past.`,
    overlap: () =>
      `This overlaps “${str(p['title'])}” in the same auditorium (with ${str(p['cleaningMinutes'])} minutes for cleaning).`,
    showtimes_only: () => 'Only a show can be cancelled.',
    version_conflict: () => 'Someone else changed this meanwhile.',
    already_exists: () => 'A record with this id exists already.',
    nothing_to_copy: () => 'That day has no scheduled shows to copy.',
    wrong_password: () => `${subject} is wrong.`,
    weak_password: () => `${subject} must be 10 to 256 characters long.`,
  };
  return sentences[code]?.();
}

function refusal(code: ErrorCode, params: ErrorParams): string | undefined {
  const sentences: Partial<Record<ErrorCode, () => string>> = {
    wrong_password: () => 'That name and password do not match. Check both and try again.',
    rate_limited: () => 'Too many tries. Wait a little, then try again.',
    role_forbidden: () =>
      params['role'] === 'box_office'
        ? 'Box office cannot do this. Ask a manager.'
        : 'Your role cannot do this. Ask a manager.',
    name_taken: () => `Someone is already called “${str(params['name'])}”. Choose another name.`,
    last_manager: () => 'The hub needs at least one manager: make someone else manager first.',
    version_conflict: () => 'Someone else changed this meanwhile. Compare, then keep theirs or save yours.',
    storage_unavailable: () =>
      'Not saved: the hub cannot write to its disk just now. Screens keep showing what they had.',
    unreachable: () => 'The hub did not answer. Check that it is running, then try again.',
    upstream_owned: () => 'This comes from the upstream feed: change it there, or use an override here.',
  };
  return sentences[code]?.();
}

function skippedCopy(k: SkippedCopyWords): string {
  const show = `“${k.film ?? 'A film no longer listed'}” in ${k.auditorium ?? 'an auditorium no longer listed'} at ${k.at}`;
  const why =
    k.reason === 'sold'
      ? 'kept: seats are sold'
      : k.reason === 'past'
        ? 'not copied: it would start in the past'
        : k.clashesWith
          ? `not copied: it clashes with “${k.clashesWith.film ?? 'a film no longer listed'}” at ${k.clashesWith.at}`
          : 'not copied: it clashes with a show there';
  return `${show} — ${why}`;
}

export const en: Catalogue = { field, problem, refusal, skippedCopy };
