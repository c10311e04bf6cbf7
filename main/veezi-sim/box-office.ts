import { mkdirSync } from 'node:fs';
import { pick, seededRandom } from '../demo/random.ts';
import { localDateKey } from '../domain/time.ts';
import { partySize } from '../feed-sim/market.ts';
import { compareWallTimes, parseWallTime, veeziTimeToUtc, wallTimeToUtc } from '../veezi/local-time.ts';
import { resolveTimeZone } from '../veezi/windows-zones.ts';
import { ATTRIBUTE, SCREENS_BY_ID, SIM_SCREENS, SIM_SITE } from './catalog.ts';
import { FILMS_BY_ID } from './films.ts';
import {
  type SimSession,
  dayKey,
  dayNumber,
  daySessions,
  extraSession,
  primeTime,
  seedFor,
  sessionId,
} from './schedule.ts';
import { type ShowDemand, presold, sellFor } from './sales.ts';
import { SimDataError, type SimSavedState, loadSimState, saveSimState } from './sim-file.ts';

export interface VeeziSimOptions {
  /** Seeds every random choice: the same seed and clock give the same answers. */
  seed: number;
  /** Venue days listed, today included; the last one is Planned (not on sale yet). Default 4. */
  days?: number;
  /** Multiplies the pace of seat sales. Default 1. */
  rate?: number;
  /** Keep the state in this folder, so a restart continues the same history. Default: memory only. */
  dataDir?: string;
  /** Wall clock. Default `Date.now`. */
  now?: () => number;
}

export type SessionStatus = 'Open' | 'Closed' | 'Planned';

/** The simulation moves in steps of this much clock time, whatever the clock reads in between. */
export const TICK_MS = 10_000;
/** After a longer pause (a laptop asleep for a week) the simulation skips ahead instead. */
const MAX_CATCH_UP_TICKS = (7 * 86_400_000) / TICK_MS;
/** Per tick: about 1.5 sessions added and 0.75 withdrawn an hour. */
const ADD_PER_TICK = 1 / 240;
const REMOVE_PER_TICK = 1 / 480;
const SAVE_EVERY_MS = 5_000;

/** What a tick reads of a session, worked out once: reading wall times is the costly part. */
interface Facts extends ShowDemand {
  cutOff: number;
  featureEnd: number;
  day: number;
}

/**
 * A Veezi site's box office as a pure function of its seed and the clock:
 * it advances in fixed ticks aligned to the clock (not to requests), so two
 * simulators with the same seed, start and clock answer alike however often
 * they are asked. Each tick draws from its own seeded stream, which is also
 * what lets a run saved to disk continue exactly.
 */
export class VeeziSim {
  readonly seed: number;
  readonly days: number;
  readonly rate: number;
  /** The IANA zone the site's Windows zone name maps to: every wall time below is read in it. */
  readonly timeZone: string;
  readonly #now: () => number;
  readonly #dataDir: string | undefined;
  readonly #sessions = new Map<number, SimSession>();
  readonly #facts = new Map<number, Facts>();
  readonly #days = new Set<string>();
  readonly #nextSeq = new Map<string, number>();
  readonly #lateAttributes = new Set<string>();
  readonly #firstDay: string;
  #tick: number;
  #today = '';
  #todayNumber = 0;
  /** The instant the venue's next day begins. */
  #nextMidnight = 0;
  #dirty = false;
  #savedAt = 0;

