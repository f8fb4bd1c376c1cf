import { Box, Text } from 'ink';
import { verdictOf } from '../../evaluation/metric-registry.js';
import { Metric, metricNamed, type Score } from '../../evaluation/scorers.js';
import { money, pad, simTime } from './text-layout.js';

const labels: Record<string, string> = {
  [Metric.top1]: 'Diagnosis (top-1)',
  [Metric.top3]: 'In top 3',
  [Metric.icd10Category]: 'ICD-10 category',
  [Metric.triageDepartment]: 'Triage department',
  [Metric.triageAcuity]: 'Triage acuity',
  [Metric.turns]: 'Turns',
  [Metric.tests]: 'Tests',
  [Metric.testCost]: 'Test cost',
  [Metric.timeToDiagnosis]: 'Time to diagnosis',
  [Metric.evidenceRecall]: 'Evidence recall',
  [Metric.grounding]: 'Grounding',
  [Metric.compliant]: 'Compliant',
  [Metric.redFlagNotEscalated]: 'Red flag missed',
  [Metric.nearMiss]: 'Near miss',
  [Metric.partial]: 'Partial (broader name)',
  [Metric.overTriage]: 'Over-triage',
  [Metric.underTriage]: 'Under-triage',
  [Metric.underTriageRedFlag]: 'Under-triage, red flag',
  [Metric.missingDisclaimer]: 'Disclaimer missing',
  [Metric.unsignedPrescription]: 'Unsigned prescription',
  [Metric.modelCalls]: 'Model calls',
  [Metric.tokens]: 'Tokens',
  [Metric.modelLatencyMs]: 'Model latency ms',
};

/** A score as shown: ✓/✗ for pass-fail metrics, yes/no for flags, money, sim time, else the number; — when unscored. */
export function formatScore(score: Score): { text: string; color?: string } {
  if (Number.isNaN(score.value)) return { text: '—', color: 'gray' };
  const metric = metricNamed(score.metric);
  const verdict = verdictOf(metric, score);
  if (verdict && metric?.higherIsBetter) return verdict === 'pass' ? { text: '✓', color: 'green' } : { text: '✗', color: 'red' };
  if (verdict) return verdict === 'fail' ? { text: 'yes', color: 'red' } : { text: 'no', color: 'green' };
  if (metric?.kind === 'mean' && metric.percent)
    return { text: `${Math.round(score.value * 100)} %`, color: score.value >= 1 ? 'green' : score.value > 0 ? 'yellow' : 'red' };
  if (metric?.kind === 'cost') return { text: money(score.value) };
  if (metric?.kind === 'minutes') return { text: simTime(score.value) };
  return { text: Number.isInteger(score.value) ? String(score.value) : score.value.toFixed(2) };
}

export const scoreLabel = (metric: string): string => labels[metric] ?? metricNamed(metric)?.label ?? metric;

/** Scores in a fixed, readable order: diagnosis, triage, efficiency, explanation, safety, usage. */
export function orderedScores(scores: readonly Score[]): Score[] {
  const order = Object.keys(labels);
  const rank = (metric: string): number => (order.includes(metric) ? order.indexOf(metric) : order.length);
  return [...scores].sort((a, b) => rank(a.metric) - rank(b.metric) || a.metric.localeCompare(b.metric));
}

export interface ScoresPanelProps {
  scores: readonly Score[];
  width: number;
  height: number;
}

/** The journey's scores, in one or two columns as the width allows. */
export function ScoresPanel({ scores, width, height }: ScoresPanelProps) {
  const sorted = orderedScores(scores);
  const columns = width >= 70 && sorted.length > height ? 2 : 1;
  const cellWidth = Math.floor(width / columns);
  const rows = Math.ceil(sorted.length / columns);
  return (
    <Box flexDirection="column" width={width} height={Math.min(height, Math.max(1, rows))}>
      {sorted.length === 0 && <Text dimColor>No scores recorded.</Text>}
      {Array.from({ length: Math.min(rows, height) }, (_, row) => (
        <Text key={row} wrap="truncate-end">
          {Array.from({ length: columns }, (_, column) => {
            const score = sorted[row + column * rows];
            if (!score) return null;
            const shown = formatScore(score);
            return (
              <Text key={column}>
                {pad(scoreLabel(score.metric), cellWidth - 10)}
                <Text color={shown.color}>{pad(shown.text, 9)}</Text>{' '}
              </Text>
            );
          })}
        </Text>
      ))}
    </Box>
  );
}
