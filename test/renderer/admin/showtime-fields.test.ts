import { describe, expect, it } from 'vitest';
import { mergePatchOf } from '../../../main/domain/merge-patch.ts';
import type { Showtime } from '../../../main/domain/records.ts';
import {
  fieldsOf,
  languageChoices,
  storedFields,
  tagGroups,
  valuesOf,
} from '../../../renderer/admin/showtime-fields.ts';

const TZ = 'Asia/Singapore';
const show: Showtime = {
  id: 'st-1',
  filmId: 'film-a',
  auditoriumId: 'aud-1',
  startsAt: '2026-12-03T12:10:00Z',
  featureStartsAt: '2026-12-03T12:32:00Z',
  extraMinutes: 15,
  tags: ['IMAX', 'Sold out soon'],
  audio: 'cmn',
  subtitles: [],
  capacity: 120,
  seatsAvailable: 77,
  status: 'scheduled',
  externalId: 'till-991',
  source: 'local',
};
const defaults = { filmId: 'film-a', auditoriumId: 'aud-1', date: '2026-12-03' };
const patchAfter = (edit: (v: ReturnType<typeof valuesOf>) => void) => {
  const v = valuesOf(show, defaults, TZ);
  edit(v);
  return mergePatchOf(storedFields(show), fieldsOf(v, TZ, show));
};

describe('the showtime form fields', () => {
  it('an untouched form is no change (stored instants keep their text, an empty subtitle list is none)', () => {
    expect(patchAfter(() => {})).toEqual({});
  });

  it.each([
    [
      'feature minutes',
      (v: ReturnType<typeof valuesOf>) => (v.featureMinutes = '30'),
      { featureStartsAt: '2026-12-03T12:40:00.000Z' },
    ],
    [
      'feature left blank',
      (v: ReturnType<typeof valuesOf>) => (v.featureMinutes = ''),
      { featureStartsAt: null },
    ],
    [
      'extra minutes cleared',
      (v: ReturnType<typeof valuesOf>) => (v.extraMinutes = ''),
      { extraMinutes: null },
    ],
    ['audio unknown', (v: ReturnType<typeof valuesOf>) => (v.audio = ''), { audio: null }],
    ['a subtitle', (v: ReturnType<typeof valuesOf>) => (v.subtitles = ['en']), { subtitles: ['en'] }],
    ['seats', (v: ReturnType<typeof valuesOf>) => (v.seats = '70'), { seatsAvailable: 70 }],
  ])('%s changes only that field', (_name, edit, patch) => {
    expect(patchAfter(edit)).toEqual(patch);
  });

  it('a later start moves the feature with it, same minutes after', () => {
    expect(patchAfter((v) => (v.time = '20:40'))).toEqual({
      startsAt: '2026-12-03T12:40:00.000Z',
      featureStartsAt: '2026-12-03T13:02:00.000Z',
    });
  });

  it('groups the vocabulary by kind and keeps a tag nobody defined under Other', () => {
    const groups = tagGroups([{ tag: 'Members night', kind: 'event', labels: {} }], show.tags);
    expect(groups.map((g) => g.label)).toEqual([
      'Format',
      'Sound and language',
      'Accessibility',
      'Audience',
      'Event',
      'Other',
    ]);
    expect(groups.find((g) => g.label === 'Event')?.tags.map((t) => t.tag)).toContain('Members night');
    expect(groups.at(-1)?.tags).toEqual([{ tag: 'Sold out soon', label: 'Sold out soon' }]);
  });

  it('offers the table languages and any other the show has', () => {
    const choices = languageChoices(['pt-BR']);
    expect(choices[0]).toEqual({ code: 'cmn', label: 'Mandarin (cmn)' });
    expect(choices.at(-1)?.code).toBe('pt-BR');
  });
});
