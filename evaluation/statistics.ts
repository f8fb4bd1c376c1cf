import { Rng } from '../domain/random.js';

/** A proportion with its 95 % interval. */
export interface Proportion {
  value: number;
  successes: number;
  n: number;
  ci95: [number, number];
  /** How the interval was computed. */
  interval?: 'wilson' | 'cluster-bootstrap';
}

/** A mean with its 95 % bootstrap interval. */
export interface Mean {
  value: number;
  n: number;
  ci95: [number, number];
}

const z95 = 1.959963984540054;

/** Wilson score interval: well-behaved near 0 and 1 and for small n, unlike the normal approximation. */
export function wilsonInterval(successes: number, n: number, z = z95): [number, number] {
  if (n <= 0) return [Number.NaN, Number.NaN];
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function proportion(successes: number, n: number): Proportion {
  return { value: n > 0 ? successes / n : Number.NaN, successes, n, ci95: wilsonInterval(successes, n), interval: 'wilson' };
}

export const defaultResamples = 2000;

/** Percentile of sorted values (linear interpolation). */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/**
 * Percentile bootstrap interval of the mean, from a seeded generator: the same values and seed
 * give the same interval. NaN values are left out (unscored).
 */
export function bootstrapMean(values: ArrayLike<number>, options: { seed?: number; resamples?: number } = {}): Mean {
  const clean = Float64Array.from(Array.prototype.filter.call(values, (value: number) => !Number.isNaN(value)) as number[]);
  const n = clean.length;
  if (n === 0) return { value: Number.NaN, n: 0, ci95: [Number.NaN, Number.NaN] };
  const mean = clean.reduce((sum, value) => sum + value, 0) / n;
  const resamples = options.resamples ?? defaultResamples;
  const rng = Rng.derive('bootstrap', options.seed ?? 0, n);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += clean[Math.floor(rng.next() * n)];
    means[r] = sum / n;
  }
  means.sort();
  return { value: mean, n, ci95: [percentile(means, 0.025), percentile(means, 0.975)] };
}

/** log of n choose k, via log-gamma-free summation (exact enough for the sizes here). */
function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  const m = Math.min(k, n - k);
  let total = 0;
  for (let i = 1; i <= m; i++) total += Math.log(n - m + i) - Math.log(i);
  return total;
}

/** Two-sided exact binomial test of k successes in n trials at p = 0.5 (the exact McNemar test). */
export function exactBinomialTwoSided(k: number, n: number): number {
  if (n === 0) return 1;
  const low = Math.min(k, n - k);
  let tail = 0;
  for (let i = 0; i <= low; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, 2 * tail);
}

/** Upper tail of the chi-square distribution with one degree of freedom. */
function chiSquare1Upper(x: number): number {
  return erfc(Math.sqrt(x / 2));
}

/** Complementary error function (Numerical Recipes' erfcc; relative error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

export interface McNemarResult {
  /** Pairs right in A only and in B only. */
  onlyA: number;
  onlyB: number;
  pValue: number;
  method: 'exact' | 'chi-square';
  statistic?: number;
}

/**
 * McNemar's test on the discordant pairs: exact binomial when there are fewer than 25 of them,
 * else the chi-square statistic with continuity correction.
 */
export function mcnemar(onlyA: number, onlyB: number): McNemarResult {
  const discordant = onlyA + onlyB;
  if (discordant < 25) return { onlyA, onlyB, pValue: exactBinomialTwoSided(onlyA, discordant), method: 'exact' };
  const statistic = (Math.abs(onlyA - onlyB) - 1) ** 2 / discordant;
  return { onlyA, onlyB, pValue: Math.min(1, chiSquare1Upper(statistic)), method: 'chi-square', statistic };
}

/**
 * Newcombe's hybrid score interval (his method 10) for the difference of two paired proportions,
 * pB − pA, from the 2×2 table: both right, A only, B only, both wrong.
 */
export function pairedDifferenceInterval(both: number, onlyA: number, onlyB: number, neither: number): [number, number] {
  const n = both + onlyA + onlyB + neither;
  if (n === 0) return [Number.NaN, Number.NaN];
  const a = (both + onlyA) / n;
  const b = (both + onlyB) / n;
  const [l1, u1] = wilsonInterval(both + onlyA, n);
  const [l2, u2] = wilsonInterval(both + onlyB, n);
  const difference = b - a;
  // Correlation between the two margins (phi), set to 0 when a margin is degenerate.
  const margins = (both + onlyA) * (onlyB + neither) * (both + onlyB) * (onlyA + neither);
  const phiRaw = margins === 0 ? 0 : (both * neither - onlyA * onlyB) / Math.sqrt(margins);
  const phi = Math.max(-1, Math.min(1, phiRaw));
  const low = difference - Math.sqrt(Math.max(0, (b - l2) ** 2 - 2 * phi * (b - l2) * (u1 - a) + (u1 - a) ** 2));
  const high = difference + Math.sqrt(Math.max(0, (u2 - b) ** 2 - 2 * phi * (u2 - b) * (a - l1) + (a - l1) ** 2));
  return [Math.max(-1, low), Math.min(1, high)];
}

export interface Kappa {
  value: number;
  /** Observed agreement. */
  agreement: number;
  n: number;
  ci95: [number, number];
}

/**
 * Cohen's kappa of two binary raters from their 2×2 table (both yes, first only, second only,
 * both no), with the large-sample standard error of Fleiss, Cohen and Everitt (1969).
 */
export function cohensKappa(bothYes: number, firstOnly: number, secondOnly: number, bothNo: number): Kappa {
  const n = bothYes + firstOnly + secondOnly + bothNo;
  if (n === 0) return { value: Number.NaN, agreement: Number.NaN, n: 0, ci95: [Number.NaN, Number.NaN] };
  const observed = (bothYes + bothNo) / n;
  const firstYes = (bothYes + firstOnly) / n;
  const secondYes = (bothYes + secondOnly) / n;
  const expected = firstYes * secondYes + (1 - firstYes) * (1 - secondYes);
  if (expected >= 1) return { value: observed === 1 ? 1 : Number.NaN, agreement: observed, n, ci95: [Number.NaN, Number.NaN] };
  const kappa = (observed - expected) / (1 - expected);
  const se = Math.sqrt((observed * (1 - observed)) / (n * (1 - expected) ** 2));
  return { value: kappa, agreement: observed, n, ci95: [Math.max(-1, kappa - z95 * se), Math.min(1, kappa + z95 * se)] };
}

/**
 * The unbiased pass@k estimator (Chen et al., 2021) for one patient with n samples of which c are
 * correct: 1 − C(n−c, k) / C(n, k).
 */
export function passAtK(n: number, c: number, k: number): number {
  if (k > n || n <= 0) return Number.NaN;
  if (n - c < k) return 1;
  let failAll = 1;
  for (let i = n - c + 1; i <= n; i++) failAll *= 1 - k / i;
  return 1 - failAll;
}
