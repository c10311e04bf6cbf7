import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHub, type TestHub } from './admin-support.ts';

type Api = Awaited<ReturnType<typeof adminHub>>['api'];
type Ann = { id: string; text: string; texts?: Record<string, string>; priority: number; version: number };

/** `PATCH` with JSON merge-patch and `version`: an edit changes what it names and nothing else (issue 15). */
describe('PATCH of admin records', () => {
  let hub: TestHub;
  let api: Api;
  beforeAll(async () => {
    ({ hub, api } = await adminHub());
  }, 30_000);
  afterAll(() => hub.stop());

  const post = async () =>
    (
      await api<{ record: Ann }>('POST', '/api/admin/announcements', {
        text: 'Screen 2 closed tonight',
        texts: { de: 'Saal 2 heute geschlossen' },
        priority: 3,
      })
    ).body.record;

  it('keeps the translation an edit of the text does not mention; null clears a field', async () => {
    const ann = await post();
    const res = await api<{ record: Ann }>(
      'PATCH',
      `/api/admin/announcements/${ann.id}`,
      { version: ann.version, text: 'Screen 2 closed until Friday' },
      { 'Content-Type': 'application/merge-patch+json' },
    );
    expect(res.status).toBe(200);
    expect(res.body.record).toMatchObject({
      text: 'Screen 2 closed until Friday',
      texts: { de: 'Saal 2 heute geschlossen' },
      priority: 3,
      version: 2,
    });
    const cleared = await api<{ record: Ann }>('PATCH', `/api/admin/announcements/${ann.id}`, {
      version: 2,
      texts: null,
    });
    expect(cleared.body.record.texts).toBeUndefined();
    expect(cleared.body.record.text).toBe('Screen 2 closed until Friday');
  });

  it('refuses a stale version with a conflict carrying the record as it is, and changes nothing', async () => {
    const ann = await post();
    await api('PATCH', `/api/admin/announcements/${ann.id}`, { version: 1, priority: 5 });
    const stale = await api('PATCH', `/api/admin/announcements/${ann.id}`, { version: 1, text: 'Mine' });
    expect([stale.status, stale.body['code']]).toEqual([409, 'version_conflict']);
    expect(stale.body['current']).toMatchObject({ priority: 5, version: 2, text: 'Screen 2 closed tonight' });
    expect(hub.store.records.announcements.get(ann.id)).toMatchObject({ text: 'Screen 2 closed tonight' });
    const noVersion = await api('PATCH', `/api/admin/announcements/${ann.id}`, { text: 'Mine' });
    expect(noVersion.status).toBe(400);
    const bad = await api('PATCH', `/api/admin/announcements/${ann.id}`, { version: 2, priority: 'high' });
    expect([bad.status, Object.keys(bad.body['fields'] as object)]).toEqual([400, ['priority']]);
  });

  it('keeps PUT a full replace: leaving texts out clears them', async () => {
    const ann = await post();
    const put = await api<{ record: Ann }>('PUT', `/api/admin/announcements/${ann.id}`, {
      text: 'Replaced',
      priority: 0,
      version: ann.version,
    });
    expect(put.body.record.texts).toBeUndefined();
  });

  it('merges venue settings key by key', async () => {
    const state = await api<{ venue: { version: number; settings: Record<string, unknown> } }>(
      'GET',
      '/api/admin/state',
    );
    const { version, settings } = state.body.venue;
    const res = await api<{ record: { settings: Record<string, unknown> } }>('PATCH', '/api/admin/venue', {
      version,
      settings: { preShowMinutes: 12 },
    });
    expect(res.status).toBe(200);
    expect(res.body.record.settings).toEqual({ ...settings, preShowMinutes: 12 });
  });
});
