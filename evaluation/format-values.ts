import type { Mean, Proportion } from './statistics.js';

/** How numbers read in every report format: a dash for unscored, percentages with one decimal. */
export const pct = (value: number): string => (Number.isNaN(value) || value === null ? '—' : `${(value * 100).toFixed(1)} %`);
export const num = (value: number, digits = 1): string => (Number.isNaN(value) || value === null ? '—' : value.toFixed(digits));
export const withCi = (p: Proportion): string => (p.n === 0 ? '—' : `${pct(p.value)} [${pct(p.ci95[0])}, ${pct(p.ci95[1])}] (n=${p.n})`);
export const meanWithCi = (m: Mean, digits = 1, asPct = false): string => {
  if (m.n === 0) return '—';
  const f = (value: number): string => (asPct ? pct(value) : num(value, digits));
  return `${f(m.value)} [${f(m.ci95[0])}, ${f(m.ci95[1])}] (n=${m.n})`;
};

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A Markdown table cell: pipes and newlines cannot break the table. */
export const mdCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export const csvCell = (value: string | number | null): string => {
  const text = typeof value === 'number' ? (Number.isNaN(value) ? '' : String(value)) : (value ?? '');
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
