import { describe, expect, it } from 'vitest';
import {
  addFilmScreeningTags,
  filmTagProblem,
  showOffers,
  splitFilmTags,
} from '../../../main/domain/screening-tags.ts';

describe('formats belong to screenings', () => {
  it('splits film tags into descriptors and screening tags', () => {
    expect(splitFilmTags(['IMAX', 'Family', 'Laser', 'Premiere', 'Dolby Atmos', 'AD', 'Kids'])).toEqual({
      film: ['Family', 'Premiere', 'Kids'],
      screening: ['IMAX', 'Laser', 'Dolby Atmos', 'AD'],
    });
  });

  it.each([
    ['IMAX', '"IMAX" is a format'],
    ['Dolby Atmos', '"Dolby Atmos" is a sound or language tag'],
    ['AD', '"AD" is an accessibility tag'],
    ['Recliners', '"Recliners" is a room feature'],
  ])('explains why a film may not carry %s', (tag, start) => {
    expect(filmTagProblem(['Family', tag])).toBe(
      `${start}, which belongs to a screening, not to a film: put it on the showtimes (or on the auditorium's features) instead`,
    );
  });

  it('lets a film carry descriptors, audience and event tags', () => {
    expect(filmTagProblem(['Family', 'Premiere', 'Kids', 'Q&A', 'Sing-along'])).toBeUndefined();
  });

  it('moves format tags only onto shows whose own tags and room carry no format', () => {
    const moved = ['IMAX', 'Laser'];
    expect(addFilmScreeningTags([], [], moved)).toEqual(['IMAX', 'Laser']);
    expect(addFilmScreeningTags(['Premiere'], [], moved)).toEqual(['Premiere', 'IMAX', 'Laser']);
    expect(addFilmScreeningTags(['3D'], [], moved)).toEqual(['3D']);
    expect(addFilmScreeningTags([], ['IMAX', 'Laser'], moved)).toEqual([]);
    expect(addFilmScreeningTags([], ['Dolby Cinema'], moved)).toEqual([]);
    expect(addFilmScreeningTags([], ['Wheelchair'], moved)).toEqual(['IMAX', 'Laser']);
  });

  it('adds other screening tags where the show lacks them', () => {
    expect(addFilmScreeningTags(['3D'], [], ['IMAX', 'AD', 'Dolby Atmos'])).toEqual([
      '3D',
      'AD',
      'Dolby Atmos',
    ]);
    expect(addFilmScreeningTags(['ad'], ['Dolby Atmos'], ['AD', 'Dolby Atmos'])).toEqual(['ad']);
  });

  it("offers a show its tags plus its room's features, each once", () => {
    expect(showOffers({ tags: ['3D', 'AD'] }, { features: ['Dolby Cinema', 'ad', 'Recliners'] })).toEqual([
      '3D',
      'AD',
      'Dolby Cinema',
      'Recliners',
    ]);
    expect(showOffers({ tags: ['3D'] }, undefined)).toEqual(['3D']);
  });
});
