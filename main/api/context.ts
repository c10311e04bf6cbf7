import type { MediaHealth, RelayHealth, Status } from '../domain/status.ts';
import type { Logger } from '../log.ts';
import type { Broadcaster } from '../sse/broadcaster.ts';
import type { EventStream } from '../sse/event-stream.ts';
import type { Store } from '../store/store.ts';
import type { AdminAuth } from './auth/admin-auth.ts';
import type { HostAllowList } from './auth/host-check.ts';

/** What route handlers share. Built once by the hub. */
export interface AppContext {
  readonly store: Store;
  readonly auth: AdminAuth;
  readonly events: EventStream;
  readonly broadcaster: Broadcaster;
  readonly log: Logger;
  /** Host names this hub answers to (DNS-rebinding guard). */
  readonly allowedHosts: HostAllowList;
  /** The relay's state, or `none` without an upstream. */
  status(): Status;
  /** Whether the relay runs and what it could not apply; undefined without an upstream. */
  relayHealth?(): RelayHealth | undefined;
  /** Feed-named media still to fetch; undefined before the media library is up. */
  mediaHealth?(): MediaHealth | undefined;
  /** Prometheus metrics for `GET /metrics`; without them the route is not there. */
  readonly metrics?: {
    readonly contentType: string;
    scrape(): Promise<string>;
    /** Scrapes from this machine need no token. */
    readonly openOnLoopback: boolean;
  };
  readonly startedAt: number;
  readonly version: string;
}
