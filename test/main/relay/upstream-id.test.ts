import { describe, expect, it } from 'vitest';
import { MAX_UPSTREAM_ID_BYTES, idForLog, idProblem } from '../../../main/relay/upstream-id.ts';

describe('upstream ids the relay keeps (they go back as Last-Event-ID)', () => {
  it.each([
    ['12'],
    ['3f9a1c-120045'],
    [''],
    ['é-11'],
    ['潮汐-7'],
    ['a b c'],
    ['~!@#$%^&*()_+{}|:"<>?'],
    ['\u0080\u009f'], // C1 controls: their UTF-8 bytes are all ≥ 0x80, which a header carries
    ['x'.repeat(MAX_UPSTREAM_ID_BYTES)],
    [`${'é'.repeat(511)}ab`],
  ])('takes %j', (id) => expect(idProblem(id)).toBeUndefined());

  it.each([
    ['a\u0001b', 'contains a control character'],
    ['tab\there', 'contains a control character'],
    ['esc\u001b[31m', 'contains a control character'],
    ['del\u007f', 'contains a control character'],
    ['x'.repeat(MAX_UPSTREAM_ID_BYTES + 1), 'longer than 1024 bytes (1025)'],
    ['é'.repeat(513), 'longer than 1024 bytes (1026)'],
    ['x'.repeat(64 * 1024), 'longer than 1024 bytes (65536)'],
  ])('refuses %j', (id, problem) => expect(idProblem(id)).toBe(problem));

  it('shows an id in a log line short, with its controls escaped', () => {
    expect(idForLog('evil\u0001id')).toBe('evil\\x01id');
    expect(idForLog('x'.repeat(5_000))).toBe(`${'x'.repeat(64)}…`);
  });
});
