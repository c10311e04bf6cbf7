import { describe, expect, it } from 'vitest';
import { applyMergePatch, mergePatchOf } from '../../../main/domain/merge-patch.ts';

/** RFC 7386, appendix A: every example, target → patch → result. */
const RFC_EXAMPLES: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('JSON merge-patch', () => {
  it.each(RFC_EXAMPLES)('applies %j + %j = %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it('makes the smallest patch between two records, and applying it gives the second', () => {
    const before = {
      text: 'Closed',
      texts: { de: 'Geschlossen' },
      priority: 0,
      startsAt: '2030-01-01T10:00:00.000Z',
    };
    const after = { text: 'Closed today', texts: { de: 'Geschlossen' }, priority: 0 };
    const patch = mergePatchOf(before, after);
    expect(patch).toEqual({ text: 'Closed today', startsAt: null });
    expect(applyMergePatch(before, patch)).toEqual(after);
    expect(mergePatchOf({ s: { a: 1, b: 2 } }, { s: { a: 1, b: 3 } })).toEqual({ s: { b: 3 } });
  });
});
