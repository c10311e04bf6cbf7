import { z } from 'zod';
import type { ScreenAssignment } from '../../main/domain/pairing.ts';
import { Id } from '../../main/domain/primitives.ts';

/** Which screen this is. The kiosk's preload says so; a plain browser derives it from the URL. */
export const DisplayInfo = z.object({
  id: Id,
  role: z.enum(['board', 'door']),
  auditoriumId: Id.optional(),
  /** A board's layout: films with their times, or one row per show in time order. Default `board`. */
  layout: z.enum(['board', 'departures']).optional(),
  /** One venue language to show instead of rotating through them all. Default: rotate. */
  lang: z.string().min(2).max(35).optional(),
  /** How far ahead a departures board lists, in hours. Default 3. */
  hours: z.number().int().min(1).max(24).optional(),
});
export type DisplayInfo = z.infer<typeof DisplayInfo>;

/** The default of `DisplayInfo.hours`. */
export const DEPARTURES_HOURS = 3;

/**
 * `?layout=departures&hours=3&lang=fr` from a page's query (a LAN browser's
 * URL, or the path the kiosk opens for a display role); a value that does not
 * parse is left out, so the screen falls back to its default.
 */
export function viewFromQuery(search: string): Pick<DisplayInfo, 'layout' | 'lang' | 'hours'> {
  const q = new URLSearchParams(search);
  const layout = DisplayInfo.shape.layout.safeParse(q.get('layout') ?? undefined);
  const lang = DisplayInfo.shape.lang.safeParse(q.get('lang') ?? undefined);
  const raw = q.get('hours');
  const hours = DisplayInfo.shape.hours.safeParse(raw === null ? undefined : Number(raw));
  return {
    ...(layout.success && layout.data && { layout: layout.data }),
    ...(lang.success && lang.data && { lang: lang.data }),
    ...(hours.success && hours.data && { hours: hours.data }),
  };
}

export interface DisplayEnvironment {
  /** `window.marquee` as the Electron preload exposes it, if any. */
  marquee?: unknown;
  location: { pathname: string; search: string };
  /** Remembers a browser's generated id across reloads. Default: none (a fresh id per load). */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  /** `n` random bytes for a generated id. Default `crypto.getRandomValues`. */
  randomBytes?: (n: number) => Uint8Array;
}

const STORAGE_KEY = 'marquee.displayId';

function generatedId(env: DisplayEnvironment): string {
  try {
    const saved = env.storage?.getItem(STORAGE_KEY);
    if (saved && Id.safeParse(saved).success) return saved;
  } catch {
    // Storage can be disabled; an unsaved id still works for this session.
  }
  const bytes = (env.randomBytes ?? ((n) => crypto.getRandomValues(new Uint8Array(n))))(6);
  const id = `browser-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  try {
    env.storage?.setItem(STORAGE_KEY, id);
  } catch {
    // See above.
  }
  return id;
}

/** The door's auditorium id from `/door/:id`, if the path is one. */
export function doorFromPath(pathname: string): string | undefined {
  const m = /^\/door\/([^/]+)\/?$/.exec(pathname);
  if (!m) return undefined;
  try {
    const id = decodeURIComponent(m[1]!);
    return Id.safeParse(id).success ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The kiosk's word wins; otherwise `/door/:id` is a door sign, anything else
 * the board, and `?display=ID` names the screen for the admin's display list.
 * Layout, language and hours come from the query either way (the kiosk puts
 * a display role's in the path it opens).
 */
export function detectDisplay(env: DisplayEnvironment): DisplayInfo {
  const view = viewFromQuery(env.location.search);
  const fromShell = z.object({ display: DisplayInfo }).safeParse(env.marquee);
  if (fromShell.success) return { ...fromShell.data.display, ...view };
  const auditoriumId = doorFromPath(env.location.pathname);
  const named = new URLSearchParams(env.location.search).get('display');
  const id = named !== null && Id.safeParse(named).success ? named : generatedId(env);
  return auditoriumId ? { id, role: 'door', auditoriumId, ...view } : { id, role: 'board', ...view };
}

/**
 * What a screen is, all sources weighed: the name and role staff gave it by
 * pairing outrank the kiosk's settings, which outrank the URL (`/door/:id`,
 * `?display=`). `base` is what `detectDisplay` found; the id never changes,
 * so the hub keeps knowing the screen.
 */
export type ResolvedDisplay = DisplayInfo & {
  /** Where the role came from. */
  source: 'pairing' | 'kiosk' | 'url';
  /** The name staff gave it. */
  name?: string;
};

export function resolveDisplay(
  base: DisplayInfo,
  fromKiosk: boolean,
  assigned: ScreenAssignment | null | undefined,
): ResolvedDisplay {
  if (!assigned) return { ...base, source: fromKiosk ? 'kiosk' : 'url' };
  return {
    id: base.id,
    // How far ahead a departures board looks is not part of pairing: the URL's or kiosk's stays.
    ...(base.hours !== undefined && { hours: base.hours }),
    role: assigned.role === 'door' ? 'door' : 'board',
    ...(assigned.role === 'door' &&
      assigned.auditoriumId !== undefined && { auditoriumId: assigned.auditoriumId }),
    ...(assigned.role === 'departures' && { layout: 'departures' as const }),
    source: 'pairing',
    name: assigned.name,
    ...(assigned.lang !== undefined && { lang: assigned.lang }),
  };
}

/** Whether the kiosk's preload named this screen (else its URL did). */
export const fromKiosk = (marquee: unknown): boolean =>
  z.object({ display: DisplayInfo }).safeParse(marquee).success;
