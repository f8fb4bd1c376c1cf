import type { CurvePoint, TrainingOutcome } from '../agents/experience/profile-format.js';
import { ProfileStore } from '../environment/records/profiles.js';
import { escapeHtml } from './format-values.js';
import { wilsonInterval } from './statistics.js';

/** A profile's learning curve: held-out accuracy as training went on, and accuracy per training window. */
export interface LearningCurve {
  profile: string;
  window: number;
  heldOut: { trained: number; patients: number; accuracy: number; top3: number; low: number; high: number }[];
  training: { from: number; to: number; patients: number; accuracy: number }[];
}

export function learningCurveOf(profiles: ProfileStore, name: string): LearningCurve {
  const profile = profiles.get(name);
  return buildLearningCurve(name, profile.config.window, profiles.curve(name), profiles.trainingOutcomes(name));
}

export function buildLearningCurve(
  profile: string,
  window: number,
  points: readonly CurvePoint[],
  outcomes: readonly TrainingOutcome[],
): LearningCurve {
  const heldOut = points.map((point) => {
    const [low, high] = point.patients > 0 ? wilsonInterval(point.correct, point.patients) : [Number.NaN, Number.NaN];
    return {
      trained: point.trained,
      patients: point.patients,
      accuracy: point.patients > 0 ? point.correct / point.patients : Number.NaN,
      top3: point.patients > 0 ? point.top3 / point.patients : Number.NaN,
      low,
      high,
    };
  });
  const training: LearningCurve['training'] = [];
  for (let from = 0; from < outcomes.length; from += window) {
    const slice = outcomes.slice(from, from + window);
    training.push({
      from,
      to: from + slice.length,
      patients: slice.length,
      accuracy: slice.filter((outcome) => outcome.correct).length / slice.length,
    });
  }
  return { profile, window, heldOut, training };
}

const blocks = '▁▂▃▄▅▆▇█';

/** Values in [0, 1] as a row of block characters (NaN as a space). */
export function sparkline(values: readonly number[]): string {
  return values.map((value) => (Number.isFinite(value) ? blocks[Math.min(7, Math.max(0, Math.round(value * 7)))] : ' ')).join('');
}

const percent = (value: number): string => (Number.isFinite(value) ? `${(value * 100).toFixed(1)} %` : '—');

