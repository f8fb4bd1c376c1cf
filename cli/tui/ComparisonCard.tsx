import { Metric } from '../../evaluation/scorers.js';
import { Box, Text } from 'ink';
import type { JourneyScore } from '../../environment/demo-session.js';
import { formatScore, scoreLabel } from './ScoresPanel.js';
import { pad } from './text-layout.js';

export interface ComparisonCardProps {
  personLabel: string;
  /** Who the comparison journey had in the person's role. */
  builtinLabel: string;
  person: JourneyScore;
  builtin: JourneyScore;
  truth: string;
  width: number;
}

/** The metrics a person's journey is compared on, beside the built-in doctor's. */
export const comparedMetrics = [
  Metric.top1,
  Metric.top3,
  Metric.triageDepartment,
  Metric.turns,
  Metric.tests,
  Metric.testCost,
  Metric.timeToDiagnosis,
];

/** The person's journey and the built-in agents' journey on the same patient, side by side. */
export function ComparisonCard({ personLabel, builtinLabel, person, builtin, truth, width }: ComparisonCardProps) {
  const column = Math.max(16, Math.floor((width - 22) / 2));
  const cell = (score: JourneyScore, metric: string) => {
    const found = score.scores.find((candidate) => candidate.metric === metric);
    const value = found ? formatScore(found) : { text: '—', color: 'gray' };
    return <Text color={value.color}>{pad(value.text, column)}</Text>;
  };
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{`True diagnosis: ${truth}`}</Text>
      <Text bold>
        {pad('', 22)}
        {pad(personLabel, column)}
        {pad(builtinLabel, column)}
      </Text>
      <Text wrap="truncate-end">
        {pad('Diagnosis', 22)}
        {pad(person.result.report?.diagnosis ?? `none (${person.result.reason ?? 'no diagnosis'})`, column)}
        {pad(builtin.result.report?.diagnosis ?? `none (${builtin.result.reason ?? 'no diagnosis'})`, column)}
      </Text>
      {comparedMetrics.map((metric) => (
        <Text key={metric} wrap="truncate-end">
          {pad(scoreLabel(metric), 22)}
          {cell(person, metric)}
          {cell(builtin, metric)}
        </Text>
      ))}
    </Box>
  );
}
