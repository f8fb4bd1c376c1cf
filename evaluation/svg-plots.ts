import { escapeHtml } from './format-values.js';

/**
 * Small inline SVG plots for the HTML reports: no scripts, no fonts beyond the system stack, so a
 * report is one self-contained file that opens anywhere.
 */
const palette = {
  bar: '#3b6ea8',
  interval: '#1d3557',
  grid: '#e3e7ee',
  axis: '#5c6470',
  text: '#1f2933',
  point: '#c8553d',
  frontier: '#2a9d8f',
};
const fmt = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toFixed(digits) : '0');

export interface IntervalBar {
  label: string;
  value: number;
  low: number;
  high: number;
  n: number;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Horizontal bars of a proportion (0–1) per group, with the 95 % interval as a whisker. */
export function intervalBarChart(id: string, title: string, bars: readonly IntervalBar[]): string {
  const rowHeight = 24;
  const left = 190;
  const width = 720;
  const plotWidth = width - left - 60;
  const top = 36;
  const height = top + Math.max(1, bars.length) * rowHeight + 36;
  const x = (value: number): number => left + Math.max(0, Math.min(1, Number.isFinite(value) ? value : 0)) * plotWidth;
  const parts: string[] = [`<text x="${left}" y="20" class="plot-title">${escapeHtml(title)}</text>`];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${fmt(x(tick))}" y1="${top - 6}" x2="${fmt(x(tick))}" y2="${height - 30}" stroke="${palette.grid}"/>`);
    parts.push(`<text x="${fmt(x(tick))}" y="${height - 14}" text-anchor="middle" class="tick">${tick * 100} %</text>`);
  }
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    parts.push(
      `<g class="bar"><title>${escapeHtml(`${bar.label}: ${fmt(bar.value * 100, 1)} % [${fmt(bar.low * 100, 1)}, ${fmt(bar.high * 100, 1)}], n=${bar.n}`)}</title>`,
    );
    parts.push(`<text x="${left - 8}" y="${y + 15}" text-anchor="end" class="label">${escapeHtml(clip(bar.label, 26))}</text>`);
    parts.push(
      `<rect x="${left}" y="${y + 4}" width="${fmt(Math.max(1, x(bar.value) - left))}" height="${rowHeight - 8}" rx="2" fill="${palette.bar}" fill-opacity="0.8"/>`,
    );
    if (Number.isFinite(bar.low) && Number.isFinite(bar.high)) {
      const mid = y + rowHeight / 2;
      parts.push(
        `<line x1="${fmt(x(bar.low))}" y1="${mid}" x2="${fmt(x(bar.high))}" y2="${mid}" stroke="${palette.interval}" stroke-width="2"/>`,
      );
      parts.push(
        `<line x1="${fmt(x(bar.low))}" y1="${mid - 5}" x2="${fmt(x(bar.low))}" y2="${mid + 5}" stroke="${palette.interval}" stroke-width="2"/>`,
      );
      parts.push(
        `<line x1="${fmt(x(bar.high))}" y1="${mid - 5}" x2="${fmt(x(bar.high))}" y2="${mid + 5}" stroke="${palette.interval}" stroke-width="2"/>`,
      );
    }
    parts.push(`<text x="${fmt(x(bar.high) + 6)}" y="${y + 15}" class="value">n=${bar.n}</text></g>`);
  });
  return svg(id, width, height, title, parts);
}

export interface ScatterPoint {
  label: string;
  x: number;
  y: number;
  low?: number;
  high?: number;
}

