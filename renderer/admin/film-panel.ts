import type { Film } from '../../main/domain/records.ts';
import { FilmAnswer } from '../../main/domain/admin-answers.ts';
import { filledTexts, quoted } from './locale-texts.ts';
import type { RecordPanelOptions } from './record-panel.svelte.ts';

export type StoredFilm = Film & { version: number };

export interface FilmDraft {
  title: string;
  titles: Record<string, string>;
  rating: string;
  runtime: string;
  tags: string;
  posterUrl: string;
}

/** How the film panel reads, writes and names a local film. */
export const filmPanelOptions = (refresh: () => void): RecordPanelOptions<StoredFilm, FilmDraft> => ({
  path: '/api/admin/films',
  nameOf: (f) => quoted(f.title),
  draftName: (v) => quoted(v.title),
  draftOf: (f) => ({
    title: f?.title ?? '',
    titles: { ...f?.titles },
    rating: f?.rating ?? '',
    runtime: f ? String(f.runtimeMinutes) : '',
    tags: f?.tags.join(', ') ?? '',
    posterUrl: f?.posterUrl ?? '',
  }),
  fieldsFrom: (v) => ({
    title: v.title,
    titles: filledTexts(v.titles),
    rating: v.rating.trim() || undefined,
    runtimeMinutes: v.runtime === '' ? undefined : Number(v.runtime),
    tags: v.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    posterUrl: v.posterUrl.trim() || undefined,
  }),
  fieldsOf: (f) => ({
    title: f.title,
    titles: f.titles && Object.keys(f.titles).length > 0 ? f.titles : undefined,
    rating: f.rating,
    runtimeMinutes: f.runtimeMinutes,
    tags: f.tags,
    posterUrl: f.posterUrl,
  }),
  answer: FilmAnswer,
  afterSave: 'close',
  refresh,
});
