import { Box, Text } from 'ink';

export const listKeys = [
  ['↑ ↓  j k', 'move'],
  ['PgUp PgDn  g G', 'page, first, last'],
  ['enter', 'open the journey'],
  ['w', 'wrong diagnoses only (on/off)'],
  ['d', 'filter by department'],
  ['s', 'filter by scenario'],
  ['/', 'search diagnosis, scenario, case id, reason'],
  ['c', 'clear filters and search'],
] as const;

export const journeyKeys = [
  ['space', 'play / pause, event by event'],
  ['+ -', 'faster / slower'],
  ['← → ↑ ↓  j k', 'previous / next event'],
  ['g G', 'first / last event'],
  ['n p', 'next / previous journey in the list'],
  ['tab  1-4', 'conversation, diagnosis, scores, case'],
  ['e', 'jump to the turn of the next cited fact'],
  ['esc  backspace', 'back to the list'],
] as const;

export interface HelpScreenProps {
  width: number;
  height: number;
}

/** All keys of the browser; any key closes it. */
export function HelpScreen({ width, height }: HelpScreenProps) {
  const keyWidth = 18;
  const section = (title: string, keys: readonly (readonly [string, string])[]) => [
    <Text key={`h-${title}`} bold color="cyan">
      {title}
    </Text>,
    ...keys.map(([key, action]) => (
      <Text key={`${title}-${key}`} wrap="truncate-end">
        {'  '}
        <Text bold>{key.padEnd(keyWidth)}</Text>
        {action}
      </Text>
    )),
  ];
  const lines = [
    ...section('Journey list', listKeys),
    ...section('Journey', journeyKeys),
    <Text key="any" dimColor>
      {'?  this help · q  quit · any key closes'}
    </Text>,
  ];
  return (
    <Box flexDirection="column" width={width} height={Math.min(height, lines.length)}>
      {lines.slice(0, height)}
    </Box>
  );
}
