import type { Venue } from '../domain/records.ts';
import type { Logger } from '../log.ts';
import type { RetentionOptions } from './event-log.ts';

export interface StoreOptions {
  /**
   * Path of the SQLite file. A missing one is created whole (under a
   * temporary name, then renamed); an empty one is refused.
   */
  file: string;
  /** Event-log retention. Defaults: 7 days, at least 100,000 events, at most 1,000,000. */
  retention?: RetentionOptions;
  /** Venue written on first open. Default: "My Venue" in the machine's time zone, English. */
  initialVenue?: Venue;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  /** Where failed bookkeeping is reported (once per kind, until it works again). Default: stderr. */
  log?: Logger;
  /**
   * Open only an existing database of the current schema, never create or
   * migrate one: for tools that run beside a hub (`marquee reset-password`).
   * Default false.
   */
  existingOnly?: boolean;
  /**
   * Sequence numbers reserved at a time in the high-water file beside the
   * database (`<file>.history`, see `HistoryEpoch`): one fsynced write per
   * this many events. Default 10,000.
   */
  historyReserve?: number;
}
