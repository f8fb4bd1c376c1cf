import { Box, Text } from 'ink';
import type { PatientTurnRequest } from '../../agents/human/turn-requests.js';

/** What the person playing the patient knows about themself, and the built-in patient's answer as a hint. */
export function PatientCardSide({ prompt, width, height }: { prompt: PatientTurnRequest; width: number; height: number }) {
  const lines = [
    <Text key="h" bold>{`You: ${prompt.card.age}-year-old ${prompt.card.sex}`}</Text>,
    <Text key="hint" color="green" wrap="truncate-end">{`Hint: ${prompt.suggested}`}</Text>,
    ...prompt.card.has.map((fact) => <Text key={`y${fact}`} wrap="truncate-end">{`+ ${fact}`}</Text>),
    ...prompt.card.hasNot.map((fact) => <Text key={`n${fact}`} wrap="truncate-end" dimColor>{`− no ${fact}`}</Text>),
  ];
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.slice(0, height)}
    </Box>
  );
}
