import type { DiagnosisReport } from '../domain/journey.js';
import type { CaseTruth } from '../domain/patient-case.js';

/** How a given diagnosis relates to the truth. */
export type MatchKind = 'exact' | 'synonym' | 'acceptable' | 'icd10' | 'category' | 'near-miss' | 'wrong' | 'none';

export interface DiagnosisMatch {
  kind: MatchKind;
  /** Counts as a correct diagnosis (exact, synonym, acceptable or the same ICD-10 code). */
  correct: boolean;
  /** Same ICD-10 category (first three characters) without being correct: reported separately. */
  partial: boolean;
}

const fillerWords = new Set(['the', 'a', 'an', 'of', 'with', 'and', 'disease', 'syndrome', 'acute', 'chronic', 'type', 'primary']);

/** Lower-case words, punctuation dropped, "'s" removed: "Parkinson's disease" → "parkinson disease". */
export function normaliseDiagnosis(name: string): string {
  return name
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[’']s\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The same words, ignoring filler ("acute", "disease", articles), in any order. */
function looseKey(name: string): string {
  return normaliseDiagnosis(name)
    .split(' ')
    .filter((word) => word && !fillerWords.has(word))
    .sort()
    .join(' ');
}

export function sameDiagnosisName(given: string, candidate: string): boolean {
  const a = normaliseDiagnosis(given);
  if (a.length > 0 && a === normaliseDiagnosis(candidate)) return true;
  const key = looseKey(candidate);
  return key.length > 0 && looseKey(given) === key;
}

/** "i21.0", "I210", " I21.0 " → "I21.0"; undefined when it is not an ICD-10 code. */
export function normaliseIcd10(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const compact = code.trim().toUpperCase().replace(/[\s.]/g, '');
  if (!/^[A-Z]\d{2}[0-9A-Z]{0,4}$/.test(compact)) return undefined;
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

const icdCategory = (code: string): string => code.slice(0, 3);

/**
 * Match a diagnosis (name and optional ICD-10 code) against the truth. Near misses named by the
 * scenario are wrong even when their code shares the category.
 */
export function matchDiagnosis(given: string | undefined, truth: CaseTruth, givenIcd10?: string): DiagnosisMatch {
  if (!given || !given.trim()) return { kind: 'none', correct: false, partial: false };
  if (sameDiagnosisName(given, truth.diagnosis)) return { kind: 'exact', correct: true, partial: false };
  if (truth.synonyms.some((name) => sameDiagnosisName(given, name))) return { kind: 'synonym', correct: true, partial: false };
  if (truth.acceptable.some((name) => sameDiagnosisName(given, name))) return { kind: 'acceptable', correct: true, partial: false };
  if (truth.nearMisses.some((name) => sameDiagnosisName(given, name))) return { kind: 'near-miss', correct: false, partial: false };
  const a = normaliseIcd10(givenIcd10);
  const b = normaliseIcd10(truth.icd10);
  if (a && b) {
    if (a === b) return { kind: 'icd10', correct: true, partial: false };
    if (icdCategory(a) === icdCategory(b)) return { kind: 'category', correct: false, partial: true };
  }
  return { kind: 'wrong', correct: false, partial: false };
}

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

/** Whether the report's diagnosis is right (top-1) and whether the truth is among its first three (top-3). */
export function diagnosisHits(report: DiagnosisReport | undefined, truth: CaseTruth): { top1: boolean; top3: boolean } {
  if (!report || !report.diagnosis.trim()) return { top1: false, top3: false };
  const top1 = matchDiagnosis(report.diagnosis, truth, report.icd10).correct;
  const top3 = rankedDiagnoses(report)
    .slice(0, 3)
    .some((entry) => matchDiagnosis(entry.name, truth, entry.icd10).correct);
  return { top1, top3 };
}
