import type { Page } from 'playwright-core';

/** Fake ms left of the lobby page on screen, of `seconds` (the player marks when each page started). */
export const msLeft = (page: Page, seconds: number): Promise<number> =>
  page.evaluate(
    (s) =>
      Number(document.querySelector<HTMLElement>('.lobby')!.dataset['startedAt']) + s * 1000 - Date.now(),
    seconds,
  );
