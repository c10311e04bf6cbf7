import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

// `npm run soak`: the long reliability runs (200+ power cuts, the hour-long soak).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/reliability/**/*.test.ts', 'test/soak/**/*.test.ts'],
      exclude: ['node_modules/**'],
      testTimeout: 2 * 60 * 60 * 1000,
      env: { MARQUEE_POWER_CUTS: process.env['MARQUEE_POWER_CUTS'] ?? '200' },
    },
  }),
);
