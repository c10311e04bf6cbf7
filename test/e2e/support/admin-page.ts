import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { packageRoot } from '../../../main/paths.ts';

/** Admin screenshots are kept as artifacts under test-results/admin/ (git-ignored). */
export function adminShot(name: string): string {
  const dir = join(packageRoot(), 'test-results', 'admin');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** The admin at 1366×768, signed in by keyboard: the name field has focus, Tab to the password, Enter submits. */
export async function adminByKeyboard(
  browser: Browser,
  url: string,
  password: string,
  name = 'admin',
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${url}/admin`);
  await page.locator('#name').waitFor();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation', { name: 'Admin sections' }).waitFor();
  return page;
}

/** Moves keyboard focus to `name`'s control and presses Enter (a button) — no mouse. */
export async function press(page: Page, role: 'button' | 'link', name: string | RegExp): Promise<void> {
  const target = page.getByRole(role, { name }).first();
  await target.focus();
  await page.keyboard.press('Enter');
}

/** The bodies of the admin's PATCH and PUT requests to `path`, in order. */
export function writesTo(page: Page, path: string): { method: string; body: Record<string, unknown> }[] {
  const seen: { method: string; body: Record<string, unknown> }[] = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === path && ['PATCH', 'PUT'].includes(req.method())) {
      seen.push({ method: req.method(), body: req.postDataJSON() as Record<string, unknown> });
    }
  });
  return seen;
}
