import './force-color.js';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { syntheticJourney } from '../../../bench/replay.js';
import { finishedLine, formatProgress } from '../../../cli/progress.js';
import { BatchProgressView } from '../../../cli/tui/BatchProgressView.js';
import { scoreJourney } from '../../../evaluation/scorers.js';
import { plainText } from './frames.js';

const progress = { total: 40, done: 12, failed: 1, inFlight: 4, correct: 9, skipped: 0, startedAt: 1_000_000 };

describe('batch progress', () => {
  it('prints a line per finished journey above a live pane with rate, ETA and running accuracy', () => {
    const finished = [0, 2].map((index) => {
      const { patient, journey } = syntheticJourney(index);
      return finishedLine({ sample: 0, result: journey, patient, scores: scoreJourney(journey, patient) });
    });
    const view = render(<BatchProgressView progress={progress} lines={finished} batch={1} now={1_006_000} width={80} />);
    expect(view.lastFrame()).toMatchSnapshot();
    const frame = plainText(view.lastFrame());
    expect(frame).toContain('✓     0  Community-acquired pneumonia · respiratory');
    expect(frame).toContain('✗     2  Migraine without aura (true: ST-elevation myocardial infarction)');
    expect(frame).toContain('12/40');
    expect(frame).toContain('2.0/s · ETA 14 s · accuracy 75.0 %');
    expect(frame).toContain('failed 1');
    view.unmount();
  });

  it('formats the plain line for pipes and CI', () => {
    expect(formatProgress(progress, 1_006_000)).toBe('[12/40] 2.0 journeys/s · ETA 14 s · accuracy 75.0 % · failed 1 · in flight 4');
  });
});
