import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/http.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { rendererDir } from '../renderer/support/board-page.ts';
import { adminByKeyboard, adminShot, writesTo } from './support/admin-page.ts';
import { chromiumAndHub } from './support/browser-suite.ts';

const suite = chromiumAndHub({ demo: true, adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

describe('the venue form edits names and tag labels per language, at 1366×768', () => {
  it('a Chinese venue name and a tag label are saved; every other venue field survives', async () => {
    const auth = await signIn(suite.hub.url, TEST_PASSWORD);
    const seeded = await call(`${suite.hub.url}/api/admin/venue`, {
      method: 'PATCH',
      headers: auth,
      body: {
        version: suite.hub.store.venue().version,
        settings: { tags: [{ tag: 'Late Club', kind: 'event', labels: { en: 'Late Club night' } }] },
      },
    });
    expect(seeded.body, JSON.stringify(seeded.body)).toHaveProperty('record');
    const before = suite.hub.store.venue();
    expect(before.names?.['zh-CN']).toBeDefined();

    const page = await adminByKeyboard(suite.browser, suite.hub.url, TEST_PASSWORD);
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(String(err)));
    const writes = writesTo(page, '/api/admin/venue');
    await page.goto(`${suite.hub.url}/admin#/venue`);
    await page.locator('#venue-name-zh-CN').fill('海港影城');
    const tag = page.getByRole('group', { name: 'Tag Late Club' });
    expect(await tag.getByLabel('“Late Club” on screens (English)').inputValue()).toBe('Late Club night');
    await tag.getByLabel('“Late Club” on screens (Chinese)').fill('深夜俱乐部');
    await page.screenshot({ path: adminShot('venue-texts.png') });
    await page.getByRole('button', { name: 'Save venue' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved ${before.name}.` })
      .waitFor();

    expect(writes).toHaveLength(1);
    expect(writes[0]!.method).toBe('PATCH');
    expect(Object.keys(writes[0]!.body).sort()).toEqual(['names', 'settings', 'version']);
    expect(Object.keys(writes[0]!.body['settings'] as object)).toEqual(['tags']);
    const after = suite.hub.store.venue();
    expect(after.names).toEqual({ ...before.names, 'zh-CN': '海港影城' });
    expect(after.settings).toEqual({
      ...before.settings,
      tags: [{ tag: 'Late Club', kind: 'event', labels: { en: 'Late Club night', 'zh-CN': '深夜俱乐部' } }],
    });
    expect({ ...after, names: null, settings: null, version: null }).toEqual({
      ...before,
      names: null,
      settings: null,
      version: null,
    });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