  constructor(options: VeeziSimOptions) {
    const zone = resolveTimeZone(SIM_SITE.TimeZoneIdentifier, SIM_SITE.Country);
    if (!zone.ok) throw new Error(zone.problem);
    this.timeZone = zone.timeZone;
    this.seed = options.seed >>> 0;
    this.days = options.days ?? 4;
    this.rate = options.rate ?? 1;
    this.#now = options.now ?? Date.now;
    this.#dataDir = options.dataDir;
    const now = this.#now();
    const saved = this.#dataDir ? loadSimState(this.#dataDir) : undefined;
    if (saved) {
      if (saved.seed !== this.seed)
        throw new SimDataError(`${this.#dataDir} holds a run with seed ${saved.seed}, not ${this.seed}`);
      this.#restore(saved);
      this.#tick = saved.tick;
      // The saved day, so the first tick after a night away rolls the schedule on.
      this.#setToday(localDateKey(saved.tick * TICK_MS, this.timeZone));
      this.#firstDay = saved.firstDay;
    } else {
      this.#tick = Math.floor(now / TICK_MS);
      this.#setToday(localDateKey(now, this.timeZone));
      this.#firstDay = this.#today;
      this.#rollOver(now);
    }
    if (this.#dataDir) mkdirSync(this.#dataDir, { recursive: true });
    this.#dirty = true;
    this.advanceTo(now);
  }

  now(): number {
    return this.#now();
  }

  /** Simulates every tick up to time `t`. Called before each answer; cheap when nothing is due. */
  advanceTo(t: number): void {
    const last = Math.floor(t / TICK_MS);
    if (last - this.#tick > MAX_CATCH_UP_TICKS) this.#tick = last - MAX_CATCH_UP_TICKS;
    while (this.#tick < last) {
      this.#tick++;
      this.#step(
        this.#tick * TICK_MS,
        seededRandom(seedFor(this.seed, this.#tick % 2 ** 32, this.#tick / 2 ** 32)),
      );
    }
    if (this.#dirty && this.#dataDir && t - this.#savedAt >= SAVE_EVERY_MS) this.save(t);
  }

  /** Sessions listed at `t` (until their feature ends), in start order. */
  sessions(t = this.#now()): SimSession[] {
    return [...this.#sessions.values()]
      .filter((s) => t < this.#factsOf(s).featureEnd)
      .sort(
        (a, b) =>
          compareWallTimes(parseWallTime(a.PreShowStartTime)!, parseWallTime(b.PreShowStartTime)!) ||
          a.ScreenId - b.ScreenId,
      );
  }

  session(id: number): SimSession | undefined {
    return this.#sessions.get(id);
  }

  /** Planned on the last listed day, Closed from its sales cut-off, Open otherwise. */
  statusOf(s: SimSession, t = this.#now()): SessionStatus {
    const facts = this.#factsOf(s);
    if (facts.day - this.#todayNumber >= this.days - 1) return 'Planned';
    return t >= facts.cutOff ? 'Closed' : 'Open';
  }

  /** Seats that can still be sold: the house minus house seats, sold and held. */
  available(s: SimSession): number {
    return this.#factsOf(s).capacity - s.sold - s.held;
  }

  /** Attributes a session has used that /v1/attribute lists only from then on. */
  lateAttributes(): ReadonlySet<string> {
    return this.#lateAttributes;
  }

  /** The site's first day: films' opening dates count back from it. */
  get firstDay(): string {
    return this.#firstDay;
  }

  /** Sells `seats` (a refund when negative) at the box office now, as staff would. */
  sell(id: number, seats: number): SimSession {
    const s = this.#sessions.get(id);
    if (!s) throw new RangeError(`no session ${id}`);
    if (!Number.isInteger(seats)) throw new RangeError('seats must be a whole number');
    if (seats > this.available(s)) throw new RangeError(`only ${this.available(s)} seats left`);
    s.sold = Math.max(0, s.sold + seats);
    this.#dirty = true;
    return s;
  }

  /** Writes the state to the data folder now (no-op without one). */
  save(t = this.#now()): void {
    if (!this.#dataDir) return;
    const state: SimSavedState = {
      version: 1,
      seed: this.seed,
      tick: this.#tick,
      firstDay: this.#firstDay,
      days: [...this.#days],
      nextSeq: Object.fromEntries(this.#nextSeq),
      lateAttributes: [...this.#lateAttributes],
      sessions: [...this.#sessions.values()],
    };
    saveSimState(this.#dataDir, state);
    this.#savedAt = t;
    this.#dirty = false;
  }

  #step(t: number, random: () => number): void {
    if (t >= this.#nextMidnight) {
      this.#setToday(localDateKey(t, this.timeZone));
      this.#rollOver(t);
    }
    for (const s of this.#sessions.values()) {
      if (this.#factsOf(s).featureEnd <= t) this.#delete(s.Id);
      else if (this.#selling(s, t)) sellFor(s, this.#factsOf(s), t, TICK_MS / 60_000, this.rate, random);
    }
    // A return now and then: seats back on sale, well before the show.
    if (random() < 0.03 * this.rate) {
      const returnable = [...this.#sessions.values()].filter(
        (s) => s.sold > 0 && this.#selling(s, t) && this.#factsOf(s).preShow - t > 30 * 60_000,
      );
      if (returnable.length > 0) {
        const s = pick(random, returnable);
        s.sold -= Math.min(s.sold, partySize(random));
      }
    }
    if (random() < ADD_PER_TICK) this.#addSession(t, random);
    if (random() < REMOVE_PER_TICK) {
      const later = [...this.#sessions.values()].filter((s) => this.#factsOf(s).preShow - t > 2 * 3_600_000);
      if (later.length > 0) this.#delete(pick(random, later).Id);
    }
    this.#dirty = true;
  }

  #setToday(day: string): void {
    this.#today = day;
    this.#todayNumber = dayNumber(day);
    const tomorrow = parseWallTime(`${dayKey(this.#todayNumber + 1)}T00:00`)!;
    this.#nextMidnight = wallTimeToUtc(tomorrow, this.timeZone);
  }

  #selling(s: SimSession, t: number): boolean {
    return s.ShowType === 'Public' && this.statusOf(s, t) === 'Open';
  }

  /** A session added at short notice: after a screen's last show, or before its first. */
  #addSession(t: number, random: () => number): void {
    const today = this.#todayNumber;
    const day = dayKey(today + 1 + Math.floor(random() * Math.max(1, this.days - 2)));
    if (!this.#days.has(day) || dayNumber(day) - today >= this.days - 1) return;
    const screen = pick(random, SIM_SCREENS);
    const same = [...this.#sessions.values()].filter((s) => s.day === day && s.ScreenId === screen.Id);
    const session = extraSession(day, screen, same, random);
    if (!session) return;
    const seq = this.#nextSeq.get(day) ?? 1;
    this.#nextSeq.set(day, seq + 1);
    session.Id = sessionId(day, seq);
    if (random() < 0.3) {
      session.Attributes.push(ATTRIBUTE.directorQa.Id);
      this.#lateAttributes.add(ATTRIBUTE.directorQa.Id);
    }
    if (t < veeziTimeToUtc(session.PreShowStartTime, this.timeZone)!) this.#insert(session);
  }

  /** Puts every listed day on sale that is not yet: at start, and at each venue midnight. */
  #rollOver(t: number): void {
    const today = this.#todayNumber;
    for (let offset = 0; offset < this.days; offset++) {
      const day = dayKey(today + offset);
      if (this.#days.has(day)) continue;
      this.#days.add(day);
      const sessions = daySessions(day, this.seed);
      const random = seededRandom(seedFor(this.seed, dayNumber(day), 0x5a1e));
      for (const s of sessions) {
        this.#insert(s);
        if (offset < this.days - 1 && s.ShowType === 'Public')
          s.sold = presold(this.#factsOf(s), t, this.rate, random);
      }
      this.#nextSeq.set(day, sessions.length + 1);
    }
    for (const day of this.#days) if (dayNumber(day) < today - 1) this.#days.delete(day);
  }

  #restore(saved: SimSavedState): void {
    for (const day of saved.days) this.#days.add(day);
    for (const [day, seq] of Object.entries(saved.nextSeq)) this.#nextSeq.set(day, seq);
    for (const id of saved.lateAttributes) this.#lateAttributes.add(id);
    for (const s of saved.sessions) this.#insert(s);
  }

  #insert(s: SimSession): void {
    this.#sessions.set(s.Id, s);
  }

  #delete(id: number): void {
    this.#sessions.delete(id);
    this.#facts.delete(id);
  }

  #factsOf(s: SimSession): Facts {
    let facts = this.#facts.get(s.Id);
    if (!facts) {
      const at = (text: string) => veeziTimeToUtc(text, this.timeZone)!;
      const screen = SCREENS_BY_ID.get(s.ScreenId)!;
      const start = parseWallTime(s.PreShowStartTime)!;
      facts = {
        preShow: at(s.PreShowStartTime),
        cutOff: at(s.SalesCutOffTime),
        featureEnd: at(s.FeatureEndTime),
        day: dayNumber(s.day),
        pull: FILMS_BY_ID.get(s.FilmId)!.appeal * primeTime(start.hour * 60 + start.minute),
        capacity: screen.TotalSeats - screen.HouseSeats,
      };
      this.#facts.set(s.Id, facts);
    }
    return facts;
  }
}
