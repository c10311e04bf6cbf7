import { HttpError } from '../http-error.ts';
import { HashSlots } from './hash-slots.ts';

export interface SignInLimits {
  /** Wrong passwords an address may try before any delay. Default 5. */
  freeAttempts?: number;
  /** Delay after the first wrong password past the free ones; it doubles with each further one. Default 15 s. */
  firstDelayMs?: number;
  /** The longest delay, so nobody sharing an address is kept out for long. Default 5 minutes. */
  maxDelayMs?: number;
  /** An address's wrong passwords are forgotten after this long without one. Default 1 hour. */
  forgetAfterMs?: number;
  /** Requests of one address that may wait behind its one password check (clerks behind one NAT). Default 3. */
  queuePerAddress?: number;
  /** Password checks running at once, hub-wide. Default 2. */
  maxConcurrentHashes?: number;
  /** Requests hub-wide that may wait for a check; beyond them, 503. Default 8. */
  maxWaitingHashes?: number;
  /** Addresses remembered; past it the least recently seen idle one is forgotten. Default 10,000. */
  maxAddresses?: number;
}

export const DEFAULT_SIGN_IN_LIMITS: Readonly<Required<SignInLimits>> = Object.freeze({
  freeAttempts: 5,
  firstDelayMs: 15_000,
  maxDelayMs: 5 * 60_000,
  forgetAfterMs: 60 * 60_000,
  queuePerAddress: 3,
  maxConcurrentHashes: 2,
  maxWaitingHashes: 8,
  maxAddresses: 10_000,
});

interface AddressState {
  /** Wrong passwords, counted until a right one or `forgetAfterMs` of quiet. */
  failures: number;
  lastFailureAt: number;
  /** Attempts taken and not yet decided: one checking, the rest queued behind it. */
  pending: number;
  /** Settles when the address's last attempt is decided; the next one starts after it. */
  tail: Promise<unknown>;
}

const seconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));

/**
 * Sign-in attempts per client address, taken synchronously before any
 * password is hashed, so a burst cannot outrun its own count: an attempt
 * still being checked counts as wrong until it is known to be right. One
 * check runs at a time per address (a few more may queue), a few at once
 * hub-wide (`HashSlots`). Past the free attempts each wrong password adds
 * a delay that doubles up to `maxDelayMs`, instead of a lock: whoever
 * shares an address with a guesser waits minutes, never forever.
 */
export class SignInGate {
  readonly limits: Readonly<Required<SignInLimits>>;
  readonly slots: HashSlots;
  readonly #addresses = new Map<string, AddressState>();
  readonly #now: () => number;

  constructor(limits: SignInLimits = {}, now: () => number = Date.now) {
    this.limits = Object.freeze({ ...DEFAULT_SIGN_IN_LIMITS, ...limits });
    this.slots = new HashSlots(this.limits.maxConcurrentHashes, this.limits.maxWaitingHashes);
    this.#now = now;
  }

  /**
   * Runs `check` as one counted attempt from `address`; it resolves to a
   * value for a right password and `undefined` for a wrong one. Refused
   * before `check` runs: 429 with `Retry-After` while the address must wait
   * or its queue is full, 503 while the hub checks all it can.
   */
  attempt<T>(address: string, check: () => Promise<T | undefined>): Promise<T | undefined> {
    const now = this.#now();
    const state = this.#state(address, now);
    const wait = this.#wait(state, now);
    if (wait > 0) return Promise.reject(tooMany(wait));
    if (state.pending > this.limits.queuePerAddress) return Promise.reject(tooMany(1_000));
    const slot = this.slots.reserve();
    if (!slot) return Promise.reject(busy());
    state.pending++;
    const decided = state.tail.then(async () => {
      let value: T | undefined;
      try {
        value = await slot.run(check);
      } finally {
        state.pending--;
      }
      if (value === undefined) {
        state.failures++;
        state.lastFailureAt = this.#now();
      } else {
        state.failures = 0;
      }
      return value;
    });
    state.tail = decided.catch(() => undefined);
    return decided;
  }

  /** Runs `fn` (a hash that is not a guess: a new password) in a hash slot; 503 when none is free. */
  hash<T>(fn: () => Promise<T>): Promise<T> {
    const slot = this.slots.reserve();
    return slot ? slot.run(fn) : Promise.reject(busy());
  }

  /** Milliseconds `address` must wait before its next attempt is taken (0: it may try now). */
  retryAfter(address: string): number {
    const state = this.#addresses.get(address);
    return state ? this.#wait(state, this.#now()) : 0;
  }

  /** Lifts every delay: the password was replaced on the hub machine, so old guesses say nothing. */
  clear(): void {
    for (const state of this.#addresses.values()) state.failures = 0;
  }

  #wait(state: AddressState, now: number): number {
    const { freeAttempts } = this.limits;
    if (state.pending === 0 && now - state.lastFailureAt >= this.limits.forgetAfterMs) state.failures = 0;
    // Undecided attempts count as wrong: that is what keeps a burst within the limit.
    const counted = state.failures + state.pending;
    if (counted < freeAttempts) return 0;
    if (state.pending > 0) return this.#delay(counted);
    return Math.max(0, state.lastFailureAt + this.#delay(state.failures) - now);
  }

  /** The delay after `failures` wrong passwords, once past the free ones. */
  #delay(failures: number): number {
    const { freeAttempts, firstDelayMs, maxDelayMs } = this.limits;
    return Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(30, failures - freeAttempts));
  }

  #state(address: string, now: number): AddressState {
    let state = this.#addresses.get(address);
    if (state) this.#addresses.delete(address);
    else state = { failures: 0, lastFailureAt: now, pending: 0, tail: Promise.resolve() };
    this.#addresses.set(address, state);
    if (this.#addresses.size > this.limits.maxAddresses) {
      // Attempts in flight are few (the hash slots bound them), so an idle address is near the front.
      for (const [key, s] of this.#addresses) {
        if (s.pending > 0) continue;
        this.#addresses.delete(key);
        break;
      }
    }
    return state;
  }
}

function tooMany(waitMs: number): HttpError {
  return new HttpError(
    429,
    `too many sign-in attempts from this address; try again in ${seconds(waitMs)} s`,
    undefined,
    { 'Retry-After': seconds(waitMs) },
  );
}

function busy(): HttpError {
  return new HttpError(503, 'the hub is checking many sign-ins at once; try again in a moment', undefined, {
    'Retry-After': '2',
  });
}
