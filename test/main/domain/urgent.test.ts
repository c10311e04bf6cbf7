import { describe, expect, it } from 'vitest';
import { urgentEndsAt, urgentProblems } from '../../../main/domain/urgent.ts';

const NOW = Date.parse('2030-01-01T10:00:00Z');
const iso = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

describe('urgent announcements', () => {
  it('end when they say, else two hours after they start showing', () => {
    expect(urgentEndsAt({ text: 'x', urgent: true, endsAt: iso(30) }, NOW)).toBe(iso(30));
    expect(urgentEndsAt({ text: 'x', urgent: true }, NOW)).toBe(iso(120));
    expect(urgentEndsAt({ text: 'x', urgent: true, startsAt: iso(60) }, NOW)).toBe(iso(180));
    expect(urgentEndsAt({ text: 'x', urgent: true, startsAt: iso(-60) }, NOW)).toBe(iso(120));
    expect(urgentEndsAt({ text: 'x' }, NOW)).toBeUndefined();
  });

  it('keep the end they were given when posted again without one', () => {
    const before = { text: 'x', urgent: true, endsAt: iso(45) };
    expect(urgentEndsAt({ text: 'y', urgent: true }, NOW + 30 * 60_000, before)).toBe(iso(45));
    expect(urgentEndsAt({ text: 'y', urgent: true }, NOW, { text: 'x', endsAt: iso(500) })).toBe(iso(120));
  });

  it('refuse over-long text in any language and an end past two hours, per field', () => {
    const long = 'x'.repeat(141);
    expect(urgentProblems({ text: 'x'.repeat(140), urgent: true, endsAt: iso(120) }, NOW)).toEqual({});
    expect(
      urgentProblems(
        { text: long, texts: { 'zh-CN': '疏'.repeat(141), fr: 'ok' }, urgent: true, endsAt: iso(121) },
        NOW,
      ),
    ).toEqual({
      text: 'an urgent announcement is at most 140 characters per language, to read from 10 m',
      'texts.zh-CN': 'an urgent announcement is at most 140 characters per language, to read from 10 m',
      endsAt:
        'an urgent announcement ends at most 2 hours after it starts showing; leave endsAt out for that, or post a normal announcement',
    });
    // Counted in characters, not UTF-16 units.
    expect(urgentProblems({ text: '🔥'.repeat(140), urgent: true }, NOW)).toEqual({});
    expect(urgentProblems({ text: long }, NOW)).toEqual({});
    expect(urgentProblems({ text: 'x', urgent: true, startsAt: iso(60), endsAt: iso(180) }, NOW)).toEqual({});
  });
});
