import { Box, Text } from 'ink';
import { pad } from './text-layout.js';

export interface PickerOption {
  value: string;
  label: string;
}

export interface PickerProps {
  title: string;
  options: readonly PickerOption[];
  /** Text typed so far; options are narrowed to those containing it. */
  typed: string;
  selected: number;
  width: number;
  height: number;
}

export const narrowOptions = (options: readonly PickerOption[], typed: string): PickerOption[] =>
  options.filter((option) => option.label.toLowerCase().includes(typed.toLowerCase()));

/** A list to choose one value from, narrowed by typing (department and scenario filters). */
export function Picker({ title, options, typed, selected, width, height }: PickerProps) {
  const narrowed = narrowOptions(options, typed);
  const rows = Math.max(1, height - 2);
  const start = Math.max(0, Math.min(selected - Math.floor(rows / 2), narrowed.length - rows));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate-end">
        <Text bold color="cyan">
          {title}
        </Text>
        <Text dimColor>{'  type to narrow · enter choose · esc cancel'}</Text>
      </Text>
      <Text wrap="truncate-end">
        {'> '}
        {typed}
        <Text inverse> </Text>
      </Text>
      {narrowed.length === 0 && <Text dimColor>nothing matches</Text>}
      {narrowed.slice(start, start + rows).map((option, i) => (
        <Text key={option.value} inverse={start + i === selected} wrap="truncate-end">
          {pad(option.label, width - 1)}
        </Text>
      ))}
    </Box>
  );
}
