import type { RelayHealth, Status } from '../domain/status.ts';
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
  readonly startedAt: number;
  readonly version: string;
}
