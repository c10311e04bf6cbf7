import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type KioskAssignment,
  type ScreenDisplay,
  assignDisplays,
  kioskPath,
  planWindows,
} from '../../../main/shell/display-roles.ts';
import { parseSettings } from '../../../main/shell/settings.ts';

const screen = (id: number, x = 0, width = 1920): ScreenDisplay => ({
  id,
  bounds: { x, y: 0, width, height: 1080 },
});

const settingsOf = (json: object) => {
  const { settings, warnings } = parseSettings(JSON.stringify(json));
  expect(warnings).toEqual([]);
  return settings;
};

describe('assignDisplays', () => {
  it('puts the board on every display by default', () => {
    const got = assignDisplays([screen(1), screen(2, 1920)], settingsOf({}));
    expect(got.map((a) => [a.display, a.path])).toEqual([
      [{ id: '1', role: 'board' }, '/'],
      [{ id: '2', role: 'board' }, '/'],
    ]);
    expect(got[1]!.bounds).toEqual({ x: 1920, y: 0, width: 1920, height: 1080 });
  });

  it('gives listed displays their role and the rest otherDisplays', () => {
    const settings = settingsOf({
      displays: { '11': { role: 'door', auditoriumId: 'aud-2' }, '12': { role: 'off' } },
      otherDisplays: { role: 'door', auditoriumId: 'aud-1' },
    });
    const got = assignDisplays([screen(11), screen(12), screen(13)], settings);
    expect(got.map((a) => [a.display, a.path])).toEqual([
      [{ id: '11', role: 'door', auditoriumId: 'aud-2' }, '/door/aud-2'],
      [{ id: '13', role: 'door', auditoriumId: 'aud-1' }, '/door/aud-1'],
    ]);
  });

  it('opens nothing when every display is off, or there is no display', () => {
    expect(assignDisplays([screen(1)], settingsOf({ otherDisplays: { role: 'off' } }))).toEqual([]);
    expect(assignDisplays([], settingsOf({}))).toEqual([]);
  });

  it('copies only the bounds out of what Electron hands over', () => {
    const display = { id: 5, bounds: { x: 0, y: 0, width: 800, height: 600 }, scaleFactor: 2 };
    expect(assignDisplays([display], settingsOf({}))[0]!.bounds).toEqual({
      x: 0,
      y: 0,
      width: 800,
      height: 600,
    });
  });
});

describe('kioskPath', () => {
  it('escapes the auditorium id even though settings only allow URL-safe ids', () => {
    expect(kioskPath({ id: '1', role: 'door', auditoriumId: 'a:b' })).toBe('/door/a%3Ab');
    expect(kioskPath({ id: '1', role: 'board' })).toBe('/');
  });

  it("puts a board role's layout, language and hours in the query the page reads", () => {
    const board = { id: '1', role: 'board' } as const;
    expect(kioskPath(board, { role: 'board', layout: 'departures', hours: 4, lang: 'fr' })).toBe(
      '/?layout=departures&lang=fr&hours=4',
    );
    const [a] = assignDisplays(
      [screen(1)],
      settingsOf({ displays: { '1': { role: 'board', layout: 'departures' } } }),
    );
    expect(a!.path).toBe('/?layout=departures');
  });
});

describe('planWindows', () => {
  const settings = settingsOf({ displays: { '2': { role: 'door', auditoriumId: 'aud-1' } } });
  const current = (assignments: readonly KioskAssignment[]) =>
    new Map(assignments.map((a) => [a.display.id, a.key]));

  it('opens a window for a display that was plugged in, leaving the others', () => {
    const before = assignDisplays([screen(1)], settings);
    const after = assignDisplays([screen(1), screen(2, 1920)], settings);
    const plan = planWindows(current(before), after);
    expect(plan.close).toEqual([]);
    expect(plan.open.map((a) => a.display.id)).toEqual(['2']);
  });

  it('closes the window of a display that was unplugged', () => {
    const before = assignDisplays([screen(1), screen(2, 1920)], settings);
    const plan = planWindows(current(before), assignDisplays([screen(1)], settings));
    expect(plan).toEqual({ close: ['2'], open: [] });
  });

  it('reopens a window whose display moved or changed role', () => {
    const before = assignDisplays([screen(1), screen(2, 1920)], settings);
    const moved = assignDisplays([screen(1), screen(2, 3840)], settings);
    expect(planWindows(current(before), moved)).toMatchObject({
      close: ['2'],
      open: [{ display: { id: '2' } }],
    });

    const turnedOff = settingsOf({ displays: { '1': { role: 'off' } } });
    const plan = planWindows(current(before), assignDisplays([screen(1), screen(2, 1920)], turnedOff));
    expect(plan.close).toEqual(['1', '2']);
    expect(plan.open.map((a) => a.display)).toEqual([{ id: '2', role: 'board' }]);
  });

  it('changes nothing when nothing changed', () => {
    const now = assignDisplays([screen(1), screen(2, 1920)], settings);
    expect(planWindows(current(now), now)).toEqual({ close: [], open: [] });
  });

  it('always converges: applying the plan leaves exactly the wanted windows', () => {
    const displays = fc.uniqueArray(
      fc.record({ id: fc.integer({ min: 1, max: 6 }), x: fc.integer({ min: 0, max: 2 }) }),
      { selector: (d) => d.id, maxLength: 5 },
    );
    const roles = fc.dictionary(
      fc.integer({ min: 1, max: 6 }).map(String),
      fc.constantFrom({ role: 'board' }, { role: 'off' }, { role: 'door', auditoriumId: 'aud-1' }),
    );
    fc.assert(
      fc.property(displays, displays, roles, roles, (d1, d2, r1, r2) => {
        const toScreens = (ds: typeof d1) => ds.map((d) => screen(d.id, d.x * 1920));
        const before = assignDisplays(toScreens(d1), settingsOf({ displays: r1 }));
        const wanted = assignDisplays(toScreens(d2), settingsOf({ displays: r2 }));
        const windows = current(before);
        const plan = planWindows(windows, wanted);
        for (const id of plan.close) windows.delete(id);
        for (const a of plan.open) {
          expect(windows.has(a.display.id)).toBe(false);
          windows.set(a.display.id, a.key);
        }
        expect(windows).toEqual(current(wanted));
      }),
    );
  });
});
