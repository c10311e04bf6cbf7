import { describe, expect, it } from 'vitest';
import { filmPanelOptions, type StoredFilm } from '../../../renderer/admin/film-panel.ts';
import { OverridePanel } from '../../../renderer/admin/override-panel.svelte.ts';
import { RecordPanel } from '../../../renderer/admin/record-panel.svelte.ts';

const film: StoredFilm = {
  id: 'film-harbour',
  title: 'Harbour Nights',
  titles: { 'zh-CN': '港湾之夜' },
  rating: 'PG13',
  runtimeMinutes: 111,
  tags: ['Premiere'],
  posterUrl: 'https://posters.example/harbour.jpg',
  externalId: 'till-film-7',
  source: 'local',
  version: 6,
};

describe('the record panel', () => {
  it('sends a new record whole', () => {
    const panel = new RecordPanel(filmPanelOptions(() => {}));
    panel.open();
    Object.assign(panel.draft, { title: 'Kite Kids', runtime: '89', tags: 'Family' });
    expect(panel.body()).toEqual({ title: 'Kite Kids', runtimeMinutes: 89, tags: ['Family'] });
  });

  it('sends an edit as a merge-patch of what changed, with the version it was read at', () => {
    const panel = new RecordPanel(filmPanelOptions(() => {}));
    panel.open(film);
    expect(panel.body()).toEqual({ version: 6 });
    panel.draft.title = 'Harbour Nights (Director’s Cut)';
    panel.draft.titles = { 'zh-CN': '' };
    panel.draft.rating = ' ';
    expect(panel.body()).toEqual({
      title: 'Harbour Nights (Director’s Cut)',
      titles: null,
      rating: null,
      version: 6,
    });
  });

  it('takes their record after a conflict, so the next edit is made against it', () => {
    const panel = new RecordPanel(filmPanelOptions(() => {}));
    panel.open(film);
    panel.draft.rating = 'M18';
    panel.form.conflict = { ...film, runtimeMinutes: 115, version: 7 };
    panel.loadTheirs();
    expect(panel.draft.runtime).toBe('115');
    expect(panel.body()).toEqual({ version: 7 });
  });
});

describe('the override panel', () => {
  it('sends the flags and only the overlay fields that changed, null for one cleared', () => {
    const existing = {
      kind: 'auditorium' as const,
      id: 'aud-4',
      hidden: false,
      cancelled: false,
      label: '4',
      features: ['Recliners'],
      version: 3,
      updatedAt: '2026-12-01T10:00:00.000Z',
    };
    const panel = new OverridePanel('auditorium', 'aud-4', existing, () => {});
    expect(panel.body()).toEqual({ hidden: false, cancelled: false, version: 3 });
    panel.draft.label = '';
    panel.draft.names = { 'zh-CN': '4号厅' };
    // A film's fields are not an auditorium's: never sent from this form.
    panel.draft.titles = { 'zh-CN': 'x' };
    expect(panel.body()).toEqual({
      hidden: false,
      cancelled: false,
      label: null,
      names: { 'zh-CN': '4号厅' },
      version: 3,
    });
  });
});
