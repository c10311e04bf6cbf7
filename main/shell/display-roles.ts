import type { KioskDisplay } from './kiosk-display.ts';
import type { DisplayRole, Settings } from './settings.ts';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The part of Electron's `Display` the plan needs. */
export interface ScreenDisplay {
  readonly id: number;
  readonly bounds: Rect;
}

/** One lobby window to have open: which display, where, showing what. */
export interface KioskAssignment {
  readonly display: KioskDisplay;
  readonly bounds: Rect;
  /** Path on the hub: `/` for the board, `/door/:auditoriumId` for a door sign. */
  readonly path: string;
  /** Equal keys mean an open window already shows exactly this. */
  readonly key: string;
}

export function kioskPath(display: KioskDisplay, role?: DisplayRole): string {
  if (display.role === 'door') return `/door/${encodeURIComponent(display.auditoriumId ?? '')}`;
  // A board role's layout, language and hours travel in the query the page reads (renderer/lib/display.ts).
  const query = new URLSearchParams();
  if (role?.role === 'board') {
    if (role.layout) query.set('layout', role.layout);
    if (role.lang) query.set('lang', role.lang);
    if (role.hours) query.set('hours', String(role.hours));
  }
  const q = query.toString();
  return q ? `/?${q}` : '/';
}

/** The role settings give a display: its own entry, else `otherDisplays`. */
export function roleOf(
  displayId: number,
  settings: Pick<Settings, 'displays' | 'otherDisplays'>,
): DisplayRole {
  return settings.displays[String(displayId)] ?? settings.otherDisplays;
}

/** A lobby window for every connected display whose role is not `off`. */
export function assignDisplays(
  displays: readonly ScreenDisplay[],
  settings: Pick<Settings, 'displays' | 'otherDisplays'>,
): KioskAssignment[] {
  const assignments: KioskAssignment[] = [];
  for (const { id, bounds } of displays) {
    const role = roleOf(id, settings);
    if (role.role === 'off') continue;
    const display: KioskDisplay =
      role.role === 'door'
        ? { id: String(id), role: 'door', auditoriumId: role.auditoriumId }
        : { id: String(id), role: 'board' };
    const { x, y, width, height } = bounds;
    const path = kioskPath(display, role);
    assignments.push({
      display,
      bounds: { x, y, width, height },
      path,
      key: JSON.stringify([display.role, display.auditoriumId ?? null, path, x, y, width, height]),
    });
  }
  return assignments;
}

export interface WindowPlan {
  /** Display ids whose window must close: display gone, role or bounds changed, or turned off. */
  readonly close: readonly string[];
  /** Windows to open, after closing. */
  readonly open: readonly KioskAssignment[];
}

/**
 * What to change so the open windows (display id → assignment key) match the
 * wanted ones. Unchanged windows are left alone, so a display being plugged
 * in does not blank the others.
 */
export function planWindows(
  open: ReadonlyMap<string, string>,
  wanted: readonly KioskAssignment[],
): WindowPlan {
  const wantedById = new Map(wanted.map((a) => [a.display.id, a]));
  const close = [...open].filter(([id, key]) => wantedById.get(id)?.key !== key).map(([id]) => id);
  const toOpen = wanted.filter((a) => open.get(a.display.id) !== a.key);
  return { close, open: toOpen };
}
