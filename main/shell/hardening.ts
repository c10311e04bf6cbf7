import type { Input, WebPreferences } from 'electron';

export interface WebPreferencesOptions {
  /** Absolute path of the built preload (lobby windows only). Default none. */
  preload?: string;
  /** Switches for the renderer (the display argument). Default none. */
  additionalArguments?: string[];
  /** Whether DevTools can open: development builds only. */
  devTools: boolean;
  /** Keep timers running at full rate when the window is covered (lobby windows: the clock drives the board). Default true. */
  backgroundThrottling?: boolean;
}

/**
 * Web preferences for every Marquee window, per Electron's security
 * checklist. Every flag is spelled out rather than left to Electron's
 * defaults, so a test can read them back and a future default cannot
 * loosen them.
 */
export function hardenedWebPreferences(options: WebPreferencesOptions): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
    backgroundThrottling: options.backgroundThrottling ?? true,
    ...(options.preload !== undefined && { preload: options.preload }),
    ...(options.additionalArguments && { additionalArguments: options.additionalArguments }),
  };
}

export type KeyInput = Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>;

export interface ShortcutPolicy {
  /** A packaged build: reload, view-source and DevTools keys are off. */
  locked: boolean;
  /** A lobby window: zoom, print and close keys are off too. */
  kiosk: boolean;
  /** `process.platform`; Command is the primary modifier on macOS. */
  platform: NodeJS.Platform;
}

/**
 * Whether a key press must not reach Chromium's built-in handling. Blocking
 * here covers the accelerators a menu would add and the ones Chromium
 * handles itself (F5, Ctrl+R, F12, Ctrl+Shift+I, pinch-free zoom keys).
 */
export function isBlockedShortcut(input: KeyInput, policy: ShortcutPolicy): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const primary = policy.platform === 'darwin' ? input.meta : input.control;
  if (policy.locked) {
    if (key === 'F5' || key === 'F12' || key === 'BrowserRefresh') return true;
    if (primary && (key === 'r' || key === 'u')) return true;
    const devtoolsChord =
      policy.platform === 'darwin' ? input.meta && input.alt : input.control && input.shift;
    if (devtoolsChord && (key === 'i' || key === 'j' || key === 'c')) return true;
  }
  if (policy.kiosk && primary && ['+', '=', '-', '_', '0', 'p', 'w'].includes(key)) return true;
  return false;
}

/**
 * Permissions a page may have: only writing to the clipboard (the admin's
 * "copy token" button), and only for the hub's own pages. Camera, location,
 * notifications, USB, MIDI and the rest are refused.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string, hubOrigin: string): boolean {
  if (permission !== 'clipboard-sanitized-write') return false;
  try {
    return new URL(requestingUrl).origin === new URL(hubOrigin).origin;
  } catch {
    return false;
  }
}

/**
 * Adds the shell's own Content-Security-Policy to a response, next to any the
 * hub sent. Browsers enforce every CSP header, so this can only narrow what
 * the page may do: a route that forgot its CSP still gets one.
 */
export function withDefenceCsp(
  headers: Readonly<Record<string, string | string[]>> | undefined,
  csp: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let existing: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    if (name.toLowerCase() === 'content-security-policy') existing = [...existing, ...values];
    else out[name] = values;
  }
  out['Content-Security-Policy'] = existing.includes(csp) ? existing : [...existing, csp];
  return out;
}
