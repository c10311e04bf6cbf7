/** When "few seats left" starts, per venue. */
export interface FewSeats {
  /** Share of the capacity, 0–100. */
  readonly percent: number;
  /** Seats, whatever the capacity. */
  readonly floor: number;
}

/** The seat count at or below which a show of `capacity` has few seats: max(floor, ⌈percent % × capacity⌉). */
export function fewSeatsLimit(capacity: number, few: FewSeats): number {
  // Rounded first: 10 % of 30 is 3 exactly, not 3.0000000000000004 seats.
  const share = Math.round(((few.percent * capacity) / 100) * 1e6) / 1e6;
  return Math.max(few.floor, Math.ceil(share));
}

/** True when a show has seats left, but few: 0 < seats ≤ max(floor, ⌈percent % × capacity⌉). */
export function isFewSeats(seatsAvailable: number, capacity: number, few: FewSeats): boolean {
  return seatsAvailable > 0 && seatsAvailable <= fewSeatsLimit(capacity, few);
}
