import { PlaylistCreateBody, PlaylistUpdateBody } from '../../domain/lobby-requests.ts';
import { Playlist } from '../../domain/playlists.ts';
import type { AppContext } from '../context.ts';
import type { Router } from '../router.ts';
import { recordRoutes } from './admin-records.ts';

/** Playlists: plain records with versions, like films (media has its own part, main/media/). */
export function adminLobbyRoutes(router: Router, ctx: AppContext): void {
  recordRoutes(router, ctx, {
    kind: 'playlist',
    path: 'playlists',
    idPrefix: 'pl',
    table: (s) => s.records.playlists,
    createBody: PlaylistCreateBody,
    updateBody: PlaylistUpdateBody,
    record: Playlist,
    // PUT is a full replace: a field left out (role, displays) is cleared.
    toRecord: (body, id) => ({ ...body, id }),
    describe: (p) => `"${p.name}" (${p.id})`,
    capability: 'venue',
  });
}
