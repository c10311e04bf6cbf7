import {
  ATTRIBUTE,
  LATE_ATTRIBUTES,
  SCREENS_BY_ID,
  SIM_ATTRIBUTES,
  SIM_SCREENS,
  SIM_SITE,
  type SimScreen,
} from './catalog.ts';
import type { VeeziSim } from './box-office.ts';
import { FILMS_BY_ID, SIM_FILMS, type SimFilm } from './films.ts';
import { mediaId } from './media.ts';
import { dayKey, dayNumber, type SimSession } from './schedule.ts';

/*
 * The simulator's state in Veezi's own words: each function returns exactly
 * what the endpoint answers, PascalCase, times as the venue's wall clock.
 */

export const siteAnswer = () => ({ ...SIM_SITE, Screens: SIM_SCREENS.map((s) => ({ Id: s.Id })) });

export const screenAnswer = (s: SimScreen) => ({
  Id: s.Id,
  Name: s.Name,
  ScreenNumber: s.ScreenNumber,
  HasCustomLayout: s.HasCustomLayout,
  TotalSeats: s.TotalSeats,
  HouseSeats: s.HouseSeats,
});

/** Films without a poster or backdrop exist on real sites; these two stand for them. */
const NO_POSTER = new Set(['ST00000111']);
const NO_BACKDROP = new Set(['ST00000108', 'ST00000111']);

export function filmAnswer(film: SimFilm, sim: VeeziSim, base: string) {
  const media = (kind: Parameters<typeof mediaId>[1]) => `${base}/media/${mediaId(film, kind)}`;
  return {
    Id: film.Id,
    Title: film.Title,
    ShortName: film.ShortName,
    Synopsis: film.Synopsis,
    Genre: film.Genre,
    SignageText: film.Title.toUpperCase(),
    Distributor: film.Distributor,
    OpeningDate: `${dayKey(dayNumber(sim.firstDay) - film.openedDaysAgo)}T00:00:00`,
    Rating: film.Rating,
    Status: 'Active',
    Content: film.Content,
    Duration: film.Duration,
    DisplaySequence: (SIM_FILMS.indexOf(film) + 1) * 10,
    NationalCode: null,
    Format: film.Format,
    IsRestricted: film.Rating === 'R18+',
    People: film.People.map((p) => ({ ...p })),
    AudioLanguage: film.AudioLanguage,
    GovernmentFilmTitle: null,
    FilmPosterUrl: NO_POSTER.has(film.Id) ? null : media('poster'),
    FilmPosterThumbnailUrl: media('thumbnail'),
    BackdropImageUrl: NO_BACKDROP.has(film.Id) ? null : media('backdrop'),
    FilmTrailerUrl: film.Format === 'Not a Film' ? null : `https://trailers.example.test/watch?v=${film.Id}`,
  };
}

/** Few left: at most a tenth of the house, and never more than 20. */
const fewLeft = (available: number, capacity: number) =>
  available > 0 && available <= Math.min(20, Math.ceil(capacity / 10));

export function sessionAnswer(s: SimSession, sim: VeeziSim, t: number) {
  const film = FILMS_BY_ID.get(s.FilmId)!;
  const screen = SCREENS_BY_ID.get(s.ScreenId)!;
  const available = sim.available(s);
  return {
    Id: s.Id,
    FilmId: s.FilmId,
    FilmPackageId: null,
    Title: film.Title,
    ScreenId: s.ScreenId,
    Seating: screen.seating,
    AreComplimentariesAllowed: !s.Attributes.includes(ATTRIBUTE.noFreeList.Id),
    ShowType: s.ShowType,
    SalesVia: [...s.SalesVia],
    Status: sim.statusOf(s, t),
    PreShowStartTime: s.PreShowStartTime,
    SalesCutOffTime: s.SalesCutOffTime,
    FeatureStartTime: s.FeatureStartTime,
    FeatureEndTime: s.FeatureEndTime,
    CleanupEndTime: s.CleanupEndTime,
    SeatsAvailable: available,
    SeatsHeld: s.held,
    SeatsHouse: screen.HouseSeats,
    SeatsSold: s.sold,
    TicketsSoldOut: available <= 0,
    FewTicketsLeft: fewLeft(available, screen.TotalSeats - screen.HouseSeats),
    FilmFormat: s.FilmFormat,
    PriceCardName: s.PriceCardName,
    Attributes: [...s.Attributes],
    AudioLanguage: film.AudioLanguage,
  };
}

/** On sale online: open, public, sold through WWW; with its booking link. */
export function isWebSession(s: SimSession, sim: VeeziSim, t: number): boolean {
  return s.ShowType === 'Public' && s.SalesVia.includes('WWW') && sim.statusOf(s, t) === 'Open';
}

export const webSessionAnswer = (s: SimSession, sim: VeeziSim, t: number, base: string) => ({
  ...sessionAnswer(s, sim, t),
  Url: `${base}/purchase/${s.Id}?siteToken=c2ltdWxhdG9y`,
});

/** The site's attributes; a late one only once a session carries it. */
export const attributeAnswers = (sim: VeeziSim) =>
  SIM_ATTRIBUTES.filter((a) => !LATE_ATTRIBUTES.has(a.Id) || sim.lateAttributes().has(a.Id)).map((a) => ({
    ...a,
  }));

/** One double feature on the books, none of whose sessions are on sale: the endpoint exists and answers. */
export const filmPackageAnswers = () => [
  {
    Id: 1,
    Title: 'Starfall + Kaiju Requiem',
    Status: 'Active',
    Films: [
      {
        FilmId: 'ST00000102',
        Title: 'Starfall',
        SplitPercent: 50,
        TrailerDuration: 15,
        CleanUpDuration: 0,
        Order: 1,
      },
      {
        FilmId: 'ST00000104',
        Title: 'Kaiju Requiem',
        SplitPercent: 50,
        TrailerDuration: 5,
        CleanUpDuration: 15,
        Order: 2,
      },
    ],
  },
];
