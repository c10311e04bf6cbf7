import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AuditoriumCreateBody, TokenCreateBody } from '../../../main/domain/admin-requests.ts';
import { OverrideInput } from '../../../main/domain/overrides.ts';
import { Auditorium, Showtime } from '../../../main/domain/records.ts';

const many = (n: number) => Array.from({ length: n }, (_, i) => `Tag ${i}`);
const show = {
  id: 's',
  filmId: 'f',
  auditoriumId: 'a',
  startsAt: '2030-01-01T10:00:00Z',
  capacity: 5,
  seatsAvailable: 5,
};

/** The message each new rule gives, on the field it names. */
const CASES: readonly [string, z.ZodType, unknown, string, string][] = [
  [
    'too many features',
    Auditorium,
    { id: 'a', name: 'A', capacity: 1, features: many(17) },
    'features',
    'at most 16 features',
  ],
  [
    'a long label',
    AuditoriumCreateBody,
    { name: 'A', capacity: 1, label: 'x'.repeat(13) },
    'label',
    'must be at most 12 characters',
  ],
  [
    'permissions not a list',
    TokenCreateBody,
    { name: 'x', permissions: 'urgent' },
    'permissions',
    'must be a list of permissions, e.g. ["urgent"]',
  ],
  [
    'an unknown permission',
    TokenCreateBody,
    { name: 'x', permissions: ['all'] },
    'permissions.0',
    'is not a permission; they are "urgent" and "metrics"',
  ],
  ['too many overlay tags', OverrideInput, { tags: many(17) }, 'tags', 'at most 16 tags'],
  ['too many overlay features', OverrideInput, { features: many(17) }, 'features', 'at most 16 features'],
  [
    'a bad overlay poster',
    OverrideInput,
    { posterUrl: 'ftp://x' },
    'posterUrl',
    'must be /posters/<file name> or an http(s) URL',
  ],
  [
    'extra minutes past 600',
    Showtime,
    { ...show, extraMinutes: 601 },
    'extraMinutes',
    'Too big: expected number to be <=600',
  ],
  [
    'an external id with a line break',
    Showtime,
    { ...show, externalId: 'a\nb' },
    'externalId',
    'must not contain control characters',
  ],
];

describe('validation messages of the cinema data', () => {
  it.each(CASES)('%s', (_what, schema, value, path, message) => {
    const issue = schema.safeParse(value).error?.issues[0];
    expect(issue?.path.join('.')).toBe(path);
    expect(issue?.message).toBe(message);
  });
});
