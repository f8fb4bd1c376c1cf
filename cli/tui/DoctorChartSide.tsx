import { Box, Text } from 'ink';
import { citableFacts } from '../../agents/human/doctor-input.js';
import type { Chart } from '../../domain/chart.js';
import { money } from './text-layout.js';

/** The chart beside the student's prompt: facts numbered for citing as evidence, tests and their cost. */
export function DoctorChartSide({ chart, width, height }: { chart: Chart; width: number; height: number }) {
  const facts = citableFacts(chart);
  const cost = chart.orders.reduce((sum, order) => sum + (order.available ? order.cost : 0), 0);
  const lines = [
    <Text
      key="h"
      bold
    >{`Chart: ${facts.length} facts · ${chart.orders.length} tests · ${money(cost)} · turn ${chart.turn + 1}/${chart.maxTurns}`}</Text>,
    ...facts.map((fact) => (
      <Text key={fact.factId} wrap="truncate-end" color={fact.present ? undefined : 'gray'}>
        {`${String(fact.number).padStart(2)} ${fact.text}`}
      </Text>
    )),
  ];
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.length > height ? [lines[0], ...lines.slice(lines.length - height + 1)] : lines}
    </Box>
  );
}
