import { afterEach, describe, expect, it, vi } from 'vitest';
import { Playlist } from '../../../main/domain/playlists.ts';
import { PlaylistPlayer } from '../../../renderer/lobby/playlist-player.svelte.ts';

const TZ = 'Europe/London';
const HOUR = 3_600_000;
// A breakfast promo before 11:00, the board the rest of the day.
const playlist = Playlist.parse({
  id: 'p1',
  name: 'Lobby',
  role: 'board',
  pages: [
    { kind: 'image', mediaId: 'breakfast', seconds: 10, until: '11:00' },
    { kind: 'board', seconds: 30 },
  ],
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PlaylistPlayer', () => {
  it('picks dayparts by hub time, not by a screen whose own clock is off', () => {
    // The screen believes it is 14:00 (GMT in November); the hub says 09:00.
    vi.useFakeTimers({ now: Date.parse('2030-11-15T14:00:00Z') });
    const offset = -5 * HOUR;
    const player = new PlaylistPlayer({
      playlist: () => playlist,
      timeZone: () => TZ,
      now: () => Date.now() + offset,
      lengthOf: () => undefined,
    });
    player.start();
    expect(player.current?.page).toMatchObject({ kind: 'image', mediaId: 'breakfast' });
    vi.advanceTimersByTime(10_000);
    expect(player.current?.page.kind).toBe('board');
    player.stop();
  });

  it('leaves the breakfast page out once the hub says it is past 11:00', () => {
    vi.useFakeTimers({ now: Date.parse('2030-11-15T09:00:00Z') });
    const player = new PlaylistPlayer({
      playlist: () => playlist,
      timeZone: () => TZ,
      now: () => Date.now() + 5 * HOUR,
      lengthOf: () => undefined,
    });
    player.start();
    expect(player.current?.page.kind).toBe('board');
    vi.advanceTimersByTime(30_000);
    expect(player.current?.page.kind).toBe('board');
    player.stop();
  });
});
