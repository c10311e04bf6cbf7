/**
 * What a lobby window is, as its page sees it in `window.marquee.display`.
 * `id` is the operating system's display id, as a string (it keys the
 * display's role in settings and identifies the screen in heartbeats).
 */
export interface KioskDisplay {
  readonly id: string;
  readonly role: 'board' | 'door';
  /** The auditorium a door sign serves; only for `door`. */
  readonly auditoriumId?: string;
}

/** `window.marquee`, exactly as the preload exposes it. */
export interface MarqueeBridge {
  readonly display: KioskDisplay;
}

/** The renderer command-line switch that carries a window's display to its preload. */
export const DISPLAY_SWITCH = '--marquee-display=';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The `additionalArguments` entry telling a window's preload which display it is. */
export function displayArgument(display: KioskDisplay): string {
  return DISPLAY_SWITCH + encodeURIComponent(JSON.stringify(display));
}

/**
 * Reads the display back from a renderer's argv. Runs in the sandboxed
 * preload, so it is hand-checked (no schema library there) and returns a
 * fresh object holding only the known keys; anything malformed is `undefined`.
 */
export function readDisplayArgument(argv: readonly string[]): KioskDisplay | undefined {
  const arg = argv.find((a) => a.startsWith(DISPLAY_SWITCH));
  if (arg === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(decodeURIComponent(arg.slice(DISPLAY_SWITCH.length)));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, role, auditoriumId } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !ID.test(id)) return undefined;
  if (role === 'board' && auditoriumId === undefined) return { id, role };
  if (role === 'door' && typeof auditoriumId === 'string' && ID.test(auditoriumId)) {
    return { id, role, auditoriumId };
  }
  return undefined;
}
