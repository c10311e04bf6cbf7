import { z } from 'zod';
import type { ScreenAssignment } from '../../main/domain/pairing.ts';
import { Id } from '../../main/domain/primitives.ts';

/** Which screen this is. The kiosk's preload says so; a plain browser derives it from the URL. */
export const DisplayInfo = z.object({
  id: Id,
  role: z.enum(['board', 'door']),
  auditoriumId: Id.optional(),
});
export type DisplayInfo = z.infer<typeof DisplayInfo>;

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
 */
export function detectDisplay(env: DisplayEnvironment): DisplayInfo {
  const fromShell = z.object({ display: DisplayInfo }).safeParse(env.marquee);
  if (fromShell.success) return fromShell.data.display;
  const auditoriumId = doorFromPath(env.location.pathname);
  const named = new URLSearchParams(env.location.search).get('display');
  const id = named !== null && Id.safeParse(named).success ? named : generatedId(env);
  return auditoriumId ? { id, role: 'door', auditoriumId } : { id, role: 'board' };
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
  /** One language for this screen instead of the venue's rotation. */
  lang?: string;
  /** A board laid out as a departures list. */
  layout?: 'departures';
};

export function resolveDisplay(
  base: DisplayInfo,
  fromKiosk: boolean,
  assigned: ScreenAssignment | null | undefined,
): ResolvedDisplay {
  if (!assigned) return { ...base, source: fromKiosk ? 'kiosk' : 'url' };
  return {
    id: base.id,
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
