import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseScheduleCsv } from '../../main/api/csv/schedule-csv.ts';
import {
  AnnouncementCreateBody,
  AuditoriumCreateBody,
  FilmCreateBody,
  ShowtimeCreateBody,
  VenueBody,
} from '../../main/domain/admin-requests.ts';
import { ErrorBody } from '../../main/domain/api-error.ts';
import { HeartbeatBody } from '../../main/domain/displays.ts';
import { Snapshot, parseChange } from '../../main/domain/events.ts';
import { MergePatchBody } from '../../main/domain/merge-patch.ts';
import { OverrideInput } from '../../main/domain/overrides.ts';
import { Health } from '../../main/domain/status.ts';
import { Auditorium, Film, Venue } from '../../main/domain/records.ts';
import { LoginBody, StaffCreateBody } from '../../main/domain/staff.ts';
import { filmTagProblem } from '../../main/domain/screening-tags.ts';
import { urgentProblems } from '../../main/domain/urgent.ts';
import { startTestHub } from '../support/test-hub.ts';

/**
 * Every JSON and CSV example in docs/ is marked with what it is
 * (`<!-- example: event showtime.upsert -->`, `body ShowtimeCreateBody`, `csv`)
 * and must parse with that schema, so the docs cannot drift from the code.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const DOCS = join(ROOT, 'docs');
/** The documents of the contract; the kiosk's own settings file is documented (and checked) elsewhere. */
const CONTRACT_DOCS = ['contract.md', 'feed-protocol.md', 'admin-api.md'];

interface Example {
  file: string;
  line: number;
  kind: string;
  lang: string;
  text: string;
}

function examples(): { found: Example[]; unmarked: string[] } {
  const found: Example[] = [];
  const unmarked: string[] = [];
  for (const file of CONTRACT_DOCS) {
    const lines = readFileSync(join(DOCS, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const fence = /^```(json|csv)\s*$/.exec(line);
      if (!fence) return;
      const end = lines.indexOf('```', i + 1);
      const marker = lines
        .slice(Math.max(0, i - 3), i)
        .reverse()
        .map((l) => /^<!-- example: (.+) -->$/.exec(l.trim())?.[1])
        .find(Boolean);
      if (!marker) unmarked.push(`${file}:${i + 1}`);
      else
        found.push({
          file,
          line: i + 1,
          kind: marker,
          lang: fence[1]!,
          text: lines.slice(i + 1, end).join('\n'),
        });
    });
  }
  return { found, unmarked };
}

const BODIES: Readonly<Record<string, z.ZodType>> = {
  VenueBody,
  AuditoriumCreateBody,
  FilmCreateBody,
  ShowtimeCreateBody,
  AnnouncementCreateBody,
  OverrideInput,
  Heartbeat: HeartbeatBody,
  ErrorBody,
  Health,
  MergePatchBody,
  LoginBody,
  StaffCreateBody,
};

/** The venue the CSV examples are written for. */
const CSV_VENUE = Venue.parse({ id: 'v', name: 'Harbourfront', timezone: 'Asia/Singapore', locales: ['en'] });
const CSV_AUDITORIUMS = [
  Auditorium.parse({ id: 'aud-1', name: 'IMAX', capacity: 420, features: ['IMAX'] }),
  Auditorium.parse({ id: 'aud-3', name: 'Screen 3', capacity: 240 }),
  Auditorium.parse({ id: 'aud-4', name: 'Screen 4', capacity: 210, features: ['Dolby Cinema'] }),
];
const CSV_FILMS = [
  Film.parse({ id: 'film-orbit-nine', title: 'Orbit Nine', runtimeMinutes: 141 }),
  Film.parse({ id: 'film-last-lantern', title: 'The Last Lantern', runtimeMinutes: 104 }),
  Film.parse({ id: 'film-tidewater', title: 'Tidewater', runtimeMinutes: 128 }),
];

function check(example: Example): void {
  const [what, name = ''] = example.kind.split(' ');
  if (what === 'csv') {
    let n = 0;
    const parsed = parseScheduleCsv(example.text, CSV_VENUE, CSV_AUDITORIUMS, CSV_FILMS, () => `st-${++n}`);
    expect(parsed.ok ? [] : parsed.rows).toEqual([]);
    return;
  }
  const json = JSON.parse(example.text) as unknown;
  if (what === 'event') {
    const result = name === 'snapshot' ? Snapshot.safeParse(json) : parseChange(name, json);
    expect(result, `unknown event ${name}`).toBeDefined();
    expect(result!.error?.issues ?? []).toEqual([]);
    return;
  }
  expect(what).toBe('body');
  const schema = BODIES[name];
  expect(schema, `unknown body ${name}`).toBeDefined();
  const result = schema!.safeParse(json);
  expect(result.error?.issues ?? []).toEqual([]);
  // What the store would refuse is no example either.
  const body = result.data as Record<string, unknown>;
  if (name === 'FilmCreateBody') expect(filmTagProblem(body['tags'] as string[])).toBeUndefined();
  if (name === 'AnnouncementCreateBody') expect(urgentProblems(body as never, Date.now())).toEqual({});
}

describe('the examples in docs/', () => {
  const { found, unmarked } = examples();

  it('are all marked with what they are', () => {
    expect(unmarked).toEqual([]);
    expect(found.length).toBeGreaterThanOrEqual(20);
  });

  it.each(found.map((e) => [`${e.file}:${e.line} (${e.kind})`, e] as const))(
    '%s parses',
    (_name, example) => {
      check(example);
    },
  );

  it('name every route the hub answers, in the contract', async () => {
    const hub = await startTestHub();
    const contract = readFileSync(join(DOCS, 'contract.md'), 'utf8');
    try {
      // HEAD is documented beside its GET.
      const missing = hub
        .routes()
        .filter((r) => r.method !== 'HEAD')
        .map((r) => `\`${r.method} ${r.path}\``)
        .filter((route) => !contract.includes(route));
      expect(missing).toEqual([]);
    } finally {
      await hub.stop();
    }
  });

  it('keep the contract inside the repository', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('docs/contract.md');
    for (const text of [readme, ...readdirSync(DOCS).map((f) => readFileSync(join(DOCS, f), 'utf8'))])
      expect(text).not.toMatch(/\.\.\/shared/);
  });
});
