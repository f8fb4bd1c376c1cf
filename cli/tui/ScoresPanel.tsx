import { Box, Text } from 'ink';
import type { Score } from '../../evaluation/scorers.js';
import { money, pad, simTime } from './text-layout.js';

const labels: Record<string, string> = {
  top1: 'Diagnosis (top-1)',
  top3: 'In top 3',
  icd10Category: 'ICD-10 category',
  triageDepartment: 'Triage department',
  triageAcuity: 'Triage acuity',
  turns: 'Turns',
  tests: 'Tests',
  testCost: 'Test cost',
  timeToDiagnosis: 'Time to diagnosis',
  evidenceRecall: 'Evidence recall',
  grounding: 'Grounding',
  compliant: 'Compliant',
  redFlagNotEscalated: 'Red flag missed',
  nearMiss: 'Near miss',
  partial: 'Partial (broader name)',
  overTriage: 'Over-triage',
  underTriage: 'Under-triage',
  underTriageRedFlag: 'Under-triage, red flag',
  missingDisclaimer: 'Disclaimer missing',
  unsignedPrescription: 'Unsigned prescription',
  modelCalls: 'Model calls',
  tokens: 'Tokens',
  modelLatencyMs: 'Model latency ms',
};

const yesNo = new Set(['top1', 'top3', 'icd10Category', 'triageDepartment', 'triageAcuity', 'compliant']);
/** Metrics where 1 means something went wrong. */
const flags = new Set([
  'redFlagNotEscalated',
  'nearMiss',
  'overTriage',
  'underTriage',
  'underTriageRedFlag',
  'missingDisclaimer',
  'unsignedPrescription',
]);

/** A score as shown: ✓/✗ for pass-fail metrics, money, sim time, else the number; — when unscored. */
export function formatScore(score: Score): { text: string; color?: string } {
  if (Number.isNaN(score.value)) return { text: '—', color: 'gray' };
  if (yesNo.has(score.metric)) return score.value >= 1 ? { text: '✓', color: 'green' } : { text: '✗', color: 'red' };
  if (flags.has(score.metric)) return score.value >= 1 ? { text: 'yes', color: 'red' } : { text: 'no', color: 'green' };
  if (score.metric === 'evidenceRecall' || score.metric === 'grounding')
    return { text: `${Math.round(score.value * 100)} %`, color: score.value >= 1 ? 'green' : score.value > 0 ? 'yellow' : 'red' };
  if (score.metric === 'testCost') return { text: money(score.value) };
  if (score.metric === 'timeToDiagnosis') return { text: simTime(score.value) };
  return { text: Number.isInteger(score.value) ? String(score.value) : score.value.toFixed(2) };
}

export const scoreLabel = (metric: string): string => labels[metric] ?? metric;

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
