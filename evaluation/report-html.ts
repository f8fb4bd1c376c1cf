import { escapeHtml, num, pct } from './format-values.js';
import type { JourneyTableRow } from './report-queries.js';
import { describeRun, groupCells, groupHeader, headlineRows } from './report-formats.js';
import type { GroupReport, RunReport } from './run-report.js';
import { confusionHeatmap, intervalBarChart, scatterPlot } from './svg-plots.js';

/** How many journeys the HTML table lists; the rest are in `hospital export`. */
export const htmlJourneyLimit = 1000;

export const htmlStyle = `
  :root { color-scheme: light; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2933; background: #f7f8fa; margin: 0; }
  main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 48px; }
  h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 32px 0 10px; border-bottom: 1px solid #dde2ea; padding-bottom: 4px; }
  .subtitle { color: #5c6470; margin: 0 0 18px; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px; margin: 14px 0; }
  .card { background: #fff; border: 1px solid #dde2ea; border-radius: 8px; padding: 10px 12px; }
  .card .k { color: #5c6470; font-size: 12px; } .card .v { font-size: 22px; font-weight: 600; } .card .ci { color: #5c6470; font-size: 12px; }
  table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #dde2ea; border-radius: 8px; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eef1f5; vertical-align: top; }
  th { background: #f0f3f7; font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: #4a5462; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  tr.wrong td.dx { color: #b23a2a; } tr.right td.dx { color: #1f7a5c; } tr.failed td { background: #fff6f4; }
  .plots { display: grid; gap: 16px; } .plot-box { background: #fff; border: 1px solid #dde2ea; border-radius: 8px; padding: 8px; overflow-x: auto; }
  svg.plot { display: block; font-family: inherit; }
  svg .plot-title { font-size: 14px; font-weight: 600; fill: #1f2933; } svg .tick, svg .value { font-size: 11px; fill: #5c6470; }
  svg .label, svg .point-label { font-size: 12px; fill: #1f2933; } svg .axis-label { font-size: 12px; fill: #4a5462; }
  svg .cell-text { font-size: 12px; fill: #1f2933; } svg .cell-text.light { fill: #fff; }
  .note { color: #5c6470; font-size: 12px; }
`;

function card(label: string, value: string, ci = ''): string {
  return `<div class="card"><div class="k">${escapeHtml(label)}</div><div class="v">${escapeHtml(value)}</div><div class="ci">${escapeHtml(ci)}</div></div>`;
}

function groupTable(title: string, groups: Record<string, GroupReport>): string {
  const cells = (values: string[]): string => values.map((value) => `<td class="num">${escapeHtml(value)}</td>`).join('');
  const rows = Object.entries(groups)
    .map(([key, g]) => `<tr><td>${escapeHtml(key)}</td><td class="num">${g.journeys}</td>${cells(groupCells(g))}</tr>`)
    .join('');
  const header = groupHeader()
    .map((label) => `<th class="num">${escapeHtml(label)}</th>`)
    .join('');
  return `<table><thead><tr><th>${escapeHtml(title)}</th>${header}</tr></thead><tbody>${rows}</tbody></table>`;
}

function journeyRows(rows: Iterable<JourneyTableRow>): string {
  const out: string[] = [];
  for (const row of rows) {
    const state = row.status === 'failed' ? 'failed' : row.correct === 1 ? 'right' : 'wrong';
    out.push(
      `<tr class="${state}"><td class="num">${row.idx}</td><td class="num">${row.sample}</td><td>${escapeHtml(row.scenario_id)}</td><td>${escapeHtml(row.true_department)}</td><td>${escapeHtml(row.department ?? '—')}</td>` +
        `<td>${escapeHtml(row.truth ?? '')}</td><td class="dx">${escapeHtml(row.diagnosis ?? (row.reason ? `— (${row.reason})` : '—'))}</td><td class="num">${row.correct === 1 ? '✓' : '✗'}</td>` +
        `<td class="num">${row.turns}</td><td class="num">${row.tests}</td><td class="num">${row.test_cost.toFixed(2)}</td></tr>`,
    );
  }
  return out.join('\n');
}

