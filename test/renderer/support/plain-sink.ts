import type { Change, Snapshot } from '../../../main/domain/events.ts';
import type { FeedSink } from '../../../renderer/lib/feed-client.ts';
import type { Connection } from '../../../renderer/lib/freshness.ts';
import {
  type VenueData,
  applyChange,
  applySnapshot,
  emptyVenueData,
} from '../../../renderer/lib/venue-data.ts';

/** The renderer's state logic over plain maps, recording what the feed client asked of it. */
export class PlainSink implements FeedSink {
  readonly data: VenueData = emptyVenueData();
  readonly log: string[] = [];
  readonly links: Connection[] = [];

  snapshot(snapshot: Snapshot): void {
    applySnapshot(this.data, snapshot);
    this.log.push(`snapshot@${snapshot.seq}`);
  }

  change(change: Change): void {
    applyChange(this.data, change);
    this.log.push(change.type);
  }

  link(state: Connection): void {
    this.links.push(state);
  }

  seats(showtimeId: string): number | undefined {
    return this.data.showtimes.get(showtimeId)?.seatsAvailable;
  }
}
