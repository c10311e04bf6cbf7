import type { Status } from '../domain/status.ts';
import type { Logger } from '../log.ts';

/**
 * Hands an upstream source's status to the hub. The hub logs a state change
 * as an event, so this writes to the database; a full or read-only disk must
 * not take the source down with it (it runs inside socket callbacks and
 * timers). Shared by the SSE relay and the Veezi poller.
 */
export function tellStatus(onStatus: (status: Status) => void, status: Status, log: Logger): void {
  try {
    onStatus(status);
  } catch (err) {
    log.error('could not record the upstream status', { state: status.upstream, error: String(err) });
  }
}
