import { describe, expect, it } from 'vitest';
import type { Media } from '../../../main/domain/media.ts';
import type { Playlist } from '../../../main/domain/playlists.ts';
import { Venue } from '../../../main/domain/records.ts';
import { type RecordState, planSnapshot } from '../../../main/relay/snapshot-plan.ts';

const venue = Venue.parse({ id: 'v', name: 'V', timezone: 'Europe/London', locales: ['en'] });
const media = (id: string, source: 'upstream' | 'local' = 'upstream'): Media => ({
  id,
  type: 'video/webm',
  source,
});
const playlist = (id: string, mediaId: string, source: 'upstream' | 'local' = 'upstream'): Playlist => ({
  id,
  name: id,
  role: 'board',
  pages: [{ kind: 'video', mediaId }],
  source,
});
const state = (extra: Partial<RecordState>): RecordState => ({
  venue,
  auditoriums: [],
  films: [],
  showtimes: [],
  announcements: [],
  ...extra,
});
const wire = (extra: Record<string, unknown>) => ({
  seq: 1,
  venue,
  auditoriums: [],
  films: [],
  showtimes: [],
  announcements: [],
  ...extra,
});

describe('planSnapshot for lobby content', () => {
  it('leaves playlists and media alone when the snapshot does not list them (an older hub)', () => {
    const plan = planSnapshot(state({ playlists: [playlist('p', 'm')], media: [media('m')] }), wire({}));
    expect(plan).toMatchObject({ changes: [], upserts: 0, removes: 0 });
  });

  it('follows the listed ones: media first, then playlists, then media removals', () => {
    const plan = planSnapshot(
      state({ playlists: [playlist('old', 'm-old')], media: [media('m-old')] }),
      wire({ playlists: [playlist('p', 'm-new')], media: [media('m-new')] }),
    );
    expect('changes' in plan && plan.changes.map((c) => [c.type, (c.data as { id: string }).id])).toEqual([
      ['media.upsert', 'm-new'],
      ['playlist.remove', 'old'],
      ['playlist.upsert', 'p'],
      ['media.remove', 'm-old'],
    ]);
  });

  it('keeps a file a local playlist still shows, and says so', () => {
    const plan = planSnapshot(
      state({ playlists: [playlist('mine', 'm-up', 'local')], media: [media('m-up')] }),
      wire({ playlists: [], media: [] }),
    );
    expect(plan).toMatchObject({ changes: [], removes: 0 });
    expect('problems' in plan && plan.problems).toEqual([
      'media m-up: gone upstream but still shown by a playlist here; kept',
    ]);
  });

  it('reports a playlist it cannot read and applies the rest', () => {
    const plan = planSnapshot(
      state({}),
      wire({ playlists: [{ id: 'bad', name: 'x', pages: [] }, playlist('ok', 'm')], media: [media('m')] }),
    );
    expect('changes' in plan && plan.changes.map((c) => c.type)).toEqual(['media.upsert', 'playlist.upsert']);
    expect('problems' in plan && plan.problems[0]).toMatch(/^playlist bad: /);
  });
});
