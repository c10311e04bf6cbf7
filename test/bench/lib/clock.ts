/**
 * One clock for every bench process: CLOCK_MONOTONIC is shared system-wide
 * on Linux, so a send time taken in one process and a receipt time taken in
 * another can be subtracted directly. Milliseconds, fractional.
 */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
