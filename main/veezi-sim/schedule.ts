import { pick, seededRandom } from '../demo/random.ts';
import { weighted } from '../feed-sim/market.ts';
import {
  type WallTime,
  addWallMinutes,
  compareWallTimes,
  formatWallTime,
  parseWallTime,
} from '../veezi/local-time.ts';
import { ATTRIBUTE, SIM_SCREENS, type SimScreen } from './catalog.ts';
import { SIM_FILMS, type SimFilm } from './films.ts';

/** A session as the simulator keeps it: Veezi's fields, its times as the venue's wall clock. */
export interface SimSession {
  Id: number;
  FilmId: string;
  ScreenId: number;
  ShowType: 'Public' | 'Private';
  SalesVia: string[];
  PreShowStartTime: string;
  FeatureStartTime: string;
  FeatureEndTime: string;
  SalesCutOffTime: string;
  CleanupEndTime: string;
  FilmFormat: string;
  PriceCardName: string;
  Attributes: string[];
  /** Seats sold and held in carts. */
  sold: number;
  held: number;
  /** The venue date it belongs to, `YYYY-MM-DD`. */
  day: string;
}

/** A seed for one part of the run: the same parts give the same stream, whatever else happened. */
export function seedFor(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date: a calendar date, no zone. */
export const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
export const dayKey = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** Ids carry their day (`dayNumber * 1000 + n`), so ids of different days never meet. */
export const sessionId = (day: string, n: number) => dayNumber(day) * 1000 + n;

const minutesOfDay = (w: WallTime) => w.hour * 60 + w.minute;

/**
 * Friday and Saturday end in Cinema 6 with a 23:45 long feature that runs
 * past 02:00, the hour clocks skip or repeat on a DST night.
 */
const MIDNIGHT_SCREEN = 6;
const MIDNIGHT_START = 23 * 60 + 45;

/** How much of the house a show draws at this hour: evenings fill, mornings do not. */
export function primeTime(startMinutes: number): number {
  if (startMinutes < 12 * 60) return 0.35;
  if (startMinutes < 17 * 60) return 0.55;
  if (startMinutes < 21 * 60) return 1;
  return 0.7;
}

/** The format of this screening: a 3D print plays flat in a 2D house, HFR only in Cinema 1. */
export function screeningFormat(film: SimFilm, screen: SimScreen): string {
  if (film.Format === '3D HFR')
    return screen.Id === 1 ? '3D HFR' : screen.threeD ? '3D Digital' : '2D Digital';
  if (film.Format === '3D Digital') return screen.threeD ? '3D Digital' : '2D Digital';
  return film.Format;
}

interface Slot {
  day: string;
  screen: SimScreen;
  film: SimFilm;
  preShow: WallTime;
  weekday: number;
  random: () => number;
}

/** One session's Veezi times, attributes and price card, as a box office would set it up. */
export function makeSession({ day, screen, film, preShow, weekday, random }: Slot): SimSession {
  const trailers = film.Format === 'Not a Film' ? 5 : screen.trailers;
  const featureStart = addWallMinutes(preShow, trailers);
  const featureEnd = addWallMinutes(featureStart, film.Duration);
  const start = minutesOfDay(preShow);
  const kids = (film.Rating === 'G' || film.Rating === 'PG') && start < 12 * 60;
  const seniors = !kids && weekday >= 1 && weekday <= 5 && start < 13 * 60 && random() < 0.4;
  const attributes = [
    film.AudioLanguage !== null && film.AudioLanguage !== 'English' && film.Format !== 'Not a Film'
      ? ATTRIBUTE.subtitled
      : undefined,
    kids ? ATTRIBUTE.kids : undefined,
    kids && random() < 0.25 ? ATTRIBUTE.sensory : undefined,
    seniors ? ATTRIBUTE.seniors : undefined,
    film.AudioLanguage === 'English' && random() < 0.08 ? ATTRIBUTE.openCaption : undefined,
    random() < 0.05 ? ATTRIBUTE.audioDescribed : undefined,
    film.openedDaysAgo <= 3 && film.openedDaysAgo >= 0 ? ATTRIBUTE.noFreeList : undefined,
  ].flatMap((a) => (a ? [a.Id] : []));
  const priceCard =
    film.Format === 'Not a Film'
      ? 'Event'
      : kids
        ? 'Kids'
        : seniors
          ? 'Seniors'
          : screen.Id === 7
            ? 'Gold Class'
            : start < 17 * 60
              ? 'Matinee'
              : 'Standard';
  const boxOfficeOnly = random() < 0.04;
  return {
    Id: 0,
    FilmId: film.Id,
    ScreenId: screen.Id,
    ShowType: 'Public',
    SalesVia: boxOfficeOnly ? ['POS'] : screen.Id === 8 ? ['POS', 'WWW'] : ['KIOSK', 'POS', 'WWW'],
    PreShowStartTime: formatWallTime(preShow),
    FeatureStartTime: formatWallTime(featureStart),
    FeatureEndTime: formatWallTime(featureEnd),
    // Latecomers buy at the box office until a few minutes into the feature.
    SalesCutOffTime: formatWallTime(addWallMinutes(featureStart, 5)),
    CleanupEndTime: formatWallTime(addWallMinutes(featureEnd, 15)),
    FilmFormat: screeningFormat(film, screen),
    PriceCardName: priceCard,
    Attributes: attributes,
    sold: 0,
    held: 0,
    day,
  };
}

/** Films a screen may play at `start` minutes past midnight, with their weights. */
function programme(screen: SimScreen, start: number, weekday: number, first: boolean, previous?: string) {
  const films = SIM_FILMS.filter((f) => {
    if (f.Id === previous) return false;
    if (f.Format === '2D Film') return screen.Id === 8;
    if (f.Format === 'Not a Film') return screen.Id === 3 && weekday === 0 && first;
    if (f.Rating === 'R18+' && start < 18 * 60) return false;
    if (f.Rating === 'G' && start >= 17 * 60) return false;
    return true;
  });
  const weights = films.map((f) =>
    f.Format === 'Not a Film' ? 100 : f.appeal * (screen.threeD && f.Format !== '2D Digital' ? 2 : 1),
  );
  return { films, weights };
}

/**
 * A screen's sessions on `day` from its first slot on: films one after another
 * with trailers and cleaning between, starting on five-minute marks, the last
 * start by 22:15 (23:15 on Friday and Saturday, whose late shows run past
 * midnight). Wall-clock arithmetic throughout, as a ticketing system does:
 * a late show on the night clocks change ends at the wall time its runtime says.
 */
export function screenDay(day: string, screen: SimScreen, seed: number): SimSession[] {
  const random = seededRandom(seedFor(seed, dayNumber(day), screen.Id));
  const midnight = parseWallTime(`${day}T00:00`)!;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 5 || weekday === 6;
  const midnightShow = weekend && screen.Id === MIDNIGHT_SCREEN;
  const lastStart = midnightShow ? 20 * 60 + 45 : weekend ? 23 * 60 + 15 : 22 * 60 + 15;
  const sessions: SimSession[] = [];
  let start = screen.opensAt + 15 * Math.floor(random() * 4);
  let previous: string | undefined;
  while (start <= lastStart) {
    const { films, weights } = programme(screen, start, weekday, sessions.length === 0, previous);
    const film = weighted(random, films, weights);
    if (!film) break;
    const session = makeSession({
      day,
      screen,
      film,
      preShow: addWallMinutes(midnight, start),
      weekday,
      random,
    });
    sessions.push(session);
    previous = film.Id;
    const cleanupEnd = start + (film.Format === 'Not a Film' ? 5 : screen.trailers) + film.Duration + 15;
    start = Math.ceil(cleanupEnd / 5) * 5 + 5 * Math.floor(random() * 3);
  }
  if (midnightShow && start <= MIDNIGHT_START) {
    const films = SIM_FILMS.filter((f) => f.Duration >= 118 && f.Format !== 'Not a Film');
    const film = weighted(
      random,
      films,
      films.map((f) => f.appeal),
    )!;
    const late = makeSession({
      day,
      screen,
      film,
      preShow: addWallMinutes(midnight, MIDNIGHT_START),
      weekday,
      random,
    });
    sessions.push({ ...late, PriceCardName: 'Late Night' });
  }
  return sessions;
}

/**
 * Every session of one venue day, numbered in start order, none sold yet;
 * a private hire most days, in Gold Class or the Studio.
 */
export function daySessions(day: string, seed: number): SimSession[] {
  const sessions = SIM_SCREENS.flatMap((screen) => screenDay(day, screen, seed));
  const random = seededRandom(seedFor(seed, dayNumber(day), 0xda7));
  if (random() < 0.6) {
    const hireable = sessions.filter(
      (s) => (s.ScreenId === 7 || s.ScreenId === 8) && s.PreShowStartTime.slice(11, 16) >= '12:00',
    );
    if (hireable.length > 0) {
      const hire = pick(random, hireable);
      Object.assign(hire, {
        ShowType: 'Private',
        SalesVia: ['POS'],
        PriceCardName: 'Private Function',
        Attributes: [],
      });
    }
  }
  sessions.sort((a, b) =>
    a.PreShowStartTime < b.PreShowStartTime
      ? -1
      : a.PreShowStartTime > b.PreShowStartTime
        ? 1
        : a.ScreenId - b.ScreenId,
  );
  sessions.forEach((s, i) => (s.Id = sessionId(day, i + 1)));
  return sessions;
}

/** Minutes from `midnight` to `w`, on a five-minute mark. */
const roundUp = (w: WallTime, midnight: WallTime) => Math.ceil(compareWallTimes(w, midnight) / 300_000) * 5;
const roundDown = (w: WallTime, midnight: WallTime) =>
  Math.floor(compareWallTimes(w, midnight) / 300_000) * 5;

/**
 * A session added at short notice on `day` in `screen`: after its last show
 * if that ends by 23:30, else before its first if there is room from 09:00;
 * undefined when neither fits. Its Id is the caller's to give.
 */
export function extraSession(
  day: string,
  screen: SimScreen,
  sameScreen: readonly SimSession[],
  random: () => number,
): SimSession | undefined {
  const flat = SIM_FILMS.filter((f) => f.Format === '2D Digital');
  const film = weighted(
    random,
    flat,
    flat.map((f) => f.appeal),
  )!;
  const ordered = [...sameScreen].sort((a, b) => (a.PreShowStartTime < b.PreShowStartTime ? -1 : 1));
  const midnight = parseWallTime(`${day}T00:00`)!;
  const length = screen.trailers + film.Duration + 15;
  const last = ordered.at(-1);
  const first = ordered[0];
  const after = last ? roundUp(parseWallTime(last.CleanupEndTime)!, midnight) + 10 : 18 * 60;
  const before = first ? roundDown(parseWallTime(first.PreShowStartTime)!, midnight) - length - 10 : 18 * 60;
  const start = after <= 23 * 60 + 30 ? after : before >= 9 * 60 ? before : undefined;
  if (start === undefined) return undefined;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return makeSession({ day, screen, film, preShow: addWallMinutes(midnight, start), weekday, random });
}
