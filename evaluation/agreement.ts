import { cohensKappa, proportion, type Kappa, type Proportion } from './statistics.js';

const z95 = 1.959963984540054;

/**
 * Cohen's κ for any number of classes from a square table (rows: one rater, columns: the other):
 * (p_o − p_e) / (1 − p_e), with the large-sample standard error √(p_o(1−p_o) / (n(1−p_e)²)).
 */
export function cohensKappaTable(counts: readonly (readonly number[])[]): Kappa {
  const k = counts.length;
  const n = counts.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  if (n === 0) return { value: Number.NaN, agreement: Number.NaN, n: 0, ci95: [Number.NaN, Number.NaN] };
  let diagonal = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    diagonal += counts[i][i];
    const row = counts[i].reduce((a, b) => a + b, 0);
    const column = counts.reduce((sum, r) => sum + r[i], 0);
    expected += (row / n) * (column / n);
  }
  const observed = diagonal / n;
  if (expected >= 1) return { value: observed === 1 ? 1 : Number.NaN, agreement: observed, n, ci95: [Number.NaN, Number.NaN] };
  const kappa = (observed - expected) / (1 - expected);
  const se = Math.sqrt((observed * (1 - observed)) / (n * (1 - expected) ** 2));
  return { value: kappa, agreement: observed, n, ci95: [Math.max(-1, kappa - z95 * se), Math.min(1, kappa + z95 * se)] };
}

/** How one rater's labels agree with reference labels over the same items. */
export interface Agreement<L extends string> {
  items: number;
  /** Items the rater gave no label for (a failed or unusable judgement). */
  unscored: number;
  /** Share of all items labelled as the reference labels them (an unscored item does not agree). */
  accuracy: Proportion;
  /** κ over the items the rater labelled, every class apart. */
  kappa: Kappa;
  /** κ over the same items, the first class against the rest (e.g. correct vs not). */
  kappaFirstVsRest: Kappa;
  /** Rows: reference label; columns: the rater's label, then `unscored`. */
  confusion: { rows: L[]; columns: (L | 'unscored')[]; counts: number[][] };
}

/** Agreement of `rated` (null = unscored) with `reference`, over classes `labels` (the first one is the positive class). */
export function agreement<L extends string>(labels: readonly L[], pairs: readonly { reference: L; rated: L | null }[]): Agreement<L> {
  const index = new Map(labels.map((label, i) => [label, i]));
  const counts = labels.map(() => new Array<number>(labels.length + 1).fill(0));
  for (const { reference, rated } of pairs) {
    const row = index.get(reference);
    if (row === undefined) throw new Error(`unknown label ${reference}`);
    counts[row][rated === null ? labels.length : (index.get(rated) ?? labels.length)]++;
  }
  const square = counts.map((row) => row.slice(0, labels.length));
  const agreeing = square.reduce((sum, row, i) => sum + row[i], 0);
  const unscored = counts.reduce((sum, row) => sum + row[labels.length], 0);
  const bothFirst = square[0][0];
  const referenceOnly = square[0].slice(1).reduce((a, b) => a + b, 0);
  const ratedOnly = square.slice(1).reduce((sum, row) => sum + row[0], 0);
  const neither = square.slice(1).reduce((sum, row) => sum + row.slice(1).reduce((a, b) => a + b, 0), 0);
  return {
    items: pairs.length,
    unscored,
    accuracy: proportion(agreeing, pairs.length),
    kappa: cohensKappaTable(square),
    kappaFirstVsRest: cohensKappa(bothFirst, referenceOnly, ratedOnly, neither),
    confusion: { rows: [...labels], columns: [...labels, 'unscored'], counts },
  };
}
