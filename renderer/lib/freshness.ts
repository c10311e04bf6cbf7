import type { Status } from '../../main/domain/status.ts';

/** The screen's own link to the hub. */
export type Connection = 'connecting' | 'live' | 'offline';

export interface FreshnessInput {
  connection: Connection;
  /** When the link to the hub was last lost; `null` while it never was. */
  lostAt: number | null;
  /** The hub's report on its upstream feed. */
  status: Status;
  now: number;
  /** Venue setting `staleAfterMinutes`. */
  staleAfterMinutes: number;
}

export interface Freshness {
  /**
   * `live`: current. `degraded`: the hub is reachable but its upstream is not.
   * `offline`: the hub itself is unreachable. `connecting`: first contact pending.
   */
  level: 'live' | 'degraded' | 'offline' | 'connecting';
  /** Until when the data is known to be current, `null` when unknown. */
  asOf: number | null;
  /** Older than the venue's staleness limit: availability must not be shown as current. */
  stale: boolean;
}

/**
 * How current the screen's data is. The hub's own records are current while
 * the screen is connected; upstream-owned data is as old as the last upstream
 * event whenever the relay is not live.
 */
export function freshness(input: FreshnessInput): Freshness {
  const { connection, lostAt, status, now } = input;
  const hubAsOf = connection === 'live' ? now : lostAt;
  const upstreamCurrent = status.upstream === 'none' || status.upstream === 'live';
  const lastUpstream = status.lastUpstreamEventAt === null ? null : Date.parse(status.lastUpstreamEventAt);
  const upstreamAsOf = upstreamCurrent ? hubAsOf : lastUpstream;
  const asOf = hubAsOf === null || upstreamAsOf === null ? null : Math.min(hubAsOf, upstreamAsOf);
  const stale = asOf !== null && now - asOf > input.staleAfterMinutes * 60_000;
  const level =
    connection === 'connecting'
      ? 'connecting'
      : connection === 'offline'
        ? 'offline'
        : upstreamCurrent
          ? 'live'
          : 'degraded';
  return { level, asOf, stale };
}
