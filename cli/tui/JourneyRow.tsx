import { Text } from 'ink';
import type { JourneyListItem } from '../../environment/records/journey-query.js';
import type { ColumnLayout } from './list-columns.js';

/** One journey in the list: ✓ correct, ✗ wrong, ! failed; inverted when selected. */
export function JourneyRow({ item, selected, format }: { item: JourneyListItem; selected: boolean; format: ColumnLayout['format'] }) {
  const row = format(item);
  return (
    <Text inverse={selected} wrap="truncate-end">
      <Text color={row.color}>{`${row.mark} `}</Text>
      {row.text}
    </Text>
  );
}
