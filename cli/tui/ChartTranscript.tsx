import { Box, Text } from 'ink';
import type { ConversationTurn } from '../../domain/chart.js';
import { pad, wrapText } from './text-layout.js';

const roleStyle: Record<ConversationTurn['role'], { label: string; color: string }> = {
  doctor: { label: 'Doctor', color: 'cyan' },
  patient: { label: 'Patient', color: 'yellow' },
  examiner: { label: 'Examiner', color: 'blue' },
  nurse: { label: 'Nurse', color: 'magenta' },
};

export interface ChartTranscriptProps {
  turns: readonly ConversationTurn[];
  width: number;
  height: number;
}

/** The conversation as the doctor's chart holds it, newest at the bottom, cut to the pane. */
export function ChartTranscript({ turns, width, height }: ChartTranscriptProps) {
  const lines = turns.flatMap((turn, i) =>
    wrapText(turn.text, width - 10).map((text, j) => ({ key: `${i}.${j}`, head: j === 0, role: turn.role, text })),
  );
  const shown = lines.slice(Math.max(0, lines.length - height));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((line) => (
        <Text key={line.key} wrap="truncate-end">
          <Text color={roleStyle[line.role].color}>{pad(line.head ? roleStyle[line.role].label : '', 10)}</Text>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
