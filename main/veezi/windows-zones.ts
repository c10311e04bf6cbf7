import { WINDOWS_ZONES } from './windows-zones-data.ts';

/*
 * Veezi names a site's zone the way Windows does ("AUS Eastern Standard
 * Time"), usually; the hub needs an IANA name. The table is CLDR's own
 * windowsZones mapping, generated into windows-zones-data.ts with its CLDR
 * version named there. Not the `windows-iana` package: it names no CLDR
 * release, unpacks to 1.1 MB of builds and source maps for a 20 kB table,
 * and answers with CLDR's frozen spellings (Asia/Calcutta) where IANA has
 * moved on; a generated file is reviewed in diffs and costs no dependency.
 */

export type ZoneResolution =
  | {
      ok: true;
      /** An IANA name the runtime's Intl knows, e.g. `Australia/Sydney`. */
      timeZone: string;
      /** Whether it was a Windows name mapped through CLDR or an IANA name as given. */
      source: 'windows' | 'iana';
    }
  | {
      ok: false;
      /** Why not, fit for health output (the input quoted, cut short). */
      problem: string;
    };

const MAX_LENGTH = 100;
/** Controls other than tab and line breaks, which count as spacing. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** IANA's own syntax: ASCII letters, digits, `_ + -`, up to three parts. Rules out `+10:00` offsets. */
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

/** Case, spacing and full-width look-alikes do not make another name. */
const fold = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

const windowsByFolded = new Map(Object.keys(WINDOWS_ZONES).map((name) => [fold(name), name]));

/**
 * The IANA zone CLDR maps Windows zone `windowsName` to: the entry for
 * `territory` (ISO 3166 alpha-2) when CLDR has one, else its default (`001`).
 * Case and runs of spaces are ignored. `undefined` for a name not in the table.
 */
export function windowsToIana(windowsName: string, territory?: string): string | undefined {
  const name = windowsByFolded.get(fold(windowsName));
  if (name === undefined) return undefined;
  const zones = WINDOWS_ZONES[name]!;
  // ZZ lists fixed-offset fallbacks (Etc/GMT-8) for "no territory": never a country's answer.
  const code = territory?.toUpperCase();
  const own = code === undefined || code === 'ZZ' ? undefined : zones[code];
  return own ?? zones['001'];
}

/** Every territory the table names, and the English names people and Veezi give them. */
const territories = new Set(
  Object.values(WINDOWS_ZONES).flatMap((zones) =>
    Object.keys(zones).filter((t) => t !== '001' && t !== 'ZZ'),
  ),
);

/** Names Intl's English region names leave out but a site's `Country` may say. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  'republic of ireland': 'IE',
  eire: 'IE',
  holland: 'NL',
  netherlands: 'NL',
  'czech republic': 'CZ',
  turkey: 'TR',
  uae: 'AE',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  korea: 'KR',
  'republic of korea': 'KR',
  'ivory coast': 'CI',
  'russian federation': 'RU',
  aotearoa: 'NZ',
};

let countryNames: Map<string, string> | undefined;
function byCountryName(): Map<string, string> {
  if (!countryNames) {
    const english = new Intl.DisplayNames(['en'], { type: 'region' });
    countryNames = new Map(Object.entries(COUNTRY_ALIASES));
    for (const code of territories) {
      const name = english.of(code);
      if (name !== undefined && name !== code) countryNames.set(fold(name), code);
    }
  }
  return countryNames;
}

/**
 * The ISO 3166 alpha-2 code of a country as a site describes it: a code
 * (`AU`, `au`) or an English name (`Australia`, `United Kingdom`, `USA`).
 * `undefined` when it names no territory CLDR maps a Windows zone in.
 */
export function territoryOf(country: string): string | undefined {
  const folded = fold(country).replace(/^the /, '');
  if (/^[a-z]{2}$/.test(folded)) {
    const code = folded.toUpperCase();
    return territories.has(code) ? code : undefined;
  }
  return byCountryName().get(folded);
}

/** IANA names as the runtime and CLDR spell them, by folded spelling. */
let ianaNames: Map<string, string> | undefined;
function knownIana(): Map<string, string> {
  if (!ianaNames) {
    const names = [
      ...Intl.supportedValuesOf('timeZone'),
      ...Object.values(WINDOWS_ZONES).flatMap((zones) => Object.values(zones)),
      'UTC',
      'Etc/UTC',
    ];
    ianaNames = new Map(names.map((n) => [fold(n), n]));
  }
  return ianaNames;
}

function ianaZone(name: string): string | undefined {
  if (!IANA_SHAPE.test(name)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  // Keep the spelling asked for (Asia/Kolkata, not ICU's Asia/Calcutta), in its proper case.
  return knownIana().get(fold(name)) ?? resolved;
}

const quoted = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * The venue's IANA zone from a site's `TimeZoneIdentifier`: a Windows zone
 * name through CLDR's table (the entry for `country` when it names a
 * territory CLDR lists, e.g. "GMT Standard Time" in Ireland is
 * Europe/Dublin), or an IANA name the runtime knows, as given. Pure; never
 * throws, whatever the input.
 */
export function resolveTimeZone(identifier: unknown, country?: unknown): ZoneResolution {
  if (typeof identifier !== 'string' || identifier.trim() === '')
    return { ok: false, problem: 'the site names no time zone' };
  if (identifier.length > MAX_LENGTH) return { ok: false, problem: 'the time zone name is too long' };
  if (CONTROL.test(identifier))
    return { ok: false, problem: 'the time zone name contains control characters' };
  const territory = typeof country === 'string' ? territoryOf(country) : undefined;
  const windows = windowsToIana(identifier, territory);
  if (windows !== undefined) return { ok: true, timeZone: windows, source: 'windows' };
  const iana = ianaZone(identifier.trim());
  if (iana !== undefined) return { ok: true, timeZone: iana, source: 'iana' };
  return {
    ok: false,
    problem: `unknown time zone ${quoted(identifier.trim())}: neither a Windows zone in CLDR's table nor an IANA name`,
  };
}
