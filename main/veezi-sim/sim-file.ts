import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SimSession } from './schedule.ts';

/** What a simulator with `--data` keeps between runs: enough to continue the same history. */
export interface SimSavedState {
  version: 1;
  seed: number;
  /** The last clock tick simulated. */
  tick: number;
  firstDay: string;
  days: string[];
  nextSeq: Record<string, number>;
  lateAttributes: string[];
  sessions: SimSession[];
}

const wall = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
const SavedSession = z.object({
  Id: z.number().int().nonnegative(),
  FilmId: z.string(),
  ScreenId: z.number().int(),
  ShowType: z.enum(['Public', 'Private']),
  SalesVia: z.array(z.string()),
  PreShowStartTime: wall,
  FeatureStartTime: wall,
  FeatureEndTime: wall,
  SalesCutOffTime: wall,
  CleanupEndTime: wall,
  FilmFormat: z.string(),
  PriceCardName: z.string(),
  Attributes: z.array(z.string()),
  sold: z.number().int().nonnegative(),
  held: z.number().int().nonnegative(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
const SavedState = z.object({
  version: z.literal(1),
  seed: z.number().int().nonnegative(),
  tick: z.number().int().nonnegative(),
  firstDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  days: z.array(z.string()),
  nextSeq: z.record(z.string(), z.number().int().positive()),
  lateAttributes: z.array(z.string()),
  sessions: z.array(SavedSession),
});

/** A data folder that cannot be used as it is: the CLI reports it in one line. */
export class SimDataError extends Error {
  override name = 'SimDataError';
}

export const simFile = (dir: string) => join(dir, 'veezi-sim.json');

/** The state saved in `dir`, or undefined when there is none yet. */
export function loadSimState(dir: string): SimSavedState | undefined {
  const file = simFile(dir);
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SimDataError(
      `${file} is not readable JSON (${(err as Error).message}); move it away to start afresh`,
    );
  }
  const parsed = SavedState.safeParse(json);
  if (!parsed.success)
    throw new SimDataError(`${file} is not a veezi-sim state; move it away to start afresh`);
  return parsed.data;
}

/** Writes the state whole or not at all: a crash mid-write leaves the previous file. */
export function saveSimState(dir: string, state: SimSavedState): void {
  const file = simFile(dir);
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}
