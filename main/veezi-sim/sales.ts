import { demand, partySize } from '../feed-sim/market.ts';
import type { SimSession } from './schedule.ts';

/*
 * How seats sell, as small functions of a show's demand: feed-sim's curve
 * (a trickle days ahead, a rush in the last hour) scaled to a cinema.
 */

/** What sales read of a show. */
export interface ShowDemand {
  /** When its pre-show starts (UTC ms). */
  preShow: number;
  /** Film appeal × time of day: the part of its demand that never changes. */
  pull: number;
  /** Seats for sale: the house less house seats. */
  capacity: number;
}

/** Tickets per unit of demand per minute, for a film of appeal 1 at prime time. */
const SALES_PER_DEMAND = 0.35;
const MEAN_PARTY = 2.4;

/** Sessions go on sale this long before they start. */
const ON_SALE_MINUTES = 4 * 24 * 60;

/**
 * feed-sim's demand curve (`demand`) summed from going on sale until
 * `minutes` before the start: how much a show has sold, on average, by then.
 * Closed form of 0.05 + 6·e^(−m/40) + 0.3 within four hours, 1.5 once started.
 */
export function demandSoFar(minutes: number): number {
  const m = Math.max(0, Math.min(minutes, ON_SALE_MINUTES));
  const steady = 0.05 * (ON_SALE_MINUTES - m);
  const rush = 240 * (Math.exp(-m / 40) - Math.exp(-ON_SALE_MINUTES / 40));
  const lastHours = 0.3 * Math.max(0, 240 - m);
  return steady + rush + lastHours + 1.5 * Math.max(0, -minutes);
}

/** Seats a show has sold by `t` since going on sale, on average, give or take 30 %. */
export function presold(show: ShowDemand, t: number, rate: number, random: () => number): number {
  const expected = show.pull * demandSoFar((show.preShow - t) / 60_000) * SALES_PER_DEMAND * rate;
  return Math.round(Math.min(show.capacity, expected * (0.7 + 0.6 * random())));
}

/**
 * One tick's sales for `s`: parties arrive at the show's current demand and
 * buy if their whole party fits; carts hold a few seats in the last hour.
 */
export function sellFor(
  s: SimSession,
  show: ShowDemand,
  t: number,
  minutes: number,
  rate: number,
  random: () => number,
): void {
  const parties =
    (show.pull * demand((show.preShow - t) / 60_000) * SALES_PER_DEMAND * rate * minutes) / MEAN_PARTY;
  let arriving = Math.floor(parties) + (random() < parties % 1 ? 1 : 0);
  while (arriving-- > 0) {
    const size = partySize(random);
    if (size <= show.capacity - s.sold - s.held) s.sold += size;
  }
  if (show.preShow - t < 3_600_000 && random() < 0.1) {
    s.held = Math.min(Math.floor(random() * 5), show.capacity - s.sold);
  }
}
