import type { RunRecord, RunStore } from '../environment/records/run-store.js';
import { isEvent } from '../domain/journey.js';
import type { PatientCase } from '../domain/patient-case.js';
import { matchDiagnosis } from '../scenarios/diagnosis-match/index.js';
import { proportion, type Proportion } from './statistics.js';

/**
 * How the multidisciplinary consults of a run went: how often one was called, how often it
 * changed the answer, and whether for the better. Read from the journeys' consult events alone.
 */
export interface ConsultReport {
  journeys: number;
  /** Journeys whose diagnosis went to a consult. */
  consulted: Proportion;
  /** Opinions given, and opinions that failed (a consultant model that gave none). */
  opinions: number;
  failedOpinions: number;
  /** Consultant opinions that agreed with the treating doctor's working diagnosis. */
  agreement: Proportion;
  /** Of the consulted journeys: the chief changed the working diagnosis. */
  changed: Proportion;
  /** Changed from wrong to right. */
  improved: number;
  /** Changed from right to wrong. */
  worsened: number;
  /** Changed, and wrong before and after. */
  changedStillWrong: number;
  /** Top-1 accuracy of the consulted journeys before and after the consult. */
  accuracyBefore: Proportion;
  accuracyAfter: Proportion;
  byDepartment: { department: string; opinions: number; agreedWithTruth: number }[];
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function consultReport(store: RunStore, run: RunRecord): ConsultReport {
  let journeys = 0;
  let consulted = 0;
  let opinions = 0;
  let failedOpinions = 0;
  let agreed = 0;
  let changed = 0;
  let improved = 0;
  let worsened = 0;
  let changedStillWrong = 0;
  let rightBefore = 0;
  let rightAfter = 0;
  const departments = new Map<string, { opinions: number; agreedWithTruth: number }>();
  for (const row of store.journeys(run.id)) {
    journeys++;
    const events = store.events(run.id, row.idx, row.sample).filter((event) => isEvent(event, 'consult'));
    const merge = events.find((event) => event.actor === 'chief')?.data;
    if (!merge?.before || !merge.after) continue;
    consulted++;
    const truth = (JSON.parse(row.case_json) as PatientCase).truth;
    const correct = (entry: { diagnosis: string; icd10?: string }): boolean => matchDiagnosis(entry.diagnosis, truth, entry.icd10).correct;
    for (const event of events.filter((e) => e.actor === 'consultant')) {
      const report = event.data.report;
      const department = event.data.department ?? 'unknown';
      const entry = departments.get(department) ?? { opinions: 0, agreedWithTruth: 0 };
      if (!report) {
        failedOpinions++;
        continue;
      }
      opinions++;
      entry.opinions++;
      if (correct(report)) entry.agreedWithTruth++;
      departments.set(department, entry);
      if (same(report.diagnosis, merge.before.diagnosis)) agreed++;
    }
    const before = correct(merge.before);
    const after = correct(merge.after);
    if (before) rightBefore++;
    if (after) rightAfter++;
    if (!merge.changed) continue;
    changed++;
    if (!before && after) improved++;
    else if (before && !after) worsened++;
    else if (!after) changedStillWrong++;
  }
  return {
    journeys,
    consulted: proportion(consulted, journeys),
    opinions,
    failedOpinions,
    agreement: proportion(agreed, opinions),
    changed: proportion(changed, consulted),
    improved,
    worsened,
    changedStillWrong,
    accuracyBefore: proportion(rightBefore, consulted),
    accuracyAfter: proportion(rightAfter, consulted),
    byDepartment: [...departments.entries()]
      .map(([department, entry]) => ({ department, ...entry }))
      .sort((a, b) => b.opinions - a.opinions || (a.department < b.department ? -1 : 1)),
  };
}

const percent = (p: Proportion): string =>
  Number.isNaN(p.value) ? '—' : `${(p.value * 100).toFixed(1)} % [${(p.ci95[0] * 100).toFixed(1)}, ${(p.ci95[1] * 100).toFixed(1)}]`;

/** The consult section as plain text; empty when the run called no consult. */
export function renderConsultReport(report: ConsultReport): string {
  if (report.consulted.successes === 0) return '';
  return [
    'Multidisciplinary consult',
    `  consulted            ${report.consulted.successes}/${report.journeys} journeys  ${percent(report.consulted)}`,
    `  opinions             ${report.opinions}${report.failedOpinions > 0 ? ` (+${report.failedOpinions} failed)` : ''}; agreed with the working diagnosis ${percent(report.agreement)}`,
    `  answer changed       ${report.changed.successes}/${report.consulted.successes}  ${percent(report.changed)}`,
    `    wrong → right      ${report.improved}`,
    `    right → wrong      ${report.worsened}`,
    `    wrong → wrong      ${report.changedStillWrong}`,
    `  accuracy (consulted) before ${percent(report.accuracyBefore)}, after ${percent(report.accuracyAfter)}`,
    '',
  ].join('\n');
}
