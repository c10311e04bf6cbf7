import { vi } from 'vitest';
import type { Hub } from '../../../../main/hub.ts';

/** The poll clock, faked for a Veezi test: timers, `Date` and `performance` (the catalogue's age). */
export function fakePollClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
}

/** Closes a hub started on the fake clock (its close waits on timers), then gives real timers back. */
export async function closeOnFakeClock(hub: Hub | undefined): Promise<void> {
  const closing = hub?.close();
  await vi.runAllTimersAsync();
  await closing;
  vi.useRealTimers();
}
