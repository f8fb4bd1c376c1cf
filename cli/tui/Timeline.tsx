import { Box, Text } from 'ink';
import { stages, type JourneyEvent, type Stage } from '../../domain/journey.js';
import { simTime } from './text-layout.js';

const shortLabel: Record<Stage, string> = {
  arrive: 'arrive',
  triage: 'triage',
  register: 'reg',
  consultation: 'consult',
  examination: 'exams',
  diagnosis: 'diagnosis',
  treatment: 'treat',
  'follow-up': 'follow-up',
  discharge: 'discharge',
};

export interface TimelineProps {
  events: readonly JourneyEvent[];
  /** Position of the cursor in `events`. */
  cursor: number;
  width: number;
}

/**
 * The stages of the stay in order: visited ones green with the simulated time they began, the
 * cursor's stage inverted, stages not reached (yet, or ever) dim.
 */
export function Timeline({ events, cursor, width }: TimelineProps) {
  const firstTime = new Map<Stage, number>();
  events.forEach((event, i) => {
    if (i <= cursor && !firstTime.has(event.stage)) firstTime.set(event.stage, event.t);
  });
  const current = events[cursor]?.stage;
  const wide = width >= 130;
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        {stages.map((stage, i) => {
          const at = firstTime.get(stage);
          const label = wide ? stage : shortLabel[stage];
          const time = wide && at !== undefined ? ` ${simTime(at)}` : '';
          return (
            <Text key={stage}>
              {i > 0 && <Text dimColor>{' › '.slice(wide ? 0 : 1)}</Text>}
              {stage === current ? (
                <Text inverse bold>{`${label}${time}`}</Text>
              ) : at !== undefined ? (
                <Text color="green">{`${label}${time}`}</Text>
              ) : (
                <Text dimColor>{label}</Text>
              )}
            </Text>
          );
        })}
      </Text>
    </Box>
  );
}
