import { isVideo } from '../domain/media.ts';
import type { Playlist } from '../domain/playlists.ts';
import { mediaIdsOf } from '../domain/playlists.ts';
import { InvalidChangeError, NotFoundError } from './errors.ts';
import type { Tables } from './tables.ts';

/** How many playlists show media `id` (a media file in use cannot be removed). */
export function playlistsUsingMedia(t: Tables, id: string): number {
  return t.playlists.all().filter((p) => mediaIdsOf(p).includes(id)).length;
}

/**
 * Staff's playlists may only name media the hub has, of the page's kind (a
 * picture on an image page, a clip on a video page). A feed's playlist is
 * taken as sent: its media may come in a later event, and a screen skips a
 * page whose file it does not have.
 */
export function checkPlaylistMedia(t: Tables, playlist: Playlist): void {
  playlist.pages.forEach((page, index) => {
    if (page.kind !== 'image' && page.kind !== 'video') return;
    const field = `pages.${index}.mediaId`;
    const media = t.media.get(page.mediaId);
    if (!media) {
      throw new NotFoundError(`media ${page.mediaId} does not exist`, field, {
        code: 'not_found',
        params: { id: page.mediaId },
      });
    }
    if (isVideo(media.type) !== (page.kind === 'video')) {
      throw new InvalidChangeError(
        page.kind === 'video'
          ? `media ${page.mediaId} is a picture; a video page needs a clip`
          : `media ${page.mediaId} is a clip; an image page needs a picture`,
        field,
        { code: 'invalid', params: { id: page.mediaId } },
      );
    }
  });
}
