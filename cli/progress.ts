import type { FinishedJourney } from '../environment/engine.js';
import type { BatchProgress } from '../environment/runner.js';

export interface ProgressPrinter {
  start(progress: BatchProgress): void;
  journey(finished: FinishedJourney, progress: BatchProgress): void;
  finish(progress: BatchProgress): void;
}

export function formatProgress(progress: BatchProgress, now = Date.now()): string {
  const finished = progress.done + progress.skipped;
  const seconds = Math.max(0.001, (now - progress.startedAt) / 1000);
  const rate = progress.done / seconds;
  const remaining = progress.total - finished;
  const eta = rate > 0 ? `${Math.ceil(remaining / rate)} s` : '—';
  const accuracy = progress.done > 0 ? `${((progress.correct / progress.done) * 100).toFixed(1)} %` : '—';
  const width = String(progress.total).length;
  return `[${String(finished).padStart(width)}/${progress.total}] ${rate.toFixed(1)} journeys/s · ETA ${eta} · accuracy ${accuracy} · failed ${progress.failed} · in flight ${progress.inFlight}`;
}

/**
 * Progress on stderr: one self-rewriting line on a terminal, a plain line every few seconds
 * (or every 5 % of the batch) on a pipe or in CI, nothing with --quiet.
 */
export function createProgressPrinter(options: { quiet: boolean; json: boolean }, stream: NodeJS.WriteStream = process.stderr): ProgressPrinter {
  const live = stream.isTTY === true && !process.env.CI;
  let lastPrint = 0;
  let lastCount = 0;
  const silent = options.quiet;
  return {
    start(progress) {
      if (silent) return;
      const resumed = progress.skipped > 0 ? ` (${progress.skipped} already recorded)` : '';
      stream.write(`Running ${progress.total - progress.skipped} journeys${resumed}…\n`);
    },
    journey(_finished, progress) {
      if (silent) return;
      const now = Date.now();
      const count = progress.done + progress.skipped;
      if (live) {
        if (now - lastPrint < 100 && count < progress.total) return;
        stream.write(`\r${formatProgress(progress, now)}\u001b[K`);
      } else {
        const step = Math.max(1, Math.floor(progress.total / 20));
        if (count < progress.total && count - lastCount < step && now - lastPrint < 5000) return;
        stream.write(`${formatProgress(progress, now)}\n`);
        lastCount = count;
      }
      lastPrint = now;
    },
    finish(progress) {
      if (silent) return;
      if (live) stream.write(`\r${formatProgress(progress)}\u001b[K\n`);
    },
  };
}
