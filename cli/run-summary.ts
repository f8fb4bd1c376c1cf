import type { BatchOutcome } from '../environment/runner.js';
import type { RunReport } from '../evaluation/run-report.js';

const pct = (value: number): string => (Number.isNaN(value) ? '—' : `${(value * 100).toFixed(1)} %`);

/** The closing summary of `hospital run`: on stdout, as text or JSON. */
export function printRunSummary(report: RunReport, outcome: BatchOutcome, json: boolean): void {
  const seconds = (Date.now() - outcome.progress.startedAt) / 1000;
  const rate = outcome.progress.done / Math.max(seconds, 0.001);
  const m = report.metrics;
  if (json) {
    process.stdout.write(
      JSON.stringify(
        {
          runId: report.runId,
          status: outcome.status,
          journeys: report.journeys,
          completed: report.completed,
          failed: report.failed,
          ranThisTime: outcome.progress.done,
          seconds: Number(seconds.toFixed(3)),
          journeysPerSecond: Number(rate.toFixed(2)),
          accuracy: { value: m.accuracy.value, ci95: m.accuracy.ci95 },
          top3: m.top3.value,
          triageDepartment: m.triageDepartment.value,
        },
        null,
        2,
      ) + '\n',
    );
    return;
  }
  const lines = [
    `Run ${report.runId} ${outcome.status}: ${report.journeys} journeys (${report.completed} completed, ${report.failed} failed); ${outcome.progress.done} ran now in ${seconds.toFixed(1)} s (${rate.toFixed(1)}/s).`,
    `Accuracy ${pct(m.accuracy.value)} [95 % CI ${pct(m.accuracy.ci95[0])}–${pct(m.accuracy.ci95[1])}] · top-3 ${pct(m.top3.value)} · triage department ${pct(m.triageDepartment.value)} · mean turns ${m.meanTurns.toFixed(1)} · mean test cost $${m.meanTestCost.toFixed(2)}`,
  ];
  if (report.failed > 0)
    lines.push(
      `Failed journeys: ${Object.entries(report.failureReasons)
        .map(([reason, n]) => `${n} × ${reason}`)
        .join('; ')} — retry them with: hospital run --resume ${report.runId}`,
    );
  if (outcome.status === 'interrupted') lines.push(`Interrupted. Finish it with: hospital run --resume ${report.runId}`);
  lines.push(`Run id: ${report.runId}  (hospital report ${report.runId} · hospital export ${report.runId})`);
  process.stdout.write(lines.join('\n') + '\n');
}
