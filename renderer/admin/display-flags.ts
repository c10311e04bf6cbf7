import type { DisplayView } from '../../main/domain/admin-answers.ts';
import { CLOCK_OFF_AFTER_MS } from '../../main/domain/displays.ts';

/** Something staff should fix on a screen that is otherwise working. */
export interface DisplayFlag {
  kind: 'clock' | 'door';
  text: string;
}

/**
 * A screen's clock more than 30 s off the hub's (it shows the hub's time, but
 * its own clock needs fixing), and a door sign pointed at an auditorium the
 * venue does not have, or at none (the public sees "being set up"). Pure.
 */
export function displayFlags(
  d: Pick<DisplayView, 'role' | 'auditoriumId' | 'clockOffsetMs'>,
  knownAuditorium: (id: string) => boolean,
): DisplayFlag[] {
  const flags: DisplayFlag[] = [];
  const offset = d.clockOffsetMs;
  if (offset !== null && Math.abs(offset) > CLOCK_OFF_AFTER_MS) {
    const seconds = Math.round(Math.abs(offset) / 1_000);
    const amount = seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
    flags.push({ kind: 'clock', text: `Clock ${amount} ${offset > 0 ? 'behind' : 'ahead of'} the hub's` });
  }
  if (d.role === 'door' && (!d.auditoriumId || !knownAuditorium(d.auditoriumId)))
    flags.push({
      kind: 'door',
      text: d.auditoriumId
        ? `Door sign for "${d.auditoriumId}", which is not an auditorium`
        : 'Door sign with no auditorium set',
    });
  return flags;
}
