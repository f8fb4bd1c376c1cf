import { Metric } from '../evaluation/scorers.js';
import { render, type Instance } from 'ink';
import { createElement } from 'react';
import type { BatchProgress, ScoredJourney } from '../environment/runner.js';
import { BatchProgressView, progressFigures, type FinishedLine } from './tui/BatchProgressView.js';
import { money } from './tui/text-layout.js';

export interface ProgressPrinter {
  start(progress: BatchProgress): void;
  journey(finished: ScoredJourney, progress: BatchProgress): void;
  finish(progress: BatchProgress): void;
}

export function formatProgress(progress: BatchProgress, now = Date.now()): string {
  const { finished, rate, eta, accuracy } = progressFigures(progress, now);
  const width = String(progress.total).length;
  return `[${String(finished).padStart(width)}/${progress.total}] ${rate.toFixed(1)} journeys/s · ETA ${eta === undefined ? '—' : `${eta} s`} · accuracy ${Number.isNaN(accuracy) ? '—' : `${(accuracy * 100).toFixed(1)} %`} · failed ${progress.failed} · in flight ${progress.inFlight}`;
}

/** The log line of one finished journey: result, slot, diagnosis (and the truth when wrong), department, turns, cost. */
export function finishedLine(finished: ScoredJourney): FinishedLine {
  const { result, patient, scores } = finished;
  const correct = scores.some((score) => score.metric === Metric.top1 && score.value === 1);
  const slot = `${result.index}${finished.sample ? `.${finished.sample}` : ''}`.padStart(5);
  const turns = scores.find((score) => score.metric === Metric.turns)?.value ?? 0;
  const cost = scores.find((score) => score.metric === Metric.testCost)?.value ?? 0;
  if (result.status === 'failed') return { key: `${slot}`, mark: '!', text: `${slot}  failed: ${result.reason ?? 'unknown reason'}` };
  const diagnosis = result.report?.diagnosis ?? 'no diagnosis';
  const truth = correct ? '' : ` (true: ${patient.truth.diagnosis})`;
  return {
    key: slot,
    mark: correct ? '✓' : '✗',
    text: `${slot}  ${diagnosis}${truth} · ${result.department ?? '—'} · ${turns} turns · ${money(cost)}`,
  };
}

/**
 * Progress on stderr, so stdout keeps only the summary: on a terminal an Ink live view (a line per
 * finished journey above a pane with the counts, rate, ETA and running accuracy); on a pipe or in
 * CI a plain line every few seconds (or every 5 % of the batch); nothing with --quiet.
 */
export function createProgressPrinter(
  options: { quiet: boolean; json: boolean },
  stream: NodeJS.WriteStream = process.stderr,
): ProgressPrinter {
  if (options.quiet) return { start() {}, journey() {}, finish() {} };
  if (stream.isTTY === true && !process.env.CI) return liveProgress(stream);
  return plainProgress(stream);
}

function plainProgress(stream: NodeJS.WriteStream): ProgressPrinter {
  let lastPrint = 0;
  let lastCount = 0;
  return {
    start(progress) {
      const resumed = progress.skipped > 0 ? ` (${progress.skipped} already recorded)` : '';
      stream.write(`Running ${progress.total - progress.skipped} journeys${resumed}…\n`);
    },
    journey(_finished, progress) {
      const now = Date.now();
      const count = progress.done + progress.skipped;
      const step = Math.max(1, Math.floor(progress.total / 20));
      if (count < progress.total && count - lastCount < step && now - lastPrint < 5000) return;
      stream.write(`${formatProgress(progress, now)}\n`);
      lastCount = count;
      lastPrint = now;
    },
    finish() {},
  };
}

/** Redraws at most ten times a second however fast journeys finish. */
function liveProgress(stream: NodeJS.WriteStream): ProgressPrinter {
  let instance: Instance | undefined;
  let pending: FinishedLine[] = [];
  let batch = 0;
  let latest: BatchProgress | undefined;
  let timer: NodeJS.Timeout | undefined;
  const draw = (done = false): void => {
    if (!latest) return;
    const lines = pending;
    if (lines.length > 0) batch++;
    pending = [];
    const view = createElement(BatchProgressView, {
      progress: { ...latest },
      lines,
      batch,
      now: Date.now(),
      width: stream.columns || 80,
      done,
    });
    if (instance) instance.rerender(view);
    else instance = render(view, { stdout: stream, stdin: process.stdin, exitOnCtrlC: false, patchConsole: false });
  };
  return {
    start(progress) {
      latest = progress;
      draw();
      timer = setInterval(() => draw(), 100);
      timer.unref();
    },
    journey(finished, progress) {
      latest = progress;
      pending.push(finishedLine(finished));
    },
    finish(progress) {
      latest = progress;
      if (timer) clearInterval(timer);
      draw(true);
      instance?.unmount();
      instance = undefined;
    },
  };
}