/** The run as one self-contained HTML page: inline CSS and SVG, no scripts, no external fonts. */
export function renderHtmlReport(report: RunReport, journeys: Iterable<JourneyTableRow>): string {
  const m = report.metrics;
  const departments = Object.entries(report.byDepartment).filter(([, g]) => g.accuracy.n > 0);
  const accuracyPlot = intervalBarChart(
    'accuracy-by-department',
    'Accuracy by department (95 % Wilson interval)',
    departments.map(([label, g]) => ({
      label,
      value: g.accuracy.value,
      low: g.accuracy.ci95[0],
      high: g.accuracy.ci95[1],
      n: g.accuracy.n,
    })),
  );
  const costPlot = scatterPlot(
    'accuracy-vs-cost',
    'Accuracy against test cost per case, by department',
    'mean test cost per case (USD)',
    departments.map(([label, g]) => ({ label, x: g.meanTestCost, y: g.accuracy.value, low: g.accuracy.ci95[0], high: g.accuracy.ci95[1] })),
  );
  const c = report.confusion.matrix;
  const confusionPlot =
    c.truths.length > 0
      ? confusionHeatmap('confusion', 'Most confused diagnoses (rows: truth; columns: answer given)', c.truths, c.answers, c.counts)
      : confusionHeatmap('confusion', 'No diagnosis was missed', ['(none)'], ['(correct)'], [[0]]);
  const shown = Math.min(report.journeys, htmlJourneyLimit);
  const metricRows = headlineRows(report)
    .map(([label, value]) => `<tr><td>${escapeHtml(label)}</td><td class="num">${escapeHtml(value)}</td></tr>`)
    .join('');
  const title = `Run ${report.runId}${report.name ? ` — ${report.name}` : ''}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${htmlStyle}</style></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">${escapeHtml(describeRun(report))} · ${escapeHtml(report.status)} · recorded ${escapeHtml(report.createdAt)}</p>
<section class="cards">
${card('Accuracy (top-1)', pct(m.accuracy.value), `95 % CI ${pct(m.accuracy.ci95[0])} – ${pct(m.accuracy.ci95[1])} · n=${m.accuracy.n}`)}
${card('Top-3', pct(m.top3.value), `n=${m.top3.n}`)}
${card('Evidence recall', pct(m.evidenceRecall.value), `grounding ${pct(m.grounding.value)}`)}
${card('Triage department', pct(m.triageDepartment.value), `under-triage of red flags ${pct(m.underTriageRedFlag.value)}`)}
${card('Test cost per case', `$${num(m.meanTestCost, 2)}`, `${num(m.meanTurns)} turns · ${num(m.meanTests)} tests`)}
${card('Compliant journeys', pct(m.compliant.value), `${report.completed} completed · ${report.failed} failed`)}
</section>
<h2>Plots</h2>
<div class="plots"><div class="plot-box">${accuracyPlot}</div><div class="plot-box">${costPlot}</div><div class="plot-box">${confusionPlot}</div></div>
<h2>Metrics</h2>
<table><thead><tr><th>Metric</th><th class="num">Value [95 % CI]</th></tr></thead><tbody>${metricRows}</tbody></table>
<h2>By department</h2>
${groupTable('Department', report.byDepartment)}
<h2>By scenario</h2>
${groupTable('Scenario', report.byScenario)}
<h2>Journeys</h2>
<p class="note">${shown === report.journeys ? `All ${report.journeys} journeys.` : `The first ${shown} of ${report.journeys} journeys; every journey is in "hospital export ${escapeHtml(report.runId)}".`}</p>
<table class="journeys"><thead><tr><th class="num">#</th><th class="num">Sample</th><th>Scenario</th><th>Department</th><th>Triaged to</th><th>Truth</th><th>Diagnosis given</th><th class="num">Right</th><th class="num">Turns</th><th class="num">Tests</th><th class="num">Cost</th></tr></thead>
<tbody>
${journeyRows(journeys)}
</tbody></table>
</main></body></html>
`;
}
