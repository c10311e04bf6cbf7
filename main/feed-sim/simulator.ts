import { DEMO_AUDITORIUMS } from '../demo/catalog.ts';
import { pick, seededRandom } from '../demo/random.ts';
import { demoShowDetails } from '../demo/show-details.ts';
import type { Change } from '../domain/events.ts';
import type { Announcement, Showtime } from '../domain/records.ts';
import { addLocalDays, fromLocal, localDateKey, toLocal } from '../domain/time.ts';
import { ALARM_TEST, PROMOS, demand, partySize, weighted } from './market.ts';
import type { SimState } from './sim-state.ts';
import {
  AUDITORIUMS_BY_ID,
  FILMS_BY_ID,
  TRAILERS_MIN,
  TZ,
  clockTime,
  dayOfShows,
  filmsFor,
} from './world.ts';

const MINUTE = 60_000;
/** Tickets sell until this long after the start (latecomers at the box office). */
const SALES_CLOSE_AFTER_MIN = 10;
/** Shows leave the feed this long after they started. */
const DROP_AFTER_MIN = 60;
const LAST_START_MIN = 23 * 60 + 45;
const CLEANING_MIN = 15;
const LATE_SHOW_NUMBER = 99;

/** Shares of the rarer business events; the rest are seat sales and returns. */
const SHARE = { announcement: 0.015, newShow: 0.012, cancelShow: 0.004, alarmTest: 0.0004 } as const;
/** Returns and released holds stop this long before a show; the last minutes only sell. */
const RETURNS_CLOSE_BEFORE_MIN = 10;

export interface SimulatorOptions {
  seed: number;
  /** Days of shows kept on sale, today included. Default 3. */
  days?: number;
}

/**
 * A busy multiplex's box office, as a sequence of business events. Pure but
 * for its seeded random state: the same seed, state and times give the same
 * events, which is what makes `--seed` runs repeat exactly.
 */
export class Simulator {
  readonly days: number;
  readonly #state: SimState;
  readonly #seed: number;
  #random: () => number;
  /** Film popularity × prime time, per show: the part of its demand that never changes. */
  readonly #appeal = new Map<string, number>();
  /** Parsed start times: reading ISO strings is the costliest part of a step otherwise. */
  readonly #starts = new Map<string, number>();
  #share: { at: number; value: number } | undefined;

  constructor(state: SimState, options: SimulatorOptions) {
    this.#state = state;
    this.#seed = options.seed >>> 0;
    this.days = options.days ?? 3;
    this.#random = seededRandom(this.#seed);
  }

  /** Continues a run loaded from disk: a fresh stream of randomness, still a function of seed and position. */
  resumeAt(seq: number): void {
    this.#random = seededRandom((this.#seed ^ Math.imul(seq % 2 ** 31, 0x9e3779b1)) >>> 0);
  }

  random(): number {
    return this.#random();
  }

