import type { DiagnosisReport } from '../../domain/journey.js';
import type { DiagnosisTruth } from './forms.js';
import { matchDiagnosis } from './match.js';
import { normaliseDiagnosis } from './text.js';

/** The diagnosis, then the differential by probability, each name once: what top-k reads. */
export function rankedDiagnoses(report: DiagnosisReport): { name: string; icd10?: string }[] {
  const ranked = [{ name: report.diagnosis, icd10: report.icd10 }, ...[...report.differential].sort((a, b) => b.p - a.p)];
  const seen = new Set<string>();
  return ranked.filter((entry) => {
    const key = normaliseDiagnosis(entry.name);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether the report's diagnosis is correct (top-1) and whether a correct one is among its first three (top-3). */
export function diagnosisHits(report: DiagnosisReport | undefined, truth: DiagnosisTruth): { top1: boolean; top3: boolean } {
  if (!report || !report.diagnosis.trim()) return { top1: false, top3: false };
  const top1 = matchDiagnosis(report.diagnosis, truth, report.icd10).correct;
  const top3 = rankedDiagnoses(report)
    .slice(0, 3)
    .some((entry) => matchDiagnosis(entry.name, truth, entry.icd10).correct);
  return { top1, top3 };
}
