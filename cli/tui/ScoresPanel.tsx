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
};

const yesNo = new Set(['top1', 'top3', 'icd10Category', 'triageDepartment', 'triageAcuity']);

/** A score as shown: ✓/✗ for pass-fail metrics, money, sim time, else the number; — when unscored. */
export function formatScore(score: Score): { text: string; color?: string } {
  if (Number.isNaN(score.value)) return { text: '—', color: 'gray' };
  if (yesNo.has(score.metric)) return score.value >= 1 ? { text: '✓', color: 'green' } : { text: '✗', color: 'red' };
  if (score.metric === 'testCost') return { text: money(score.value) };
  if (score.metric === 'timeToDiagnosis') return { text: simTime(score.value) };
  return { text: Number.isInteger(score.value) ? String(score.value) : score.value.toFixed(2) };
}

export const scoreLabel = (metric: string): string => labels[metric] ?? metric;

export interface ScoresPanelProps {
  scores: readonly Score[];
  width: number;
  height: number;
}

/** The journey's scores, in one or two columns as the width allows. */
export function ScoresPanel({ scores, width, height }: ScoresPanelProps) {
  const order = Object.keys(labels);
  const sorted = [...scores].sort((a, b) => (order.indexOf(a.metric) + 100) % 100 - (order.indexOf(b.metric) + 100) % 100);
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
