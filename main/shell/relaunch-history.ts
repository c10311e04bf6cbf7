import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { spendBudget } from './watchdog.ts';

const History = z.array(z.number().int().nonnegative()).max(1000);

/**
 * Spends one app relaunch from the budget kept in `file` (relaunch times,
 * which must outlive the process they restart). True when the relaunch may
 * go ahead; a missing or damaged file counts as no relaunches yet.
 */
export function spendRelaunch(file: string, now: number, max: number, windowMs: number): boolean {
  let history: number[] = [];
  try {
    const parsed = History.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) history = parsed.data;
  } catch {
    // No file yet, or unreadable: start counting afresh.
  }
  const budget = spendBudget(history, now, max, windowMs);
  if (budget.allowed) {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(budget.history));
    renameSync(temp, file);
  }
  return budget.allowed;
}
