import { auditoriumLabel } from '../../main/domain/auditorium-label.ts';
import type { Auditorium, Film, Showtime, VenueSettings } from '../../main/domain/records.ts';
import { splitFilmTags, showOffers } from '../../main/domain/screening-tags.ts';
import { type VenueTag, canonicalTag, tagKey } from '../../main/domain/tags.ts';
import { type SeatLevel, seatLevel } from './availability.ts';
import { type BoardDay, type ShowPhase, boardDay, showPhase } from './time-states.ts';
import type { VenueData } from './venue-data.ts';

/**
 * One showtime as a screen draws it at one instant. `level` and
 * `seatsAvailable` are read from the record when asked: with the live store
 * a record's seat count is a signal of its own, so only what shows seats
 * depends on them, and a view built once follows every seat sale.
 */
export interface ShowView {
  id: string;
  startsAt: number;
  phase: ShowPhase;
  /** Cancelled by the schedule (seats aside). */
  cancelled: boolean;
  readonly level: SeatLevel;
  readonly seatsAvailable: number;
  /**
   * What this screening offers: its own tags, then its auditorium's features
   * (canonical tags, localized when drawn). Never the film's tags.
   */
  tags: string[];
  auditoriumId: string;
  /** The auditorium's short label ("3", "IMAX", "GC1"); `''` while the room is unknown. */
  screen: string;
  /** Spoken language (BCP 47), if known. */
  audio: string | undefined;
  subtitles: readonly string[];
}

export interface FilmView {
  film: Film;
  /** The film's own descriptors ("Family"): screening tags on a film record are left out. */
  filmTags: string[];
  shows: ShowView[];
  /**
   * Offers every show of the film has (in the first show's order), said once
   * on its card as its languages are; the venue's standard features left out.
   */
  sharedTags: string[];
  /** Offers its chips leave out (tag keys): the card's `sharedTags` and the venue's standard features. */
  chipOmits: string[];
}

export interface BoardView {
  day: BoardDay;
  films: FilmView[];
  /**
   * Features every room of the venue has (tag keys; none with fewer than two
   * rooms): no chip repeats them, as no show differs in them.
   */
  standardTags: string[];
}

const keyOf = (tag: string, venueTags: readonly VenueTag[]) => tagKey(canonicalTag(tag, venueTags));

/** Features every one of (at least two) `rooms` has, as tag keys. */
export function standardFeatures(rooms: Iterable<Auditorium>, venueTags: readonly VenueTag[] = []): string[] {
  const list = [...rooms];
  if (list.length < 2) return [];
  const keys = list.map((a) => new Set((a.features ?? []).map((f) => keyOf(f, venueTags))));
  return [...keys[0]!].filter((k) => keys.every((set) => set.has(k)));
}

/**
 * What a film's card says once and what its chips then leave out: offers
 * every show has (so the card says "IMAX · Laser" once, not on each time)
 * and the venue's standard features (said nowhere: no show differs in them).
 * A show that differs keeps what it offers on its own chip.
 */
function cardOffers(
  shows: readonly ShowView[],
  standard: readonly string[],
  venueTags: readonly VenueTag[],
): { sharedTags: string[]; chipOmits: string[] } {
  const [first, ...rest] = shows;
  const omitted = new Set(standard);
  const keysOf = (s: ShowView) => new Set(s.tags.map((t) => keyOf(t, venueTags)));
  const others = rest.map(keysOf);
  const sharedTags = (first?.tags ?? []).filter((t) => {
    const key = keyOf(t, venueTags);
    return !omitted.has(key) && others.every((keys) => keys.has(key));
  });
  for (const t of sharedTags) omitted.add(keyOf(t, venueTags));
  return { sharedTags, chipOmits: [...omitted] };
}

// What each view reads its seats and level from: a view is reused only while that is current.
const sourceOf = new WeakMap<
  ShowView,
  { show: Showtime; settings: VenueSettings; auditorium: Auditorium | undefined }
>();

/**
 * One show at `now`. `auditorium` gives its screen label and features; without
 * it the view has no label and only the show's own tags.
 */
export function showView(
  show: Showtime,
  now: number,
  settings: VenueSettings,
  auditorium?: Auditorium,
): ShowView {
  const startsAt = Date.parse(show.startsAt);
  const view: ShowView = {
    id: show.id,
    startsAt,
    phase: showPhase(startsAt, now, settings),
    cancelled: show.status === 'cancelled',
    get level() {
      return seatLevel(show, settings.fewSeats);
    },
    get seatsAvailable() {
      return show.seatsAvailable;
    },
    tags: showOffers(show, auditorium, settings.tags),
    auditoriumId: show.auditoriumId,
    screen: auditorium ? auditoriumLabel(auditorium) : '',
    audio: show.audio,
    subtitles: show.subtitles ?? [],
  };
  sourceOf.set(view, { show, settings, auditorium });
  return view;
}