/** Accuracy (0–1) against a cost; the points on the Pareto frontier joined when asked. */
export function scatterPlot(
  id: string,
  title: string,
  xLabel: string,
  points: readonly ScatterPoint[],
  frontier: readonly ScatterPoint[] = [],
): string {
  const width = 720;
  const height = 380;
  const left = 64;
  const right = 150;
  const top = 36;
  const bottom = 52;
  const step = niceStep((Math.max(1e-9, ...points.map((point) => (Number.isFinite(point.x) ? point.x : 0))) * 1.05) / 4);
  const maxX = step * 4;
  const x = (value: number): number => left + ((Number.isFinite(value) ? value : 0) / maxX) * (width - left - right);
  const y = (value: number): number => top + (1 - Math.max(0, Math.min(1, Number.isFinite(value) ? value : 0))) * (height - top - bottom);
  const parts: string[] = [`<text x="${left}" y="20" class="plot-title">${escapeHtml(title)}</text>`];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${left}" y1="${fmt(y(tick))}" x2="${width - right}" y2="${fmt(y(tick))}" stroke="${palette.grid}"/>`);
    parts.push(`<text x="${left - 8}" y="${fmt(y(tick) + 4)}" text-anchor="end" class="tick">${tick * 100} %</text>`);
  }
  for (let i = 0; i <= 4; i++) {
    const value = step * i;
    parts.push(`<line x1="${fmt(x(value))}" y1="${top}" x2="${fmt(x(value))}" y2="${height - bottom}" stroke="${palette.grid}"/>`);
    parts.push(
      `<text x="${fmt(x(value))}" y="${height - bottom + 18}" text-anchor="middle" class="tick">${fmt(value, step < 1 ? 2 : 0)}</text>`,
    );
  }
  parts.push(`<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="${palette.axis}"/>`);
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="${palette.axis}"/>`);
  parts.push(
    `<text x="${(left + width - right) / 2}" y="${height - 10}" text-anchor="middle" class="axis-label">${escapeHtml(xLabel)}</text>`,
  );
  if (frontier.length > 1) {
    const path = frontier.map((point) => `${fmt(x(point.x), 1)},${fmt(y(point.y), 1)}`).join(' ');
    parts.push(
      `<polyline points="${path}" fill="none" stroke="${palette.frontier}" stroke-width="2" stroke-dasharray="6 4" class="frontier"/>`,
    );
  }
  const labelY = spreadLabels(
    points.map((point) => y(point.y) + 4),
    13,
  );
  points.forEach((point, i) => {
    const cx = x(point.x);
    parts.push(`<g class="point"><title>${escapeHtml(`${point.label}: ${fmt(point.y * 100, 1)} % at ${fmt(point.x, 2)}`)}</title>`);
    if (point.low !== undefined && point.high !== undefined && Number.isFinite(point.low) && Number.isFinite(point.high)) {
      parts.push(
        `<line x1="${fmt(cx, 1)}" y1="${fmt(y(point.low), 1)}" x2="${fmt(cx, 1)}" y2="${fmt(y(point.high), 1)}" stroke="${palette.point}" stroke-opacity="0.5" stroke-width="2"/>`,
      );
    }
    parts.push(`<circle cx="${fmt(cx, 1)}" cy="${fmt(y(point.y), 1)}" r="5" fill="${palette.point}"/>`);
    parts.push(`<text x="${fmt(cx + 8, 1)}" y="${fmt(labelY[i], 1)}" class="point-label">${escapeHtml(clip(point.label, 22))}</text></g>`);
  });
  return svg(id, width, height, title, parts);
}

/** Counts of (true diagnosis, answer) as a heat map; the first column is the correct answers. */
export function confusionHeatmap(
  id: string,
  title: string,
  rows: readonly string[],
  columns: readonly string[],
  counts: readonly (readonly number[])[],
): string {
  const cell = 44;
  const left = 230;
  const top = 150;
  const width = Math.max(420, left + columns.length * cell + 150);
  const height = top + Math.max(1, rows.length) * cell + 20;
  const max = Math.max(1, ...counts.flat());
  const parts: string[] = [`<text x="10" y="20" class="plot-title">${escapeHtml(title)}</text>`];
  columns.forEach((column, j) => {
    const cx = left + j * cell + cell / 2;
    parts.push(`<text transform="translate(${cx + 4},${top - 8}) rotate(-45)" class="label">${escapeHtml(clip(column, 24))}</text>`);
  });
  rows.forEach((row, i) => {
    parts.push(
      `<text x="${left - 8}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end" class="label">${escapeHtml(clip(row, 30))}</text>`,
    );
    columns.forEach((column, j) => {
      const count = counts[i]?.[j] ?? 0;
      const intensity = count / max;
      const colour = j === 0 ? `rgba(42,157,143,${fmt(0.15 + 0.85 * intensity, 2)})` : `rgba(200,85,61,${fmt(0.08 + 0.92 * intensity, 2)})`;
      parts.push(
        `<g class="cell"><title>${escapeHtml(`${row} → ${column}: ${count}`)}</title><rect x="${left + j * cell}" y="${top + i * cell}" width="${cell - 2}" height="${cell - 2}" rx="3" fill="${count === 0 ? '#f4f6f9' : colour}"/>`,
      );
      if (count > 0)
        parts.push(
          `<text x="${left + j * cell + cell / 2 - 1}" y="${top + i * cell + cell / 2 + 4}" text-anchor="middle" class="${intensity > 0.55 ? 'cell-text light' : 'cell-text'}">${count}</text>`,
        );
      parts.push('</g>');
    });
  });
  return svg(id, width, height, title, parts);
}

/** 1, 2 or 5 times a power of ten, at least `raw`: tick steps people read easily. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

/** Move label baselines apart so that no two are closer than `gap`, keeping their order. */
function spreadLabels(positions: readonly number[], gap: number): number[] {
  const order = positions.map((position, i) => ({ position, i })).sort((a, b) => a.position - b.position);
  const placed = new Array<number>(positions.length);
  let last = Number.NEGATIVE_INFINITY;
  for (const { position, i } of order) {
    last = Math.max(position, last + gap);
    placed[i] = last;
  }
  return placed;
}

function svg(id: string, width: number, height: number, title: string, parts: string[]): string {
  return `<svg class="plot" data-plot="${escapeHtml(id)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`;
}
