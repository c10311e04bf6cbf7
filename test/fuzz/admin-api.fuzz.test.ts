import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInfo } from '../../main/api/router.ts';
import { adminHub, fingerprint, inMinutes, seedBasics } from '../main/api/admin-support.ts';
import { MUTATING, raw } from '../main/api/security-support.ts';

/** Requests per property: quick in `npm test`; raise with MARQUEE_FUZZ_RUNS for a long hunt. */
const RUNS = Number(process.env['MARQUEE_FUZZ_RUNS'] ?? 300);

/** Routes whose success would end the fuzzing session itself. */
const SKIP = new Set(['POST /api/admin/logout', 'POST /api/admin/setup', 'POST /api/admin/login']);

const key = (r: RouteInfo) => `${r.method} ${r.path}`;

/** Ids worth trying in a path: real ones (so deep validation runs), odd ones, hostile ones. */
const idArb = (real: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...real) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('showtime', 'announcement', 'film', '..', '%00', "x' OR 1=1 --"),
    },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  );

/**
 * Random JSON, and valid bodies with one part changed: removed, retyped, or
 * replaced by random JSON, so both the parser's edges and the rules behind
 * it are reached.
 */
function bodyArb(valid: Record<string, unknown> | undefined) {
  const anyJson = fc.jsonValue({ maxDepth: 4 });
  if (!valid) return anyJson;
  const keys = Object.keys(valid);
  const mutated = fc
    .tuple(fc.constantFrom(...keys, 'extra'), fc.oneof(anyJson, fc.constant(undefined)))
    .map(([k, v]) => {
      const body: Record<string, unknown> = { ...valid };
      if (v === undefined) delete body[k];
      else body[k] = v;
      return body;
    });
  return fc.oneof(
    { weight: 1, arbitrary: anyJson },
    { weight: 3, arbitrary: mutated },
    { weight: 1, arbitrary: fc.constant(valid) },
  );
}

/**
 * The admin API fed random JSON on every route it has (enumerated from the
 * router): never a 5xx, and after any refusal the database (every table,
 * the snapshot, the seq) is exactly as before: nothing half-applied.
 */
describe('fuzzing the admin API', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  let routes: RouteInfo[];
  const valid = new Map<string, Record<string, unknown>>();
  let real: string[] = [];

  beforeAll(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
    const show = await ctx.api<{ record: { id: string } }>('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: inMinutes(600),
    });
    const note = await ctx.api<{ record: { id: string } }>('POST', '/api/admin/announcements', {
      text: 'Welcome',
    });
    real = ['a1', 'a2', 'f1', 'f2', show.body.record.id, note.body.record.id];
    const venue = ctx.hub.store.venue();
    const later = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const entries: [string, Record<string, unknown>][] = [
      [
        'PUT /api/admin/venue',
        {
          name: venue.name,
          timezone: venue.timezone,
          locales: venue.locales,
          settings: venue.settings,
          version: venue.version,
        },
      ],
      ['POST /api/admin/auditoriums', { name: 'Screen 9', capacity: 40 }],
      ['PUT /api/admin/auditoriums/:id', { name: 'Screen 1', capacity: 100, version: 1 }],
      ['POST /api/admin/films', { title: 'Tidewater II', runtimeMinutes: 95, tags: [] }],
      ['PUT /api/admin/films/:id', { title: 'Tidewater', runtimeMinutes: 100, tags: [], version: 1 }],
      ['POST /api/admin/announcements', { text: 'Hello', priority: 1 }],
      ['PUT /api/admin/announcements/:id', { text: 'Hello', priority: 1, version: 1 }],
      ['POST /api/admin/showtimes', { filmId: 'f2', auditoriumId: 'a2', startsAt: inMinutes(900) }],
      [
        'PUT /api/admin/showtimes/:id',
        {
          filmId: 'f1',
          auditoriumId: 'a1',
          startsAt: inMinutes(600),
          tags: [],
          status: 'scheduled',
          capacity: 100,
          seatsAvailable: 90,
          version: 1,
        },
      ],
      ['PATCH /api/admin/showtimes/:id/availability', { seatsAvailable: 50 }],
      ['POST /api/admin/showtimes/:id/seats', { sell: 1 }],
      ['POST /api/admin/showtimes/copy-day', { from: new Date().toISOString().slice(0, 10), to: later }],
      ['PUT /api/admin/overrides/:kind/:id', { hidden: true, note: 'fuzz' }],
      ['POST /api/admin/tokens', { name: 'Fuzz till' }],
      ['POST /api/admin/import/showtimes', { csv: 'date,time,auditorium,film\n' }],
      ['POST /api/admin/password', { currentPassword: 'not the password', newPassword: 'another password' }],
    ];
    for (const [k, body] of entries) valid.set(k, body);
    routes = ctx.hub.routes().filter((r) => r.path.startsWith('/api/admin/') && !SKIP.has(key(r)));
  });
  afterAll(() => ctx.hub.stop());

  it(
    'never answers 5xx and never half-applies a refused write',
    async () => {
      expect(routes.length).toBeGreaterThan(25);
      const statuses = new Map<number, number>();
      let before = fingerprint(ctx.hub);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes).chain((route) =>
            fc.record({
              route: fc.constant(route),
              id: idArb(real),
              kind: fc.constantFrom('showtime', 'announcement', 'film'),
              body: bodyArb(valid.get(key(route))),
              query: fc.option(
                fc.constantFrom(
                  '?version=1',
                  '?version=0',
                  '?version=1e3',
                  '?limit=5',
                  '?before=x',
                  '?dryRun=1',
                ),
                {
                  nil: '',
                },
              ),
            }),
          ),
          async ({ route, id, kind, body, query }) => {
            const path =
              route.path
                .replace(':kind', encodeURIComponent(kind))
                .replace(/:[^/]+/g, encodeURIComponent(id)) + query;
            const mutating = MUTATING.has(route.method);
            const res = await raw(`${ctx.hub.url}${path}`, {
              method: route.method,
              headers: mutating ? { ...ctx.auth, 'Content-Type': 'application/json' } : ctx.auth,
              ...(mutating && { body: JSON.stringify(body) }),
            });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const what = `${route.method} ${path} ${JSON.stringify(body).slice(0, 300)} → ${res.status} ${res.body.slice(0, 300)}`;
            expect(res.status, what).toBeLessThan(500);
            const after = fingerprint(ctx.hub);
            if (res.status >= 400) expect(after === before, `changed after ${what}`).toBe(true);
            else expect(JSON.parse(res.body), what).toBeTypeOf('object');
            before = after;
          },
        ),
        { numRuns: RUNS },
      );
      // Both refusals and successes must be common, or the property proved little.
      const ok = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
      expect(ok).toBeGreaterThan(RUNS / 20);
      expect(RUNS - ok).toBeGreaterThan(RUNS / 2);
    },
    30_000 + RUNS * 20,
  );
});
