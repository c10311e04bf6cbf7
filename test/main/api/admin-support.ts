import { call, signIn, type JsonResponse } from '../../support/http.ts';
import { TEST_PASSWORD, startTestHub } from '../../support/test-hub.ts';
import type { HubOptions } from '../../../main/hub.ts';
import { rawDatabase } from '../../../main/store/raw-access.ts';

export type TestHub = Awaited<ReturnType<typeof startTestHub>>;

/** A hub with the test password set and a signed-in staff client. */
export async function adminHub(options: Partial<HubOptions> = {}) {
  const hub = await startTestHub({ adminPassword: TEST_PASSWORD, ...options });
  const auth = await signIn(hub.url, TEST_PASSWORD);
  const api = <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse<T>> =>
    call<T>(`${hub.url}${path}`, {
      method,
      headers: { ...auth, ...headers },
      ...(body !== undefined && { body }),
    });
  return { hub, auth, api };
}

/**
 * Everything a write could touch: every table's rows (state, overrides,
 * audit, tokens, meta, events) and the event seq. Two equal fingerprints
 * mean the database did not change.
 */
export function fingerprint(hub: TestHub): string {
  const db = rawDatabase(hub.store);
  const tables = [
    'venue',
    'auditoriums',
    'films',
    'showtimes',
    'announcements',
    'overrides',
    'audit_log',
    'api_tokens',
    'events',
    'meta',
    'idempotency_keys',
    'staff',
  ];
  const dump: Record<string, unknown> = { seq: hub.store.seq, snapshot: hub.store.snapshot() };
  for (const t of tables) dump[t] = db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
  return JSON.stringify(dump);
}

/** A UTC ISO time `minutes` from now, on a five-minute grid so tests read well. */
export function inMinutes(minutes: number, from = Date.now()): string {
  const t = from + minutes * 60_000;
  return new Date(Math.ceil(t / 300_000) * 300_000).toISOString();
}

/** A small local venue: two auditoriums, two films (100 and 120 min), cleaning 15 min. */
export async function seedBasics(api: Awaited<ReturnType<typeof adminHub>>['api']) {
  const a1 = await api('POST', '/api/admin/auditoriums', { id: 'a1', name: 'Screen 1', capacity: 100 });
  const a2 = await api('POST', '/api/admin/auditoriums', { id: 'a2', name: 'Screen 2', capacity: 50 });
  const f1 = await api('POST', '/api/admin/films', {
    id: 'f1',
    title: 'Tidewater',
    runtimeMinutes: 100,
    tags: [],
  });
  const f2 = await api('POST', '/api/admin/films', {
    id: 'f2',
    title: 'Lanterns',
    runtimeMinutes: 120,
    tags: ['Family'],
  });
  for (const r of [a1, a2, f1, f2])
    if (r.status !== 201) throw new Error(`seed failed: ${JSON.stringify(r.body)}`);
}

export { TEST_PASSWORD };
