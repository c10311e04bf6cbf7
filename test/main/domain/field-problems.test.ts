import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FieldCode } from '../../../main/domain/api-error.ts';
import { fieldIssues, fieldKey } from '../../../main/domain/field-problems.ts';
import { Announcement, Showtime } from '../../../main/domain/records.ts';
import { Locale, TimeZone } from '../../../main/domain/primitives.ts';
import { CopyDayBody } from '../../../main/domain/admin-requests.ts';

const Body = z.strictObject({
  count: z.number().int().min(1).max(10),
  name: z.string().min(2).max(5),
  list: z.array(z.string()).max(1),
  code: z.string().regex(/^[a-z]+$/),
  at: z.iso.datetime(),
  kind: z.enum(['a', 'b']),
  step: z.number().multipleOf(5),
  nested: z.object({ deep: z.boolean() }),
  either: z.union([z.string(), z.number()]),
  checked: z.string().refine((s) => s === 'ok', 'must be ok'),
  named: z
    .string()
    .refine((s) => s === 'ok', { message: 'must be ok', params: { code: 'same_day', other: 'x' } }),
  unnamed: z.string().refine((s) => s === 'ok', { message: 'must be ok', params: { code: 'no-such-code' } }),
});

/** Each zod issue, and the stable code and params it becomes. */
const TABLE: [string, unknown, string, { code: string; params: Record<string, unknown> }][] = [
  ['missing', undefined, 'count', { code: 'required', params: {} }],
  ['wrong type', 'three', 'count', { code: 'wrong_type', params: { expected: 'number' } }],
  ['not whole', 1.5, 'count', { code: 'not_integer', params: {} }],
  ['too small', 0, 'count', { code: 'too_small', params: { minimum: 1, inclusive: true, origin: 'number' } }],
  ['too big', 11, 'count', { code: 'too_big', params: { maximum: 10, inclusive: true, origin: 'number' } }],
  [
    'short text',
    'a',
    'name',
    { code: 'too_small', params: { minimum: 2, inclusive: true, origin: 'string' } },
  ],
  [
    'long list',
    ['a', 'b'],
    'list',
    { code: 'too_big', params: { maximum: 1, inclusive: true, origin: 'array' } },
  ],
  ['pattern', 'ABC', 'code', { code: 'bad_format', params: { format: 'regex' } }],
  ['date-time', 'tuesday', 'at', { code: 'bad_format', params: { format: 'datetime' } }],
  ['choice', 'c', 'kind', { code: 'not_one_of', params: { values: ['a', 'b'] } }],
  ['multiple', 7, 'step', { code: 'not_multiple_of', params: { divisor: 5 } }],
  ['nested', { deep: 'yes' }, 'nested.deep', { code: 'wrong_type', params: { expected: 'boolean' } }],
  ['union', true, 'either', { code: 'invalid', params: {} }],
  ['refine without a code', 'no', 'checked', { code: 'invalid', params: {} }],
  ['refine naming a code', 'no', 'named', { code: 'same_day', params: { other: 'x' } }],
  ['refine naming no known code', 'no', 'unnamed', { code: 'invalid', params: {} }],
];

const valid = {
  count: 5,
  name: 'abc',
  list: [],
  code: 'abc',
  at: '2030-01-01T00:00:00Z',
  kind: 'a',
  step: 10,
  nested: { deep: true },
  either: 1,
  checked: 'ok',
  named: 'ok',
  unnamed: 'ok',
};

describe('zod issues as stable field codes', () => {
  it.each(TABLE)('%s', (_name, value, path, expected) => {
    const [head, ...rest] = path.split('.');
    const input: Record<string, unknown> = { ...valid };
    if (rest.length > 0) input[head!] = value;
    else if (value === undefined) delete input[head!];
    else input[head!] = value;
    const result = Body.safeParse(input);
    expect(result.success).toBe(false);
    const issues = fieldIssues(result.error!, { input });
    expect(Object.keys(issues)).toEqual([path]);
    expect(issues[path]).toEqual({ ...expected, message: expect.any(String) });
    expect(FieldCode.safeParse(issues[path]!.code).success).toBe(true);
  });

  it('reports unknown keys on the object, listing them, and the whole body as (body)', () => {
    const result = Body.safeParse({ ...valid, extra: 1, other: 2 });
    expect(fieldIssues(result.error!, { input: {} })).toEqual({
      '(body)': { code: 'unknown_keys', params: { keys: ['extra', 'other'] }, message: expect.any(String) },
    });
    expect(fieldKey([])).toBe('(body)');
    expect(fieldKey(['titles', 'fr'])).toBe('titles.fr');
  });

  it('tells a missing field from a wrong one only when it sees the input', () => {
    const result = Body.safeParse({ ...valid, count: undefined });
    expect(fieldIssues(result.error!)['count']?.code).toBe('wrong_type');
    expect(fieldIssues(result.error!, { input: { ...valid, count: undefined } })['count']?.code).toBe(
      'required',
    );
  });

  it('keeps the first problem of each field', () => {
    const result = z.object({ a: z.string().min(3).regex(/x/) }).safeParse({ a: 'y' });
    expect(fieldIssues(result.error!, { input: { a: 'y' } })['a']?.code).toBe('too_small');
  });

  it("names the domain's own refinements", () => {
    const code = (schema: z.ZodType, value: unknown, path: string) =>
      fieldIssues(schema.safeParse(value).error!, { input: value })[path];
    expect(code(TimeZone, 'Mars/Base', '(body)')).toMatchObject({ code: 'bad_time_zone' });
    expect(code(Locale, 'not a locale', '(body)')).toMatchObject({ code: 'bad_locale' });
    const show = {
      id: 's',
      filmId: 'f',
      auditoriumId: 'a',
      startsAt: '2030-01-01T00:00:00Z',
      capacity: 5,
      seatsAvailable: 6,
    };
    expect(code(Showtime, show, 'seatsAvailable')).toMatchObject({
      code: 'out_of_range',
      params: { minimum: 0, field: 'capacity' },
    });
    const note = { id: 'n', text: 'x', startsAt: '2030-01-02T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' };
    expect(code(Announcement, note, 'endsAt')).toMatchObject({
      code: 'not_after',
      params: { field: 'startsAt' },
    });
    expect(code(CopyDayBody, { from: '2030-01-01', to: '2030-01-01' }, 'to')).toMatchObject({
      code: 'same_day',
      params: { field: 'from' },
    });
  });
});
