import { z } from 'zod';

/** The relay's link to the upstream feed; `none` when no upstream is configured. */
export const UpstreamState = z.enum(['none', 'connecting', 'live', 'reconnecting', 'offline']);
export type UpstreamState = z.infer<typeof UpstreamState>;

export const Status = z.object({
  upstream: UpstreamState,
  lastUpstreamEventAt: z.iso.datetime().nullable(),
});
export type Status = z.infer<typeof Status>;

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
});
export type Health = z.infer<typeof Health>;
