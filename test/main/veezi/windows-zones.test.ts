import { describe, expect, it } from 'vitest';
import { CLDR_VERSION, WINDOWS_ZONES } from '../../../main/veezi/windows-zones-data.ts';
import { resolveTimeZone, territoryOf, windowsToIana } from '../../../main/veezi/windows-zones.ts';

describe('resolveTimeZone', () => {
  it.each([
    ['a Windows name Veezi sends', 'AUS Eastern Standard Time', undefined, 'Australia/Sydney'],
    ['Singapore', 'Singapore Standard Time', undefined, 'Asia/Singapore'],
    ['London', 'GMT Standard Time', undefined, 'Europe/London'],
    ['New Zealand', 'New Zealand Standard Time', 'New Zealand', 'Pacific/Auckland'],
    ['Windows "UTC"', 'UTC', undefined, 'Etc/UTC'],
    ['a name with a parenthesis', 'Central Standard Time (Mexico)', undefined, 'America/Mexico_City'],
    ['a name with a dot', 'W. Australia Standard Time', undefined, 'Australia/Perth'],
    ['the wrong case', 'aus eastern STANDARD time', undefined, 'Australia/Sydney'],
    ['spaces around and within', '  AUS   Eastern\tStandard Time \n', undefined, 'Australia/Sydney'],
    ['a no-break space', 'AUS\u00a0Eastern Standard Time', undefined, 'Australia/Sydney'],
    ['full-width letters', 'ＵＴＣ', undefined, 'Etc/UTC'],
    ['CLDR renamed to current IANA', 'India Standard Time', undefined, 'Asia/Kolkata'],
    ['Kyiv, not Kiev', 'FLE Standard Time', undefined, 'Europe/Kyiv'],
  ])('maps %s', (_what, identifier, country, zone) => {
    expect(resolveTimeZone(identifier, country)).toEqual({ ok: true, timeZone: zone, source: 'windows' });
  });

  it.each([
    // The same Windows zone is another IANA zone in another country: Veezi's `Country` decides.
    ['GMT Standard Time', 'Ireland', 'Europe/Dublin'],
    ['GMT Standard Time', 'Portugal', 'Europe/Lisbon'],
    ['GMT Standard Time', 'United Kingdom', 'Europe/London'],
    ['GMT Standard Time', 'UK', 'Europe/London'],
    ['Singapore Standard Time', 'Malaysia', 'Asia/Kuala_Lumpur'],
    ['Singapore Standard Time', 'Philippines', 'Asia/Manila'],
    ['Eastern Standard Time', 'Canada', 'America/Toronto'],
    ['Eastern Standard Time', 'USA', 'America/New_York'],
    ['Eastern Standard Time', 'us', 'America/New_York'],
    ['W. Europe Standard Time', 'the Netherlands', 'Europe/Amsterdam'],
    ['Central Europe Standard Time', 'Czech Republic', 'Europe/Prague'],
    ['Romance Standard Time', 'ES', 'Europe/Madrid'],
    // A country CLDR has no entry for under this zone: the zone's default.
    ['AUS Eastern Standard Time', 'New Zealand', 'Australia/Sydney'],
    // An unknown country, or none at all: the default.
    ['GMT Standard Time', 'Atlantis', 'Europe/London'],
    ['GMT Standard Time', '', 'Europe/London'],
    ['GMT Standard Time', 42, 'Europe/London'],
    ['GMT Standard Time', null, 'Europe/London'],
  ])('maps %j in %j to %s', (identifier, country, zone) => {
    expect(resolveTimeZone(identifier, country)).toMatchObject({ ok: true, timeZone: zone });
  });

  it.each([
    ['an IANA name', 'Australia/Sydney', 'Australia/Sydney'],
    ['an IANA name in the wrong case', 'australia/SYDNEY', 'Australia/Sydney'],
    ['with spaces around', ' Europe/London ', 'Europe/London'],
    ['a current name ICU spells the old way', 'Asia/Kolkata', 'Asia/Kolkata'],
    ['an old name, kept as given', 'Asia/Calcutta', 'Asia/Calcutta'],
    ['a backward link, canonicalised', 'US/Eastern', 'America/New_York'],
    ['a three-part name', 'America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['a fixed offset zone', 'Etc/GMT-10', 'Etc/GMT-10'],
    ['Etc/UTC', 'Etc/UTC', 'Etc/UTC'],
    // Means what it says: UTC all year, not London's clock.
    ['GMT', 'GMT', 'UTC'],
  ])('accepts %s', (_what, identifier, zone) => {
    expect(resolveTimeZone(identifier)).toEqual({ ok: true, timeZone: zone, source: 'iana' });
  });

  it.each([
    ['nothing', undefined, /names no time zone/],
    ['null', null, /names no time zone/],
    ['a number', 10, /names no time zone/],
    ['an object', { Id: 'AUS Eastern Standard Time' }, /names no time zone/],
    ['an empty string', '', /names no time zone/],
    ['only spaces', '   ', /names no time zone/],
    ['a made-up Windows name', 'Mars Standard Time', /unknown time zone "Mars Standard Time"/],
    ['a daylight name, which is not an id', 'AUS Eastern Daylight Time', /unknown time zone/],
    ['an abbreviation', 'AEST', /unknown time zone/],
    ['an offset, which has no DST rules', '+10:00', /unknown time zone/],
    ['UTC with an offset', 'UTC+10', /unknown time zone/],
    ['a made-up IANA name', 'Australia/Atlantis', /unknown time zone/],
    ['a path', '../../etc/passwd', /unknown time zone/],
    ['a zero-width space inside', 'AUS\u200bEastern Standard Time', /unknown time zone/],
    ['a control character', 'AUS Eastern\u0000 Standard Time', /control characters/],
    ['a line break inside an IANA name', 'Australia/\nSydney', /unknown time zone/],
    ['an escape character', '\u001b[31mUTC', /control characters/],
    ['something very long', 'A'.repeat(101), /too long/],
  ])('refuses %s, saying why', (_what, identifier, problem) => {
    const result = resolveTimeZone(identifier);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it('cuts a long unknown name short in its problem', () => {
    const result = resolveTimeZone(`${'x'.repeat(60)} Standard Time`);
    expect(result).toMatchObject({ ok: false, problem: expect.stringContaining(`"${'x'.repeat(40)}…"`) });
  });
});

describe('windowsToIana', () => {
  it('is undefined for a name not in the table', () => {
    expect(windowsToIana('Australia/Sydney')).toBeUndefined();
    expect(windowsToIana('')).toBeUndefined();
  });

  it('never answers with a ZZ (no territory) entry', () => {
    expect(windowsToIana('Singapore Standard Time', 'ZZ')).toBe('Asia/Singapore');
    expect(windowsToIana('Singapore Standard Time', 'zz')).toBe('Asia/Singapore');
  });

  it('takes a territory code in any case', () => {
    expect(windowsToIana('GMT Standard Time', 'ie')).toBe('Europe/Dublin');
  });
});

describe('territoryOf', () => {
  it.each([
    ['Australia', 'AU'],
    ['australia', 'AU'],
    ['AU', 'AU'],
    ['United Kingdom', 'GB'],
    ['United States', 'US'],
    ['United States of America', 'US'],
    ['New Zealand', 'NZ'],
    ['Ireland', 'IE'],
    ['  Singapore ', 'SG'],
    ['The Netherlands', 'NL'],
  ])('%j is %s', (country, code) => {
    expect(territoryOf(country)).toBe(code);
  });

  it.each(['', 'XX', 'Atlantis', '001', 'ZZ', 'world'])('%j is no territory', (country) => {
    expect(territoryOf(country)).toBeUndefined();
  });
});

describe('the CLDR table', () => {
  const entries = Object.entries(WINDOWS_ZONES);

  it('is the full table of a named CLDR release', () => {
    expect(CLDR_VERSION).toMatch(/^\d+$/);
    // CLDR 48 maps 139 Windows zones; a truncated table would fail here.
    expect(entries.length).toBeGreaterThanOrEqual(139);
    expect(entries.flatMap(([, zones]) => Object.keys(zones)).length).toBeGreaterThan(400);
  });

  it('has a default for every Windows zone and only zones this runtime knows', () => {
    for (const [windows, zones] of entries) {
      expect(zones['001'], windows).toBeDefined();
      for (const zone of Object.values(zones)) {
        expect(() => new Intl.DateTimeFormat('en', { timeZone: zone }), `${windows} → ${zone}`).not.toThrow();
      }
    }
  });

  it('maps every Windows zone through resolveTimeZone', () => {
    for (const [windows, zones] of entries) {
      expect(resolveTimeZone(windows), windows).toEqual({
        ok: true,
        timeZone: zones['001'],
        source: 'windows',
      });
    }
  });
});
