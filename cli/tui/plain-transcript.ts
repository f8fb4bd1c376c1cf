import type { JourneyDetail, JourneyListItem } from '../../environment/records/journey-query.js';
import type { RunRecord } from '../../environment/records/run-store.js';
import { stages } from '../../domain/journey.js';
import { actorStyle, eventText } from './event-lines.js';
import { formatScore, orderedScores, scoreLabel } from './ScoresPanel.js';
import { money, pad, padLeft, percent, simTime, wrapText } from './text-layout.js';

/** Plain text for pipes, files and teaching notes: no colour, no cursor movement, lines ≤ `width`. */

const rule = (width: number): string => '─'.repeat(Math.min(width, 80));

export function journeyTranscript(detail: JourneyDetail, run: RunRecord, width = 80): string {
  const { item, report } = detail;
  const out: string[] = [];
  const verdict =
    item.status === 'failed' ? `FAILED: ${item.reason ?? ''}` : item.correct === 1 ? 'correct' : item.correct === 0 ? 'wrong' : 'unscored';
  out.push(
    ...wrapText(
      `Journey ${item.idx}${item.sample ? `.${item.sample}` : ''} of run ${run.id}${run.name ? ` (${run.name})` : ''} · case ${item.caseId} · scenario ${item.scenarioId}`,
      width,
    ),
  );
  out.push(
    ...wrapText(
      `Department ${item.department ?? '—'} (expected ${item.trueDepartment}) · ${item.turns} turns · ${item.tests} tests · ${money(item.testCost)} · ${verdict}`,
      width,
    ),
  );
  out.push(rule(width));
  const started = new Map<string, number>();
  for (const event of detail.events) if (!started.has(event.stage)) started.set(event.stage, event.t);
  out.push(
    ...wrapText(
      `Timeline: ${stages.map((stage) => (started.has(stage) ? `${stage} ${simTime(started.get(stage) ?? 0)}` : `(${stage})`)).join(' › ')}`,
      width,
    ),
  );
  out.push(rule(width));
  const gutter = 26;
  for (const event of detail.events) {
    const speaker = event.type === 'error' ? 'ERROR' : (actorStyle[event.actor]?.label ?? event.actor);
    const lines = wrapText(eventText(event), width - gutter);
    out.push(`${pad(`#${event.seq}`, 4)} ${pad(simTime(event.t), 10)} ${pad(speaker, 9)} ${lines[0]}`);
    for (const line of lines.slice(1)) out.push(`${' '.repeat(gutter)}${line}`);
  }
  out.push(rule(width));
  if (report) {
    out.push(
      ...wrapText(
        `Diagnosis: ${report.diagnosis}${report.icd10 ? ` (${report.icd10})` : ''}, confidence ${percent(report.confidence)} — ${verdict}`,
        width,
      ),
    );
    if (item.correct !== 1 && item.trueDiagnosis) out.push(...wrapText(`True diagnosis: ${item.trueDiagnosis}`, width));
    out.push('Differential:');
    const nameWidth = Math.max(20, Math.min(36, width - 30));
    for (const entry of report.differential)
      out.push(`  ${pad(entry.name, nameWidth)} ${'#'.repeat(Math.round(entry.p * 20)).padEnd(20, '.')} ${percent(entry.p).padStart(5)}`);
    out.push('Evidence cited:');
    for (const item of detail.evidence) {
      const link =
        item.status === 'revealed'
          ? `revealed at #${item.seq}`
          : item.status === 'invented'
            ? `INVENTED: fact "${item.factId}" never revealed in this journey`
            : 'no fact id';
      wrapText(`${item.text} [${link}]`, width - 4).forEach((line, i) =>
        out.push(`${i === 0 ? `  ${item.supports ? '+' : '-'} ` : '    '}${line}`),
      );
    }
    if (report.reasoning) out.push(...wrapText(`Reasoning: ${report.reasoning}`, width));
    if (report.plan) out.push(...wrapText(`Plan (suggested, for sign-off): ${report.plan}`, width));
  } else {
    out.push(...wrapText(`No diagnosis given.${item.trueDiagnosis ? ` True diagnosis: ${item.trueDiagnosis}` : ''}`, width));
  }
  out.push(rule(width));
  out.push('Scores:');
  for (const score of orderedScores(detail.scores)) out.push(`  ${pad(scoreLabel(score.metric), 22)} ${formatScore(score).text}`);
  return out.join('\n') + '\n';
}

export const journeyListHeader = (): string =>
  `${pad('#', 7)} ${pad('result', 7)} ${pad('diagnosis', 34)} ${pad('department', 18)} ${padLeft('turns', 5)} ${padLeft('cost', 9)}  true diagnosis (if wrong)`;

export function journeyListLine(item: JourneyListItem): string {
  const result = item.status === 'failed' ? 'failed' : item.correct === 1 ? 'correct' : item.correct === 0 ? 'wrong' : '—';
  const dx = item.status === 'failed' ? `(${item.reason ?? 'failed'})` : (item.diagnosis ?? '—');
  return `${pad(String(item.idx) + (item.sample ? `.${item.sample}` : ''), 7)} ${pad(result, 7)} ${pad(dx, 34)} ${pad(item.department ?? '—', 18)} ${padLeft(String(item.turns), 5)} ${padLeft(money(item.testCost), 9)}  ${item.correct === 1 ? '' : (item.trueDiagnosis ?? '')}`.trimEnd();
}
