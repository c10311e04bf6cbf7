import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// `npm run soak`: the long reliability runs (200+ power cuts, the hour-long soak).
// Built by hand, not with mergeConfig: that concatenates arrays, which would keep
// the base's `exclude: test/soak/**` and its `include` of every test.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/reliability/**/*.test.ts', 'test/soak/**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 2 * 60 * 60 * 1000,
    // One file at a time: the soak's figures should not include another test's load.
    fileParallelism: false,
    env: { MARQUEE_POWER_CUTS: process.env['MARQUEE_POWER_CUTS'] ?? '200' },
  },
});
