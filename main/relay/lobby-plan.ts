import type { Change } from '../domain/events.ts';
import { Media } from '../domain/media.ts';
import { Playlist, mediaIdsOf } from '../domain/playlists.ts';
import { type Incoming, type RecordState, readRecords, sameContent, split } from './snapshot-plan.ts';

interface LobbyPlan {
  /** Media upserts, then playlist removals and upserts, then media removals: an order the store accepts. */
  changes: Change[];
  upserts: number;
  removes: number;
}

type Have<T extends { id: string; source?: string }> = ReturnType<typeof split<T>>;

const upsertsOf = <T extends { id: string; source?: string }>(h: Have<T>, incoming: Incoming<T>) =>
  [...incoming.records.values()].filter((r) => {
    const existing = h.all.get(r.id);
    return !existing || !sameContent(existing, r);
  });

const removalsOf = <T extends { id: string; source?: string }>(h: Have<T>, incoming: Incoming<T>) =>
  [...h.upstream.keys()].filter((id) => !incoming.records.has(id) && !incoming.unreadable.has(id));

/**
 * The part of a snapshot plan for lobby content. Playlists and media follow
 * the feed only when its snapshot lists them: a hub from before lobby content
 * sends neither, and their absence removes nothing. A media file still shown
 * by a playlist here (a local one, or one the feed keeps) is kept.
 */
export function planLobby(
  current: RecordState,
  raw: { playlists?: unknown[] | undefined; media?: unknown[] | undefined },
  problems: string[],
): LobbyPlan {
  const changes: Change[] = [];
  let removes = 0;
  let upserts = 0;

  const hadMedia = split(current.media ?? []);
  const media = raw.media && readRecords('media', raw.media, Media, hadMedia.local, problems);
  if (media) {
    const list = upsertsOf(hadMedia, media);
    changes.push(...list.map((data): Change => ({ type: 'media.upsert', data })));
    upserts += list.length;
  }

  let shown: readonly Playlist[] = current.playlists ?? [];
  if (raw.playlists) {
    const had = split(shown);
    const lists = readRecords('playlist', raw.playlists, Playlist, had.local, problems);
    const removed = removalsOf(had, lists);
    const changed = upsertsOf(had, lists);
    changes.push(...removed.map((id): Change => ({ type: 'playlist.remove', data: { id } })));
    changes.push(...changed.map((data): Change => ({ type: 'playlist.upsert', data })));
    removes += removed.length;
    upserts += changed.length;
    const gone = new Set(removed);
    shown = [...shown.filter((p) => !gone.has(p.id) && !lists.records.has(p.id)), ...lists.records.values()];
  }

  if (media) {
    const used = new Set(shown.flatMap(mediaIdsOf));
    for (const id of removalsOf(hadMedia, media)) {
      if (used.has(id)) {
        problems.push(`media ${id}: gone upstream but still shown by a playlist here; kept`);
        continue;
      }
      changes.push({ type: 'media.remove', data: { id } });
      removes++;
    }
  }
  return { changes, upserts, removes };
}
