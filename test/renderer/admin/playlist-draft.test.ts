import { describe, expect, it } from 'vitest';
import { type Stored, PlaylistDraft } from '../../../renderer/admin/playlist-draft.svelte.ts';

const stored: Stored = {
  id: 'pl-lobby',
  name: 'Lobby',
  role: 'board',
  source: 'local',
  version: 4,
  pages: [
    { kind: 'board', seconds: 20 },
    { kind: 'spotlight', filmId: 'f1', seconds: 12, weight: 2 },
    { kind: 'video', mediaId: 'm1', days: [6, 7], from: '21:00', until: '02:00' },
  ],
};

describe('the playlist editor draft', () => {
  it('sends nothing but the version for an edit that changes nothing', () => {
    const draft = new PlaylistDraft();
    draft.open(stored);
    expect(draft.body()).toEqual({ version: 4 });
  });

  it('sends the pages whole after a move, and null for a role taken away', () => {
    const draft = new PlaylistDraft();
    draft.open(stored);
    draft.move(2, -1);
    draft.move(0, -1); // the first page cannot go up
    draft.role = '';
    draft.displays = ' bar-1 , , Foyer left ';
    expect(draft.body()).toEqual({
      role: null,
      displays: ['bar-1', 'Foyer left'],
      pages: [stored.pages[0], stored.pages[2], stored.pages[1]],
      version: 4,
    });
  });

  it('leaves out what is empty on a new playlist, and every day is no days', () => {
    const draft = new PlaylistDraft();
    draft.name = ' Bar ';
    draft.add('image', 'm2');
    draft.pages[1]!.seconds = 8;
    draft.pages[1]!.weight = null;
    draft.pages[1]!.days = [7, 1, 2, 3, 4, 5, 6];
    draft.pages[0]!.days = [5, 1];
    expect(draft.fields()).toEqual({
      name: 'Bar',
      role: 'board',
      pages: [
        { kind: 'board', seconds: 15, days: [1, 5] },
        { kind: 'image', mediaId: 'm2', seconds: 8 },
      ],
    });
  });
});
