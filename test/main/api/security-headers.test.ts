import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_CSP, PAGE_CSP } from '../../../main/api/routes/pages.ts';
import { SseClient } from '../../support/sse-client.ts';
import { adminHub, seedBasics } from './admin-support.ts';
import { MUTATING, concrete, raw } from './security-support.ts';

/** The board and door pages, which the admin's playlist preview frames (same origin only). */
const BOARD_PAGES = new Set(['/', '/door/:auditoriumId']);

/** Every answer must carry these, whatever route, status or content type; only board pages may be framed, by the hub. */
function expectHardened(headers: IncomingHttpHeaders, what: string, board = false) {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe(board ? 'SAMEORIGIN' : 'DENY');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
  expect(headers['cross-origin-resource-policy'], what).toBe('same-origin');
  const csp = String(headers['content-security-policy'] ?? '');
  expect(csp, what).toMatch(board ? /frame-ancestors 'self'/ : /frame-ancestors 'none'/);
  expect(csp, what).not.toMatch(/unsafe-eval/);
}

/**
 * Security headers and a CSP on every page and API answer: each route the
 * router has, signed in and not, plus the answers no route gives (404, a bad
 * URL, 413, a full stream cap).
 */
describe('security headers on every answer', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  beforeAll(async () => {
    ctx = await adminHub({ streams: { maxClients: 1 } });
    await seedBasics(ctx.api);
  });
  afterAll(() => ctx.hub.stop());

  it('on every route, signed in or not', async () => {
    let checked = 0;
    for (const route of ctx.hub.routes()) {
      for (const auth of [{}, ctx.auth]) {
        const mutating = MUTATING.has(route.method);
        const res = await raw(`${ctx.hub.url}${concrete(route.path, 'a1')}`, {
          method: route.method,
          headers: mutating ? { ...auth, 'Content-Type': 'application/json' } : auth,
          ...(mutating && { body: '{}' }),
        });
        const board = BOARD_PAGES.has(route.path) && res.status === 200;
        expectHardened(res.headers, `${route.method} ${route.path} → ${res.status}`, board);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('gives pages their own CSP: scripts and connections only from the hub itself', async () => {
    for (const path of ['/', '/door/a1', '/admin', '/admin/schedule']) {
      const res = await raw(`${ctx.hub.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(/^text\/html/);
      const board = !path.startsWith('/admin');
      expect(res.headers['content-security-policy'], path).toBe(board ? BOARD_CSP : PAGE_CSP);
      expect(res.headers['x-frame-options'], path).toBe(board ? 'SAMEORIGIN' : 'DENY');
      expect(PAGE_CSP).toMatch(/script-src 'self';/);
      expect(PAGE_CSP).toMatch(/connect-src 'self';/);
      expect(PAGE_CSP).toMatch(/object-src 'none'/);
    }
  });

  it('on the answers no route gives: 404, a bad URL, a body too large, a stream refused', async () => {
    const base = ctx.hub.url;
    const cases: [string, Promise<{ status: number; headers: IncomingHttpHeaders }>][] = [
      ['404', raw(`${base}/no/such/thing`)],
      ['bad URL', raw(`${base}/%E0%A4%A`)],
      [
        '413',
        raw(`${base}/api/admin/films`, {
          method: 'POST',
          headers: { ...ctx.auth, 'Content-Type': 'application/json', 'Content-Length': String(2 ** 24) },
        }),
      ],
    ];
    for (const [what, pending] of cases) {
      const res = await pending;
      expect(res.status, what).toBeGreaterThanOrEqual(400);
      expectHardened(res.headers, what);
    }
  });

  it('on the event stream and on its refusal when full', async () => {
    const holder = await SseClient.connect(`${ctx.hub.url}/events`);
    await holder.count(1);
    expect(holder.response!.headers['content-type']).toBe('text/event-stream');
    expectHardened(holder.response!.headers, 'stream');
    const refused = await raw(`${ctx.hub.url}/events`);
    expect(refused.status).toBe(503);
    expectHardened(refused.headers, 'stream refused');
    holder.close();
  });
});
