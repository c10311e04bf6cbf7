import { describe, expect, it } from 'vitest';
import { Histogram } from './lib/histogram.ts';

describe('Histogram', () => {
  it('gives percentiles within 0.1 % of the exact ones', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => 0.5 + ((i * 7919) % 10_000) * 0.37);
    const h = new Histogram();
    for (const v of values) h.record(v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [50, 90, 99, 99.9]) {
      const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
      expect(Math.abs(h.percentile(p) - exact) / exact).toBeLessThan(0.001);
    }
    expect(h.percentile(100)).toBe(Math.max(...values));
    expect(h.summary().samples).toBe(10_000);
  });

  it('merges histograms recorded in other processes', () => {
    const a = new Histogram();
    const b = new Histogram();
    for (let i = 1; i <= 100; i++) (i % 2 ? a : b).record(i);
    const merged = Histogram.from(a.toData()).merge(b.toData());
    expect(merged.count).toBe(100);
    expect(merged.percentile(50)).toBeCloseTo(50, 1);
    expect(merged.min).toBe(1);
    expect(merged.max).toBe(100);
  });

  it('is empty until something is recorded', () => {
    expect(new Histogram().percentile(50)).toBeNaN();
  });
});
