import type { Comparison, PairedMean, PairedProportion } from './compare.js';
import { num, pct } from './format-values.js';
import { asPercent, digitsOf, reportKey } from './metric-registry.js';
import { metricsIn } from './scorers.js';

const points = (value: number): string =>
  Number.isNaN(value) || value === null ? '—' : `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} pts`;
const pValue = (p: number): string => (p >= 0.001 ? p.toFixed(p >= 0.1 ? 2 : 3) : p.toExponential(1));
const signed = (value: number, digits: number): string =>
  Number.isNaN(value) || value === null ? '—' : `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;

function proportionRow(label: string, p: PairedProportion): string[] {
  const test = `p = ${pValue(p.mcnemar.pValue)} (${p.mcnemar.method}; ${p.mcnemar.onlyA} right only in A, ${p.mcnemar.onlyB} only in B)`;
  return [label, pct(p.a.value), pct(p.b.value), `${points(p.difference)} [${points(p.ci95[0])}, ${points(p.ci95[1])}]`, test];
}

function meanRow(label: string, m: PairedMean, digits: number, asPct = false): string[] {
  const f = (value: number): string => (asPct ? pct(value) : num(value, digits));
  const d = m.difference;
  const diff = asPct
    ? `${points(d.value)} [${points(d.ci95[0])}, ${points(d.ci95[1])}]`
    : `${signed(d.value, digits)} [${signed(d.ci95[0], digits)}, ${signed(d.ci95[1], digits)}]`;
  return [label, f(m.a), f(m.b), diff, `paired bootstrap, n=${d.n}`];
}

/** The comparison as a text table (the default of `hospital compare`). */
export function renderComparison(c: Comparison): string {
  const label = (s: Comparison['runA']): string => `${s.runId}${s.name ? ` (${s.name})` : ''}`;
  const lines = [
    `A: ${label(c.runA)}`,
    `B: ${label(c.runB)}`,
    `Paired on ${c.paired} journeys of the same patients (scenario set ${c.scenarioHash.slice(0, 12)}, seed ${c.seed}).`,
  ];
  const differences = Object.entries(c.configDifferences);
  lines.push(
    differences.length > 0
      ? `Differences: ${differences.map(([key, [a, b]]) => `${key} ${JSON.stringify(a)} → ${JSON.stringify(b)}`).join('; ')}`
      : 'The two runs have the same configuration.',
  );
  lines.push('');
  const compared = metricsIn('compare');
  const rows = [
    ['Metric', 'A', 'B', 'B − A [95 % CI]', 'Test'],
    ...compared.flatMap((metric) => (metric.kind === 'rate' ? [proportionRow(metric.label, c.metrics[reportKey(metric)])] : [])),
    ...compared.flatMap((metric) =>
      metric.kind === 'rate' ? [] : [meanRow(metric.label, c.means[metric.name], digitsOf(metric), asPercent(metric))],
    ),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    lines.push(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
  if (c.perPatient) {
    const p = c.perPatient;
    lines.push(
      '',
      `Per patient (${p.patients}): accuracy ${points(p.difference.value)} [${points(p.difference.ci95[0])}, ${points(p.difference.ci95[1])}]; B better for ${p.better}, worse for ${p.worse}; sign test p = ${pValue(p.signTestP)}`,
    );
  }
  const departments = Object.entries(c.byDepartment).filter(([, d]) => d.difference !== 0);
  if (departments.length > 0) {
    lines.push('', 'Departments where accuracy differs:');
    for (const [key, d] of departments)
      lines.push(`  ${key.padEnd(24)} ${pct(d.a).padStart(8)} → ${pct(d.b).padStart(8)}  (${points(d.difference)}, n=${d.paired})`);
  }
  for (const note of c.notes) lines.push('', `Note: ${note}`);
  return lines.join('\n') + '\n';
}
