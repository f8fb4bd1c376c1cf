import { Box, Text } from 'ink';
import type { JourneyEvent } from '../../domain/journey.js';
import { transcriptLines } from './event-lines.js';
import { pad } from './text-layout.js';

export interface ConversationProps {
  /** The events shown so far (playback hides the rest). */
  events: readonly JourneyEvent[];
  /** The event under the cursor, highlighted and kept in view. */
  cursorSeq: number;
  /** Events that revealed a fact the diagnosis cites. */
  citedSeqs: ReadonlySet<number>;
  width: number;
  height: number;
}

/** The journey as turns: time, speaker, text; the cursor's event highlighted, cited reveals marked ◆. */
export function Conversation({ events, cursorSeq, citedSeqs, width, height }: ConversationProps) {
  const lines = transcriptLines(events, width - 1);
  let last = lines.findLastIndex((line) => line.seq === cursorSeq);
  if (last < 0) last = lines.length - 1;
  const end = Math.max(Math.min(lines.length, last + 1), Math.min(lines.length, height));
  const start = Math.max(0, end - height);
  const shown = lines.slice(start, end);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.length === 0 && <Text dimColor>Nothing yet — press space to play.</Text>}
      {shown.map((line, i) => {
        const current = line.seq === cursorSeq;
        const mark = citedSeqs.has(line.seq) && line.head ? '◆' : ' ';
        return (
          <Text key={`${start + i}`} wrap="truncate-end">
            <Text color={current ? 'white' : 'gray'} bold={current}>
              {current && line.head ? '›' : ' '}
            </Text>
            <Text color="green">{mark}</Text>
            <Text dimColor>{line.head ? pad(`#${line.seq}`, 4) : '    '}</Text>
            <Text dimColor>{line.head ? pad(line.time, 10) : ' '.repeat(10)}</Text>
            <Text color={line.color} bold={current}>
              {line.head ? pad(line.speaker, 10) : ' '.repeat(10)}
            </Text>
            <Text bold={current}>{line.text}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
