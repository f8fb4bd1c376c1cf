import { Box, Static, Text } from 'ink';
import type { BatchProgress } from '../../environment/runner.js';
import { percent, probabilityBar } from './text-layout.js';

/** One finished journey as its line in the batch log. */
export interface FinishedLine {
  key: string;
  mark: '✓' | '✗' | '!';
  text: string;
}

export interface BatchProgressViewProps {
  progress: BatchProgress;
  /** Lines not printed yet; printed once above the live pane and then forgotten. */
  lines: readonly FinishedLine[];
  /** Changes with every new set of lines, so a long batch never holds its whole log. */
  batch?: number;
  /** Milliseconds since the epoch "now", passed in so frames are reproducible in tests. */
  now: number;
  width: number;
  done?: boolean;
}

export function progressFigures(progress: BatchProgress, now: number) {
  const finished = progress.done + progress.skipped;
  const seconds = Math.max(0.001, (now - progress.startedAt) / 1000);
  const rate = progress.done / seconds;
  const remaining = progress.total - finished;
  const eta = rate > 0 ? Math.ceil(remaining / rate) : undefined;
  return { finished, seconds, rate, eta, accuracy: progress.done > 0 ? progress.correct / progress.done : Number.NaN };
}

const clock = (seconds: number): string =>
  seconds >= 3600
    ? `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`
    : seconds >= 60
      ? `${Math.floor(seconds / 60)} min ${seconds % 60} s`
      : `${seconds} s`;

/** Finished journeys scroll by above (Static); a small live pane shows the batch so far. */
export function BatchProgressView({ progress, lines, batch = 0, now, width, done }: BatchProgressViewProps) {
  const figures = progressFigures(progress, now);
  const barWidth = Math.max(10, Math.min(40, width - 50));
  const share = progress.total > 0 ? figures.finished / progress.total : 1;
  return (
    <Box flexDirection="column">
      <Static key={batch} items={[...lines]}>
        {(line) => (
          <Text key={line.key} wrap="truncate-end">
            <Text color={line.mark === '✓' ? 'green' : 'red'}>{line.mark}</Text> {line.text}
          </Text>
        )}
      </Static>
      <Text wrap="truncate-end">
        <Text color="cyan">{probabilityBar(share, barWidth)}</Text>
        <Text bold>{` ${figures.finished}/${progress.total}`}</Text>
        <Text dimColor>{` ${percent(share)}${progress.skipped > 0 ? ` (${progress.skipped} recorded before)` : ''}`}</Text>
      </Text>
      <Text wrap="truncate-end">
        {`${done ? 'Done' : 'Running'} · `}
        <Text color="green">{`done ${progress.done}`}</Text>
        {' · '}
        <Text color={progress.failed > 0 ? 'red' : undefined}>{`failed ${progress.failed}`}</Text>
        {` · in flight ${progress.inFlight} · ${figures.rate.toFixed(1)}/s · ${done ? `took ${clock(Math.round(figures.seconds))}` : `ETA ${figures.eta === undefined ? '—' : clock(figures.eta)}`} · accuracy `}
        <Text bold>{percent(figures.accuracy, 1)}</Text>
      </Text>
    </Box>
  );
}