const sameList = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** `next`, or the view it repeats from the previous board, so that nothing has to be drawn again. */
function reuseShow(next: ShowView, previous: ShowView | undefined): ShowView {
  const was = previous && sourceOf.get(previous);
  const is = sourceOf.get(next);
  if (!was || was.show !== is?.show || was.settings !== is.settings || was.auditorium !== is.auditorium)
    return next;
  return previous.phase === next.phase && sameList(previous.tags, next.tags) ? previous : next;
}

function reuseFilm(next: FilmView, previous: FilmView | undefined): FilmView {
  return previous &&
    previous.film === next.film &&
    sameList(previous.shows, next.shows) &&
    sameList(previous.sharedTags, next.sharedTags) &&
    sameList(previous.chipOmits, next.chipOmits)
    ? previous
    : next;
}

/**
 * The lobby board at `now`: the day's remaining shows (see `boardDay`),
 * grouped by film, films in title order of the venue's primary language so
 * nothing jumps around as the day goes on, shows in time order.
 *
 * Given the `previous` board, every show and film view that would come out
 * the same is that board's own object, and the board itself when nothing on
 * it changed: a show starting to seat then redraws one chip, not all of them.
 */
export function buildBoard(data: VenueData, now: number, previous?: BoardView): BoardView | undefined {
  const venue = data.venue;
  if (!venue) return undefined;
  const { settings, timezone } = venue;
  const { day, shows } = boardDay(data.showtimes.values(), now, timezone, settings);
  const byFilm = new Map<string, ShowView[]>();
  for (const show of shows) {
    if (!data.films.has(show.filmId)) continue;
    let list = byFilm.get(show.filmId);
    if (!list) byFilm.set(show.filmId, (list = []));
    list.push(showView(show, now, settings, data.auditoriums.get(show.auditoriumId)));
  }
  const before = new Map(previous?.films.map((f) => [f.film.id, f]));
  const beforeShows = new Map(previous?.films.flatMap((f) => f.shows.map((s) => [s.id, s])));
  const collator = new Intl.Collator(venue.locales[0], { sensitivity: 'base', numeric: true });
  const found = standardFeatures(data.auditoriums.values(), settings.tags);
  const standardTags = previous && sameList(previous.standardTags, found) ? previous.standardTags : found;
  const films = [...byFilm]
    .map(([id, list]) => {
      const record = data.films.get(id)!;
      const shows = list.map((s) => reuseShow(s, beforeShows.get(s.id)));
      const film = {
        film: record,
        filmTags: splitFilmTags(record.tags, settings.tags).film,
        shows,
        ...cardOffers(shows, standardTags, settings.tags),
      };
      return reuseFilm(film, before.get(id));
    })
    .sort(
      (a, b) => collator.compare(sortTitle(a.film), sortTitle(b.film)) || a.film.id.localeCompare(b.film.id),
    );
  const sameDay =
    previous && (Object.keys(day) as (keyof BoardDay)[]).every((k) => previous.day[k] === day[k]);
  if (previous && sameDay && previous.standardTags === standardTags && sameList(previous.films, films))
    return previous;
  return { day, films, standardTags };
}

/** "The Last Lantern" files under L, as lobby lists do. */
function sortTitle(film: Film): string {
  return film.title.replace(/^(?:(?:the|a|an|le|la|les)\s+|l['’])/i, '');
}

/**
 * Everything on the board that can change the size of a film card: each
 * film's record (titles in every language, rating, running time, tags,
 * poster) and which shows its card lists, with their times, tags and
 * cancellations. Seat counts and phases are left out on purpose: a chip's
 * status line is as wide as the widest thing it can say (see `Board`), so a
 * seat sale or a show starting to seat never needs the cards measured again.
 */
export function layoutKey(board: BoardView | undefined): string {
  if (!board) return '';
  return JSON.stringify(
    board.films.map(({ film, shows, sharedTags, chipOmits }) => [
      film,
      sharedTags,
      chipOmits,
      shows.map((s) => [s.id, s.startsAt, s.tags, s.cancelled, s.screen, s.audio, s.subtitles]),
    ]),
  );
}
