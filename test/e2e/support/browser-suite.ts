import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { HubOptions } from '../../../main/hub.ts';
import { type TestHub, startTestHub } from '../../support/test-hub.ts';
import { launchChromium } from './chromium.ts';

/**
 * One real Chromium and one test hub shared by a file's tests, both closed
 * after them. Read `suite.browser` and `suite.hub` inside tests.
 */
export function chromiumAndHub(options: Partial<HubOptions>): {
  readonly browser: Browser;
  readonly hub: TestHub;
} {
  const suite = {} as { browser: Browser; hub: TestHub };
  beforeAll(async () => {
    suite.browser = await launchChromium();
    suite.hub = await startTestHub(options);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.hub?.stop();
  });
  return suite;
}
