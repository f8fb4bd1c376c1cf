import { biasSettingsOf } from '../agents/biases/catalogue.js';
import type { RunRecord, RunStore } from '../environment/records/run-store.js';
import { mcnemar, pairedDifferenceInterval, proportion, type McNemarResult, type Proportion } from './statistics.js';

/**
 * Accuracy with and without a bias on the same patients: a biased run against a baseline run
 * of the same seed, scenarios and models, paired journey by journey (patient slot and sample).
 */
export interface BiasEffect {
  /** The biases and behaviours of the biased run ("anchoring", "withholding+anxious"). */
  label: string;
  runId: string;
  baselineRunId: string;
  /** Journeys present and scorable in both runs. */
  paired: number;
  baseline: Proportion;
  biased: Proportion;
  /** biased − baseline, with Newcombe's paired 95 % interval. */
  difference: { value: number; ci95: [number, number] };
  /** McNemar on the discordant pairs: right only without the bias, right only with it. */
  mcnemar: McNemarResult;
  /** Mean consultation turns and test cost per paired journey, without and with the bias. */
  turns: { baseline: number; biased: number };
  testCost: { baseline: number; biased: number };
  /** Paired journeys whose diagnosis differs between the two runs. */
  diagnosisChanged: number;
}

/** What a run's config says about biases, as one label ("none" when unbiased). */
export function biasLabel(run: RunRecord): string {
  const { doctorBiases, patientBehaviours } = biasSettingsOf(run.config);
  const names = [...doctorBiases, ...patientBehaviours.map((name) => `patient:${name}`)];
  return names.length > 0 ? names.join('+') : 'none';
}

interface SlotOutcome {
  correct: boolean;
  diagnosis: string | null;
  turns: number;
  testCost: number;
}

/** Top-1 correctness and effort per journey slot (`idx:sample`); failed journeys count as not correct. */
function outcomes(store: RunStore, runId: string): Map<string, SlotOutcome> {
  const bySlot = new Map<string, SlotOutcome>();
  for (const row of store.journeys(runId)) {
    bySlot.set(`${row.idx}:${row.sample}`, {
      correct: row.correct === 1,
      diagnosis: row.diagnosis,
      turns: row.turns,
      testCost: row.test_cost,
    });
  }
  return bySlot;
}

/** The paired comparison of a biased run with its baseline (see BiasEffect). */
export function biasEffect(store: RunStore, baseline: RunRecord, biased: RunRecord): BiasEffect {
  const a = outcomes(store, baseline.id);
  const b = outcomes(store, biased.id);
  let both = 0;
  let onlyBaseline = 0;
  let onlyBiased = 0;
  let neither = 0;
  let diagnosisChanged = 0;
  const sums = { turnsA: 0, turnsB: 0, costA: 0, costB: 0 };
  for (const [slot, withoutBias] of a) {
    const withBias = b.get(slot);
    if (withBias === undefined) continue;
    sums.turnsA += withoutBias.turns;
    sums.turnsB += withBias.turns;
    sums.costA += withoutBias.testCost;
    sums.costB += withBias.testCost;
    if (withoutBias.diagnosis !== withBias.diagnosis) diagnosisChanged++;
    const right = withoutBias.correct;
    const other = withBias.correct;
    if (right && other) both++;
    else if (right) onlyBaseline++;
    else if (other) onlyBiased++;
    else neither++;
  }
  const n = both + onlyBaseline + onlyBiased + neither;
  const baselineRate = proportion(both + onlyBaseline, n);
  const biasedRate = proportion(both + onlyBiased, n);
  return {
    label: biasLabel(biased),
    runId: biased.id,
    baselineRunId: baseline.id,
    paired: n,
    baseline: baselineRate,
    biased: biasedRate,
    difference: {
      value: n > 0 ? biasedRate.value - baselineRate.value : Number.NaN,
      ci95: pairedDifferenceInterval(both, onlyBaseline, onlyBiased, neither),
    },
    mcnemar: mcnemar(onlyBaseline, onlyBiased),
    turns: { baseline: sums.turnsA / n, biased: sums.turnsB / n },
    testCost: { baseline: sums.costA / n, biased: sums.costB / n },
    diagnosisChanged,
  };
}

/** Two runs draw the same patients and differ at most in their biases. */
function sameSetting(a: RunRecord, b: RunRecord): boolean {
  const strip = (run: RunRecord): string => {
    const { name: _name, doctorBiases: _d, patientBehaviours: _p, replayOf: _r, concurrency: _c, ...rest } = run.config;
    return JSON.stringify(rest, Object.keys(rest).sort());
  };
  return a.seed === b.seed && a.scenarioHash === b.scenarioHash && strip(a) === strip(b);
}

/**
 * The newest completed run without biases on the same patients, settings and models as `run`
 * (what `hospital report` pairs a biased run with); undefined when there is none.
 */
export function findBaselineRun(store: RunStore, run: RunRecord): RunRecord | undefined {
  return store
    .listRuns()
    .filter((other) => other.id !== run.id && other.status === 'completed' && biasLabel(other) === 'none' && sameSetting(other, run))
    .sort((x, y) => (x.createdAt < y.createdAt ? 1 : -1))[0];
}

/** The report section for a biased run: its effect against the baseline found, or why there is none. */
export function biasSection(
  store: RunStore,
  run: RunRecord,
): BiasEffect | { label: string; baseline: undefined; note: string } | undefined {
  const label = biasLabel(run);
  if (label === 'none') return undefined;
  const baseline = findBaselineRun(store, run);
  if (!baseline)
    return {
      label,
      baseline: undefined,
      note: `no unbiased run with the same seed, scenarios and models to compare with; run one (same flags without --doctor-bias/--patient-bias) or use \`hospital biases\``,
    };
  return biasEffect(store, baseline, run);
}

const percent = (value: number): string => (Number.isNaN(value) ? '—' : `${(value * 100).toFixed(1)} %`);
const interval = ([low, high]: [number, number]): string => `[${percent(low)}, ${percent(high)}]`;
const signed = (value: number): string => (Number.isNaN(value) ? '—' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} pts`);

/** A plain-text table: one row per bias, accuracy with its interval, and the paired difference. */
export function renderBiasEffects(effects: readonly BiasEffect[]): string {
  if (effects.length === 0) return 'No biased runs to compare.\n';
  const [first] = effects;
  const header = [
    'bias',
    'n',
    'accuracy (95 % CI)',
    'difference vs none (95 % CI)',
    'McNemar p',
    'diagnosis changed',
    'turns',
    'test cost',
  ];
  const rows = [
    [
      'none (baseline)',
      String(first.paired),
      `${percent(first.baseline.value)} ${interval(first.baseline.ci95)}`,
      '',
      '',
      '',
      first.turns.baseline.toFixed(1),
      `$${first.testCost.baseline.toFixed(0)}`,
    ],
    ...effects.map((effect) => [
      effect.label,
      String(effect.paired),
      `${percent(effect.biased.value)} ${interval(effect.biased.ci95)}`,
      `${signed(effect.difference.value)} ${interval(effect.difference.ci95).replace(/ %/g, '')}`,
      Number.isNaN(effect.mcnemar.pValue) ? '—' : effect.mcnemar.pValue.toFixed(3),
      String(effect.diagnosisChanged),
      effect.turns.biased.toFixed(1),
      `$${effect.testCost.biased.toFixed(0)}`,
    ]),
  ];
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n') + '\n';
}
