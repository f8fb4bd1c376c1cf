import { Box, Text } from 'ink';

export interface KeyBarProps {
  keys: readonly (readonly [string, string])[];
  width: number;
  /** A message shown at the right (e.g. a filter or an error). */
  note?: string;
}

/** The bottom line: the keys that matter on this screen, as many as fit. */
export function KeyBar({ keys, width, note }: KeyBarProps) {
  let used = note ? note.length + 2 : 0;
  const shown: (readonly [string, string])[] = [];
  for (const pair of keys) {
    const size = pair[0].length + pair[1].length + 3;
    if (used + size > width) break;
    used += size;
    shown.push(pair);
  }
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        {shown.map(([key, action]) => (
          <Text key={key}>
            <Text inverse>{key}</Text>
            <Text dimColor>{` ${action}  `}</Text>
          </Text>
        ))}
        {note ? <Text color="yellow">{note}</Text> : null}
      </Text>
    </Box>
  );
}
