import { isIP } from 'node:net';
import { z } from 'zod';
import { Id } from '../domain/primitives.ts';
import type { VeeziOptions } from '../veezi/veezi-options.ts';
import { isGlobalAccelerator } from './accelerator.ts';

/** What one display shows: the lobby board, the door sign of one auditorium, or nothing. */
export const DisplayRole = z.discriminatedUnion('role', [
  z.strictObject({
    role: z.literal('board'),
    /** `departures` lists one row per show in time order. Default `board` (films with their times). */
    layout: z.enum(['board', 'departures']).optional(),
    /** One venue locale to show instead of rotating through them. Default: rotate. */
    lang: z.string().min(2).max(35).optional(),
    /** How far ahead a departures board lists, in hours. Default 3. */
    hours: z.number().int().min(1).max(24).optional(),
  }),
  z.strictObject({ role: z.literal('door'), auditoriumId: Id }),
  z.strictObject({ role: z.literal('off') }),
]);
export type DisplayRole = z.infer<typeof DisplayRole>;

const seconds = (min: number, max: number, fallback: number) =>
  z.number().int().min(min).max(max).default(fallback);

export const HubSettings = z.strictObject({
  /** Address to bind; `0.0.0.0` serves lobby TVs on the LAN. Default `127.0.0.1`. */
  host: z
    .string()
    .refine((h) => isIP(h) !== 0 || h === 'localhost', 'must be an IP address or localhost')
    .default('127.0.0.1'),
  /** TCP port; 0 picks a free one (then LAN screens cannot find it). Default 4747. */
  port: z.number().int().min(0).max(65_535).default(4747),
  /** Extra host names (the PC's LAN name) the admin API answers to. Default none. */
  allowedHosts: z.array(z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a host name')).default([]),
  /**
   * A PEM file of a private CA that https feeds and poster hosts may chain to,
   * besides the public roots (the installed kiosk ignores NODE_EXTRA_CA_CERTS).
   * Default none.
   */
  caFile: z.string().min(1, 'must name a file').optional(),
});

export const UpstreamSettings = z.strictObject({
  /** The venue feed to follow (chain HQ, ticketing, another hub). */
  url: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }),
  /** Bearer token for the feed. Default none. */
  token: z
    .string()
    .regex(/^[\x21-\x7e]{1,4096}$/, 'must be 1–4096 printable characters without spaces')
    .optional(),
});

/** A Veezi site to follow instead of a feed (`serve --veezi`); one of `token` and `tokenFile` is needed. */
export const VeeziSettings = z
  .strictObject({
    /** The region's API base URL, e.g. `https://api.oz.veezi.com`. */
    url: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }),
    /** The site's token. Default none (then `tokenFile`). */
    token: z
      .string()
      .regex(/^[\x21-\x7e]{1,4096}$/, 'must be 1–4096 printable characters without spaces')
      .optional(),
    /** A file holding the token, read again before every request. Default none. */
    tokenFile: z.string().min(1, 'must name a file').optional(),
    /** How often sessions and seats are polled. Default 30 s, at least 5. */
    pollSeconds: seconds(5, 3600, 30),
  })
  .refine((v) => v.token !== undefined || v.tokenFile !== undefined, {
    message: 'needs token or tokenFile',
    path: ['token'],
  });

/** The hub's Veezi options from the kiosk's settings (`serve --veezi` with the same fields). */
export function veeziOptions(v: z.output<typeof VeeziSettings>): VeeziOptions {
  return {
    url: v.url,
    pollMs: v.pollSeconds * 1000,
    ...(v.tokenFile !== undefined ? { tokenFile: v.tokenFile } : v.token !== undefined && { token: v.token }),
  };
}

export const WatchdogSettings = z.strictObject({
  /** How long a renderer may hang before it is restarted. Default 15 s. */
  unresponsiveSeconds: seconds(1, 600, 15),
  /** Reloads of one window allowed per `reloadWindowMinutes` before the app relaunches. Default 3. */
  maxReloads: z.number().int().min(0).max(100).default(3),
  reloadWindowMinutes: seconds(1, 1440, 10),
  /** App relaunches allowed per `relaunchWindowMinutes`; past it the failure stays on screen. Default 3. */
  maxRelaunches: z.number().int().min(0).max(100).default(3),
  relaunchWindowMinutes: seconds(1, 1440, 60),
});

