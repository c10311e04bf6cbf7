import { z } from 'zod';

/**
 * Event ids: the `id:` of every event on `/events`, the `Last-Event-ID` a
 * screen resumes with, and the `lastEventId` of its heartbeat. The one place
 * their shape is written down (docs/feed-protocol.md, "Event ids").
 *
 * An id is `<epoch>-<seq>`: the database's history, then the sequence number
 * within it. Sequence numbers alone are reused when a history is lost (a WAL
 * lost, a backup restored), and a screen resuming from a number the new
 * history reached again would keep stale seat counts; the epoch makes such an
 * id unknown, so it gets a snapshot. A bare `<seq>` is what hubs sent before
 * epochs; it names the current history only where that is safe
 * (`seqInHistory`). Clients that treat ids as opaque need none of this.
 */

/** A history epoch: lowercase letters and digits, so that the `-` after it is unambiguous. */
export const Epoch = z.string().regex(/^[0-9a-z]{1,16}$/, 'must be 1–16 lowercase letters or digits');

// 16 digits: feed-sim numbers a run from its start time × 1000.
const EVENT_ID = /^(?:([0-9a-z]{1,16})-)?(\d{1,16})$/;

/** Where an event id points: a history and a sequence number in it. */
export interface EventPosition {
  /** `undefined` for a bare id (a hub from before epochs). */
  readonly epoch: string | undefined;
  readonly seq: number;
}

/** Reads an id, `<epoch>-<seq>` or a bare `<seq>`, ignoring surrounding whitespace. */
export function parseEventId(value: string): EventPosition | undefined {
  const m = EVENT_ID.exec(value.trim());
  const seq = Number(m?.[2]);
  if (!m || !Number.isSafeInteger(seq)) return undefined;
  return { epoch: m[1], seq };
}

/** The id of event `seq` of history `epoch` (bare for a hub from before epochs). */
export function formatEventId(epoch: string | undefined, seq: number): string {
  return epoch === undefined ? String(seq) : `${epoch}-${seq}`;
}

/** An event id in a JSON body, read into its position. */
export const EventId = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const position = parseEventId(s);
    if (!position) {
      ctx.addIssue({ code: 'custom', message: 'must be an event id (<epoch>-<seq> or <seq>)' });
      return z.NEVER;
    }
    return position;
  });

/** The history a hub's ids belong to. */
export interface History {
  readonly epoch: string;
  /**
   * Whether bare ids name this history too: only while it continues the
   * numbering of a hub from before epochs (the database was upgraded in
   * place and nothing since proved a history lost). Otherwise a bare number
   * may come from any earlier history and must not be trusted.
   */
  readonly acceptsBareIds: boolean;
}

/** The sequence number `id` names in `history`, or `undefined` when it belongs to another one. */
export function seqInHistory(id: EventPosition, history: History): number | undefined {
  if (id.epoch === undefined) return history.acceptsBareIds ? id.seq : undefined;
  return id.epoch === history.epoch ? id.seq : undefined;
}
