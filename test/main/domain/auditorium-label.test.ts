import { describe, expect, it } from 'vitest';
import { auditoriumLabel } from '../../../main/domain/auditorium-label.ts';

describe('auditorium labels', () => {
  it.each([
    ['Screen 4', '4'],
    ['screen 12', '12'],
    ['Salle 2', '2'],
    ['Hall B', 'B'],
    ['Cinema 3', '3'],
    ['IMAX', 'IMAX'],
    ['4DX', '4DX'],
    ['Gold Class 1', 'GC1'],
    ['Dolby Cinema', 'Dolby'],
    ['Premiere Lounge 2', 'PL2'],
    ['3号厅', '3'],
    ['The Grand Theatre', 'TG'],
  ])('derives "%s" → "%s"', (name, label) => {
    expect(auditoriumLabel({ name })).toBe(label);
  });

  it('uses the label when one is given', () => {
    expect(auditoriumLabel({ name: 'Dolby Cinema', label: 'DC' })).toBe('DC');
    expect(auditoriumLabel({ name: 'Screen 4', label: 'IMAX' })).toBe('IMAX');
  });
});