  /** One business event at time `t`: a sale mostly; sometimes a return, a new or cancelled show, a promotion. */
  step(t: number): Change[] {
    const r = this.#random();
    let out: Change[] | undefined;
    if (r < SHARE.cancelShow) out = this.#cancelShow(t);
    else if (r < SHARE.cancelShow + SHARE.newShow) out = this.#newShow(t);
    else if (r < SHARE.cancelShow + SHARE.newShow + SHARE.announcement) out = this.#promotion(t);
    else if (r < SHARE.cancelShow + SHARE.newShow + SHARE.announcement + SHARE.alarmTest)
      out = this.#alarmTest(t);
    else if (this.#random() < this.#returnShare(t)) out = this.#refund(t);
    return out ?? this.#sale(t) ?? [];
  }

  /**
   * How many seat events give seats back (returns, exchanges, holds released
   * from abandoned carts) rather than take them. A real box office moves a few
   * hundred seats an hour; a demo feed runs at several events a second for
   * hours. So seats come back more often as the house fills, which holds the
   * schedule near half sold at any rate, while the busiest shows still sell
   * out in their final rush.
   */
  #returnShare(t: number): number {
    // The house fills slowly; measuring it once a simulated second is plenty.
    if (this.#share && t - this.#share.at < 1_000) return this.#share.value;
    let sold = 0;
    let capacity = 0;
    for (const show of this.#state.showtimes.values()) {
      if (show.status !== 'scheduled' || this.#startOf(show) - t < RETURNS_CLOSE_BEFORE_MIN * MINUTE)
        continue;
      sold += show.capacity - show.seatsAvailable;
      capacity += show.capacity;
    }
    const fill = capacity === 0 ? 0 : sold / capacity;
    const x = Math.min(1, Math.max(0, (fill - 0.35) / 0.35));
    this.#share = { at: t, value: 0.04 + 0.56 * x * x * (3 - 2 * x) };
    return this.#share.value;
  }

  /** Time-driven upkeep at `t`: past shows and expired notices leave, new days of shows go on sale. */
  upkeep(t: number): Change[] {
    const out: Change[] = [];
    const s = this.#state;
    for (const show of s.showtimes.values()) {
      if (this.#startOf(show) < t - DROP_AFTER_MIN * MINUTE) {
        out.push({ type: 'showtime.remove', data: { id: show.id } });
        this.#appeal.delete(show.id);
        this.#starts.delete(show.startsAt);
      }
    }
    for (const a of s.announcements.values()) {
      if (a.endsAt && Date.parse(a.endsAt) <= t)
        out.push({ type: 'announcement.remove', data: { id: a.id } });
    }
    for (let d = 0; d < this.days; d++) {
      const dayStart = addLocalDays(t, d, TZ);
      const dayEnd = addLocalDays(t, d + 1, TZ);
      const onSale = [...s.showtimes.values()].some((x) => {
        const start = this.#startOf(x);
        return start >= dayStart && start < dayEnd;
      });
      if (onSale) continue;
      for (const show of dayOfShows(dayStart, d, this.#seed)) {
        if (Date.parse(show.startsAt) >= t - 30 * MINUTE && !s.showtimes.has(show.id)) {
          out.push({ type: 'showtime.upsert', data: show });
        }
      }
    }
    return out;
  }

  #sale(t: number): Change[] | undefined {
    const candidates: Showtime[] = [];
    const weights: number[] = [];
    for (const show of this.#state.showtimes.values()) {
      if (show.status !== 'scheduled' || show.seatsAvailable === 0) continue;
      const minutes = (this.#startOf(show) - t) / MINUTE;
      if (minutes < -SALES_CLOSE_AFTER_MIN) continue;
      // The last seats go slowly: they are the worst ones.
      const left = show.seatsAvailable / show.capacity;
      candidates.push(show);
      weights.push(this.#appealOf(show) * demand(minutes) * (0.1 + 0.9 * left));
    }
    const show = weighted(this.#random, candidates, weights);
    if (!show) return undefined;
    const party = Math.min(show.seatsAvailable, partySize(this.#random));
    const seatsAvailable = show.seatsAvailable - party;
    const out: Change[] = [{ type: 'availability', data: { showtimeId: show.id, seatsAvailable } }];
    if (seatsAvailable === 0 && this.#startOf(show) > t && this.#random() < 0.6) {
      const film = FILMS_BY_ID.get(show.filmId);
      const aud = AUDITORIUMS_BY_ID.get(show.auditoriumId)?.name ?? show.auditoriumId;
      const at = clockTime(show.startsAt);
      out.push({
        type: 'announcement.upsert',
        data: {
          id: `ann-soldout-${show.id}`,
          text: `SOLD OUT: ${film?.title ?? 'the'} ${at} show in ${aud}.`,
          texts: { 'zh-CN': `${film?.titles?.['zh-CN'] ?? ''} ${at}（${aud}）已售罄。` },
          endsAt: show.startsAt,
          priority: 5,
          source: 'local',
        },
      });
    }
    return out;
  }

  #refund(t: number): Change[] | undefined {
    const candidates: Showtime[] = [];
    const weights: number[] = [];
    for (const show of this.#state.showtimes.values()) {
      const sold = show.capacity - show.seatsAvailable;
      const minutes = (this.#startOf(show) - t) / MINUTE;
      if (show.status !== 'scheduled' || sold === 0 || minutes < RETURNS_CLOSE_BEFORE_MIN) continue;
      // Seats come back where they are busy (carts abandoned in the rush) and where many were sold.
      candidates.push(show);
      weights.push(demand(minutes) * (sold / show.capacity));
    }
    const show = weighted(this.#random, candidates, weights);
    if (!show) return undefined;
    const seats = Math.min(show.capacity - show.seatsAvailable, partySize(this.#random));
    const out: Change[] = [
      { type: 'availability', data: { showtimeId: show.id, seatsAvailable: show.seatsAvailable + seats } },
    ];
    if (this.#state.announcements.has(`ann-soldout-${show.id}`)) {
      out.push({ type: 'announcement.remove', data: { id: `ann-soldout-${show.id}` } });
    }
    return out;
  }

  #cancelShow(t: number): Change[] | undefined {
    const quiet = [...this.#state.showtimes.values()].filter(
      (s) =>
        s.status === 'scheduled' &&
        this.#startOf(s) - t > 3 * 60 * MINUTE &&
        s.seatsAvailable / s.capacity > 0.75,
    );
    if (quiet.length === 0) return undefined;
    const show = pick(this.#random, quiet);
    const film = FILMS_BY_ID.get(show.filmId);
    const aud = AUDITORIUMS_BY_ID.get(show.auditoriumId)?.name ?? show.auditoriumId;
    const at = clockTime(show.startsAt);
    return [
      { type: 'showtime.upsert', data: { ...show, status: 'cancelled' } },
      {
        type: 'announcement.upsert',
        data: {
          id: `ann-cancel-${show.id}`,
          text: `The ${at} screening of ${film?.title ?? 'a film'} in ${aud} is cancelled. Refunds at the box office.`,
          texts: { 'zh-CN': `${at}（${aud}）的《${film?.titles?.['zh-CN'] ?? ''}》已取消，请到售票处退款。` },
          endsAt: show.startsAt,
          priority: 3,
          source: 'local',
        },
      },
    ];
  }

  /** An extra late show after an auditorium's last one, on a day on sale, if the night has room. */
  #newShow(t: number): Change[] | undefined {
    const aud = pick(this.#random, DEMO_AUDITORIUMS);
    const offset = Math.floor(this.#random() * this.days);
    const dayStart = addLocalDays(t, offset, TZ);
    const dayEnd = addLocalDays(t, offset + 1, TZ);
    const key = localDateKey(dayStart, TZ);
    let lastEnd = -Infinity;
    for (const s of this.#state.showtimes.values()) {
      const start = this.#startOf(s);
      if (s.auditoriumId !== aud.id || start < dayStart || start >= dayEnd) continue;
      const runtime = FILMS_BY_ID.get(s.filmId)?.runtimeMinutes ?? 120;
      lastEnd = Math.max(lastEnd, start + (TRAILERS_MIN + runtime + CLEANING_MIN) * MINUTE);
    }
    if (lastEnd === -Infinity) return undefined;
    const slot = Math.ceil(lastEnd / (5 * MINUTE)) * 5 * MINUTE;
    const local = toLocal(slot, TZ);
    if (slot >= dayEnd || local.hour * 60 + local.minute > LAST_START_MIN) return undefined;
    const startsAt = fromLocal(local, TZ);
    if (startsAt < t + 60 * MINUTE) return undefined;
    const film = weighted(
      this.#random,
      filmsFor(aud.id),
      filmsFor(aud.id).map((f) => f.weight),
    )!;
    const hhmm = `${String(local.hour).padStart(2, '0')}${String(local.minute).padStart(2, '0')}`;
    const show: Showtime = {
      id: `st-${key.replaceAll('-', '')}-${aud.id}-late${hhmm}`,
      filmId: film.id,
      auditoriumId: aud.id,
      startsAt: new Date(startsAt).toISOString(),
      // A late addition: numbered after every regular show of the day.
      ...demoShowDetails(film, aud, LATE_SHOW_NUMBER),
      capacity: aud.capacity,
      seatsAvailable: aud.capacity,
      status: 'scheduled',
      source: 'local',
    };
    return [{ type: 'showtime.upsert', data: show }];
  }

  #promotion(t: number): Change[] | undefined {
    const running = PROMOS.filter((p) => this.#state.announcements.has(p.id));
    if (running.length >= 2 || (running.length > 0 && this.#random() < 0.4)) {
      return [{ type: 'announcement.remove', data: { id: pick(this.#random, running).id } }];
    }
    const idle = PROMOS.filter((p) => !this.#state.announcements.has(p.id));
    if (idle.length === 0) return undefined;
    const promo = pick(this.#random, idle);
    const data: Announcement = {
      ...promo,
      texts: { ...promo.texts },
      startsAt: new Date(t).toISOString(),
      endsAt: new Date(t + (1 + Math.floor(this.#random() * 3)) * 60 * MINUTE).toISOString(),
      source: 'local',
    };
    return [{ type: 'announcement.upsert', data }];
  }

  /** Now and then an urgent notice takes over every screen for ten minutes: a fire alarm test. */
  #alarmTest(t: number): Change[] | undefined {
    if (this.#state.announcements.has(ALARM_TEST.id)) return undefined;
    const data: Announcement = {
      ...ALARM_TEST,
      texts: { ...ALARM_TEST.texts },
      startsAt: new Date(t).toISOString(),
      endsAt: new Date(t + 10 * MINUTE).toISOString(),
      source: 'local',
    };
    return [{ type: 'announcement.upsert', data }];
  }

  #startOf(show: Showtime): number {
    let ms = this.#starts.get(show.startsAt);
    if (ms === undefined) {
      ms = Date.parse(show.startsAt);
      this.#starts.set(show.startsAt, ms);
    }
    return ms;
  }

  #appealOf(show: Showtime): number {
    let appeal = this.#appeal.get(show.id);
    if (appeal === undefined) {
      const film = FILMS_BY_ID.get(show.filmId);
      const hour = toLocal(Date.parse(show.startsAt), TZ).hour;
      appeal = (film?.weight ?? 3) * (hour >= 18 && hour <= 22 ? 1.6 : hour < 13 ? 0.6 : 1);
      this.#appeal.set(show.id, appeal);
    }
    return appeal;
  }
}
