import { describe, expect, it } from 'vitest';
import {
  bootstrapMean,
  cohensKappa,
  exactBinomialTwoSided,
  mcnemar,
  pairedDifferenceInterval,
  passAtK,
  proportion,
  wilsonInterval,
} from '../../evaluation/statistics.js';

describe('statistics', () => {
  it('computes Wilson intervals (reference values)', () => {
    const [low, high] = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 3);
    expect(high).toBeCloseTo(0.9433, 3);
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(0, 0)[0]).toBeNaN();
    expect(proportion(3, 4)).toMatchObject({ value: 0.75, successes: 3, n: 4, interval: 'wilson' });
  });

  it('bootstraps the mean reproducibly from a seed and ignores NaN', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Number.NaN];
    const a = bootstrapMean(values, { seed: 7 });
    const b = bootstrapMean(values, { seed: 7 });
    expect(a).toEqual(b);
    expect(a.value).toBe(5.5);
    expect(a.n).toBe(10);
    expect(a.ci95[0]).toBeGreaterThan(3);
    expect(a.ci95[1]).toBeLessThan(8);
    expect(bootstrapMean([4, 4, 4]).ci95).toEqual([4, 4]);
    expect(bootstrapMean([]).value).toBeNaN();
  });

  it('runs the exact McNemar test for few discordant pairs, chi-square for many', () => {
    expect(exactBinomialTwoSided(0, 0)).toBe(1);
    expect(exactBinomialTwoSided(0, 5)).toBeCloseTo(0.0625, 10);
    expect(mcnemar(1, 9)).toMatchObject({ method: 'exact' });
    expect(mcnemar(1, 9).pValue).toBeCloseTo(0.021484375, 9);
    expect(mcnemar(0, 0).pValue).toBe(1);
    const large = mcnemar(10, 30);
    expect(large.method).toBe('chi-square');
    expect(large.statistic).toBeCloseTo(9.025, 6);
    expect(large.pValue).toBeCloseTo(0.00266, 4);
  });

  it('gives Newcombe’s paired interval (his example: 36, 12, 2, 0 → 0.0569 to 0.3404)', () => {
    // Newcombe (1998), method 10, for pA − pB; this function returns pB − pA.
    const [low, high] = pairedDifferenceInterval(36, 12, 2, 0);
    expect(low).toBeCloseTo(-0.3404, 4);
    expect(high).toBeCloseTo(-0.0569, 4);
    const [l0, h0] = pairedDifferenceInterval(5, 0, 0, 5);
    expect(l0).toBeLessThanOrEqual(0);
    expect(h0).toBeGreaterThanOrEqual(0);
  });

  it('computes Cohen’s kappa', () => {
    expect(cohensKappa(20, 5, 10, 15).value).toBeCloseTo(0.4, 10);
    expect(cohensKappa(10, 0, 0, 10).value).toBe(1);
    expect(cohensKappa(0, 0, 0, 0).value).toBeNaN();
  });

  it('computes the unbiased pass@k', () => {
    expect(passAtK(5, 0, 3)).toBe(0);
    expect(passAtK(5, 5, 1)).toBe(1);
    expect(passAtK(5, 2, 1)).toBeCloseTo(0.4, 12);
    expect(passAtK(5, 2, 2)).toBeCloseTo(1 - 3 / 10, 12);
    expect(passAtK(2, 1, 3)).toBeNaN();
  });
});
