import { z } from 'zod';

/** The relay's link to the upstream feed; `none` when no upstream is configured. */
export const UpstreamState = z.enum(['none', 'connecting', 'live', 'reconnecting', 'offline']);
export type UpstreamState = z.infer<typeof UpstreamState>;

export const Status = z.object({
  upstream: UpstreamState,
  lastUpstreamEventAt: z.iso.datetime().nullable(),
});
export type Status = z.infer<typeof Status>;

/** The relay as health shows it (present only when the hub follows an upstream). */
export const RelayHealth = z.object({
  /** What the hub follows: an SSE feed or a Veezi site's API. Absent from hubs before Veezi (read it as `sse`). */
  source: z.enum(['sse', 'veezi']).optional(),
  /** Veezi: the end of the last poll that succeeded (applied or found nothing to change); null before the first. */
  lastPollAt: z.iso.datetime().nullable().optional(),
  /** Veezi: the latest poll that failed and why; kept after recovery (compare `at` with `lastPollAt`). */
  lastError: z.object({ reason: z.string(), at: z.iso.datetime() }).optional(),
  /** Veezi: the site's time zone could not be used (the venue's configured zone is kept), and why. */
  zoneProblem: z.string().optional(),
  /** False once the relay stopped for good (204 from the feed, or an error it could not recover from): health is then `degraded`. */
  running: z.boolean(),
  /** Why it is not running. */
  problem: z.string().optional(),
  /** The latest upstream event larger than the relay's limit (`maxEventBytes`), until an event after it applies. */
  tooLarge: z
    .object({
      /** Its `event:` type (`snapshot`, …), empty when none came before the limit. */
      event: z.string(),
      /** Its size as sent; when not `complete` (it went on past twice the limit), twice the limit. */
      bytes: z.number().int().min(0),
      complete: z.boolean(),
      limitBytes: z.number().int().min(1),
      at: z.iso.datetime(),
    })
    .optional(),
});
export type RelayHealth = z.infer<typeof RelayHealth>;

/** Feed-named lobby media the hub does not hold yet (details, with reasons, in `GET /api/admin/media`). */
export const MediaHealth = z.object({
  /** Waiting for their first fetch. */
  pending: z.number().int().min(0),
  /** Whose last fetch failed; each is tried again with backoff. */
  failed: z.number().int().min(0),
});
export type MediaHealth = z.infer<typeof MediaHealth>;

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'error']),
  /**
   * What is wrong with the database, in one sentence: a failed integrity check at
   * start-up, why it takes no writes (disk full, read-only), reads that fail.
   */
  databaseProblem: z.string().optional(),
  /** The same problems one by one, the most telling first. */
  databaseProblems: z.array(z.string()).optional(),
  seq: z.number().int().min(0),
  clients: z.number().int().min(0),
  upstream: UpstreamState,
  lastUpstreamEventAt: z.iso.datetime().nullable(),
  uptimeSeconds: z.number().min(0),
  version: z.string(),
  relay: RelayHealth.optional(),
  /** Lobby media still to fetch. Absent from older hubs. */
  media: MediaHealth.optional(),
});
export type Health = z.infer<typeof Health>;