export const KioskSettings = z.strictObject({
  /** Lobby windows cover their display in kiosk mode. Default true. */
  fullscreen: z.boolean().default(true),
  /** Hide the pointer over lobby windows after this long without movement; 0 never hides it. Default 3 s. */
  hideCursorAfterSeconds: seconds(0, 3600, 3),
  /** Keep displays awake. Default true. */
  preventDisplaySleep: z.boolean().default(true),
  /** Start Marquee when the user logs in (installed builds only). Default false. */
  startAtLogin: z.boolean().default(false),
  watchdog: WatchdogSettings.prefault({}),
});

export const UpdateSettings = z.strictObject({
  /** A generic update feed (the folder holding `latest.yml`); null turns updates off. Default null. */
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
    .nullable()
    .default(null),
  /** How often to look for a release. Default 6 h. */
  checkEveryHours: z.number().min(1).max(168).default(6),
  /** No install this close before a show starts. Default 60 min. */
  leadMinutes: z.number().int().min(0).max(720).default(60),
  /** Shortest quiet spell (after the last show) an install may use. Default 4 h. */
  minQuietHours: z.number().min(0).max(24).default(4),
});
export type UpdateSettings = z.infer<typeof UpdateSettings>;

/** The shell's settings file, `settings.json` in the app's userData folder. */
export const Settings = z.strictObject({
  /** Role per display, keyed by the operating system's display id. Default: none listed. */
  displays: z.record(z.string().regex(/^\d{1,20}$/, 'must be a display id'), DisplayRole).default({}),
  /** Role of every display not listed in `displays`. Default the board. */
  otherDisplays: DisplayRole.default({ role: 'board' }),
  /** Upstream venue feed; null runs standalone. Default null. */
  upstream: UpstreamSettings.nullable().default(null),
  /** A Veezi site to follow instead of `upstream` (not both); null follows none. Default null. */
  veezi: VeeziSettings.nullable().default(null),
  hub: HubSettings.prefault({}),
  kiosk: KioskSettings.prefault({}),
  updates: UpdateSettings.prefault({}),
  /** Global shortcut opening the admin window. Default `CommandOrControl+Shift+A`. */
  adminShortcut: z
    .string()
    .refine(isGlobalAccelerator, 'must be modifiers plus one key, e.g. CommandOrControl+Shift+A')
    .default('CommandOrControl+Shift+A'),
  /** Seed the demo venue into an empty database. Default false. */
  demo: z.boolean().default(false),
});
export type Settings = z.infer<typeof Settings>;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_SETTINGS: Settings = deepFreeze(Settings.parse({}));

export interface ParsedSettings {
  readonly settings: Settings;
  /** One line per problem; the defaults stand in for what was wrong. Empty when the file is fine. */
  readonly warnings: readonly string[];
}

type Section = keyof Settings;
const SECTIONS = Object.keys(Settings.shape) as Section[];

function describe(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): string {
  // A bad record key's own message ("must be a display id") sits one level down.
  const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  return `${[...prefix, ...issue.path].map(String).join('.')}: ${message}`;
}

/**
 * Reads the settings file's text. Never throws: a file that is not JSON gives
 * the defaults; a section that does not validate gives that section's
 * defaults, keeping the good ones, so one typo does not reset display roles.
 */
export function parseSettings(text: string): ParsedSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      settings: DEFAULT_SETTINGS,
      warnings: [`not valid JSON (${(err as Error).message}); using defaults`],
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings: DEFAULT_SETTINGS, warnings: ['not a JSON object; using defaults'] };
  }
  const whole = Settings.safeParse(raw);
  if (whole.success) return oneSource(whole.data, []);

  const input = raw as Record<string, unknown>;
  const warnings: string[] = [];
  for (const key of Object.keys(input)) {
    if (!SECTIONS.includes(key as Section)) warnings.push(`${key}: unknown setting, ignored`);
  }
  const settings: Record<string, unknown> = {};
  for (const key of SECTIONS) {
    const section = Settings.shape[key].safeParse(input[key]);
    if (section.success) {
      settings[key] = section.data;
    } else {
      settings[key] = DEFAULT_SETTINGS[key];
      warnings.push(...section.error.issues.map((i) => `${describe(i, [key])}; using the default`));
    }
  }
  return oneSource(settings as Settings, warnings);
}

/** A hub follows one upstream source: with both set, the feed stays and Veezi is left out, with a warning. */
function oneSource(settings: Settings, warnings: string[]): ParsedSettings {
  if (!settings.upstream || !settings.veezi) return { settings, warnings };
  return {
    settings: { ...settings, veezi: null },
    warnings: [...warnings, 'veezi: ignored: upstream is set too, and a hub follows one upstream source'],
  };
}