/** The curve as text for the terminal: sparklines, then the held-out points with their 95 % intervals. */
export function learningCurveText(curve: LearningCurve): string {
  const lines: string[] = [];
  const first = curve.heldOut[0];
  const last = curve.heldOut.at(-1);
  lines.push(
    `Learning curve of profile ${curve.profile} (held-out top-1, ${first?.patients ?? 0} patients, every ${curve.window} training patients)`,
  );
  if (!first || !last) return `${lines[0]}\n  no held-out evaluation yet\n`;
  lines.push(
    `  held-out  ${sparkline(curve.heldOut.map((point) => point.accuracy))}  ${percent(first.accuracy)} → ${percent(last.accuracy)} (${signedPoints(last.accuracy - first.accuracy)})`,
  );
  if (curve.training.length > 0) {
    lines.push(
      `  training  ${sparkline(curve.training.map((window) => window.accuracy))}  per window of ${curve.window}: ${percent(curve.training[0].accuracy)} → ${percent(curve.training.at(-1)!.accuracy)}`,
    );
  }
  lines.push('  trained   held-out top-1 [95 % CI]      top-3');
  for (const point of curve.heldOut) {
    lines.push(
      `  ${String(point.trained).padStart(7)}   ${percent(point.accuracy).padStart(7)} [${percent(point.low)}, ${percent(point.high)}]`.padEnd(
        40,
      ) + `${percent(point.top3).padStart(7)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const signedPoints = (delta: number): string => `${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)} points`;

/** The curve as an inline SVG for the HTML report: held-out accuracy with its interval band, training windows dashed. */
export function learningCurveSvg(curve: LearningCurve, id = 'learning-curve'): string {
  const width = 720;
  const height = 300;
  const left = 56;
  const right = 20;
  const top = 36;
  const bottom = 44;
  const maxX = Math.max(1, ...curve.heldOut.map((point) => point.trained), ...curve.training.map((window) => window.to));
  const x = (trained: number): number => left + (trained / maxX) * (width - left - right);
  const y = (value: number): number => top + (1 - Math.max(0, Math.min(1, value))) * (height - top - bottom);
  const f = (value: number): string => value.toFixed(1);
  const parts: string[] = [`<text x="${left}" y="20" class="plot-title">${escapeHtml(`Learning curve: ${curve.profile}`)}</text>`];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${left}" y1="${f(y(tick))}" x2="${width - right}" y2="${f(y(tick))}" stroke="#e3e7ee"/>`);
    parts.push(`<text x="${left - 6}" y="${f(y(tick) + 4)}" text-anchor="end" class="tick">${tick * 100} %</text>`);
  }
  for (const trained of [0, maxX / 2, maxX]) {
    parts.push(`<text x="${f(x(trained))}" y="${height - bottom + 16}" text-anchor="middle" class="tick">${Math.round(trained)}</text>`);
  }
  parts.push(`<text x="${f((left + width - right) / 2)}" y="${height - 8}" text-anchor="middle" class="label">training patients</text>`);
  const valid = curve.heldOut.filter((point) => Number.isFinite(point.accuracy));
  if (valid.length > 0) {
    const band = [
      ...valid.map((point) => `${f(x(point.trained))},${f(y(point.high))}`),
      ...[...valid].reverse().map((point) => `${f(x(point.trained))},${f(y(point.low))}`),
    ];
    parts.push(`<polygon points="${band.join(' ')}" fill="#3b6ea8" fill-opacity="0.15"/>`);
    parts.push(
      `<polyline points="${valid.map((point) => `${f(x(point.trained))},${f(y(point.accuracy))}`).join(' ')}" fill="none" stroke="#3b6ea8" stroke-width="2"/>`,
    );
    for (const point of valid) {
      parts.push(
        `<circle cx="${f(x(point.trained))}" cy="${f(y(point.accuracy))}" r="3" fill="#1d3557"><title>${escapeHtml(`${point.trained} trained: ${percent(point.accuracy)} [${percent(point.low)}, ${percent(point.high)}], n=${point.patients}`)}</title></circle>`,
      );
    }
  }
  if (curve.training.length > 0) {
    const points = curve.training.map((window) => `${f(x(window.to))},${f(y(window.accuracy))}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="#c8553d" stroke-width="1.5" stroke-dasharray="4 3"/>`);
  }
  parts.push(`<text x="${width - right}" y="20" text-anchor="end" class="label">— held-out top-1 (95 % CI)   - - training window</text>`);
  return `<svg id="${escapeHtml(id)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`Learning curve: ${curve.profile}`)}">${parts.join('')}</svg>`;
}

/**
 * What `hospital report` shows for a run tied to a profile: its training run's learning curve,
 * or, for a run that used a frozen profile, which profile and version. Undefined otherwise.
 */
export function learningSectionForRun(
  profiles: ProfileStore,
  config: Record<string, unknown>,
): { text: string; svg?: string; curve?: LearningCurve } | undefined {
  if (!ProfileStore.available(profiles.db)) return undefined;
  const training = config.training as { profile?: string } | undefined;
  if (training?.profile && profiles.find(training.profile)) {
    const curve = learningCurveOf(profiles, training.profile);
    return { text: learningCurveText(curve), svg: learningCurveSvg(curve), curve };
  }
  const frozen = config.profile as { name?: string; version?: number; digest?: string } | undefined;
  if (frozen?.name) {
    const text = `Doctor profile: ${frozen.name} version ${frozen.version ?? '?'} (frozen copy ${String(frozen.digest ?? '').slice(0, 12)})\n`;
    if (!profiles.find(frozen.name)) return { text };
    const curve = learningCurveOf(profiles, frozen.name);
    return { text: text + learningCurveText(curve), svg: learningCurveSvg(curve), curve };
  }
  return undefined;
}
