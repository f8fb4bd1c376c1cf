import type { Department, FindingKind } from './vocabulary.js';

/** Where a fact can be learned: asked of the patient, examined, measured at triage, or tested. */
export type FactSource = 'patient' | 'examination' | 'triage' | 'test';

/**
 * One drawn fact of a patient: a finding that is present or absent. Its id is the shared
 * vocabulary id (`fever`, `ecg:st-elevation`), which is also what the doctors see on the chart.
 */
export interface Fact {
  id: string;
  kind: FindingKind | 'test';
  source: FactSource;
  /** For test facts, the catalogue test that reveals them. */
  testId?: string;
  present: boolean;
  /** Chart wording when present (absent facts are charted as "no …"). */
  text: string;
  /** The patient's words when present (patient facts only). */
  says?: string;
  /** Short name used for denials and search, e.g. "fever". */
  label: string;
  ask: string[];
  key: boolean;
  hpo?: string;
}

export interface Demographics {
  age: number;
  sex: 'female' | 'male';
}

/** What an imported case carries instead of drawn facts: free text the patient and examiner answer from. */
export interface FreeTextCase {
  /** Patient-visible history, one sentence per entry. */
  history: string[];
  /** Examination and test results by catalogue test id (or a normalised free name). */
  results: Record<string, { name: string; text: string }>;
}

/** The hidden truth a journey is judged against. Never shown to a doctor agent. */
export interface CaseTruth {
  diagnosis: string;
  icd10: string;
  synonyms: string[];
  acceptable: string[];
  nearMisses: string[];
  /** Scenarios that deliberately share this ICD-10 code: then the code never upgrades a verdict. */
  sharesCodeWith?: string[];
  department: Department;
  acuity: number;
  /** Red-flag fact ids present in this patient. */
  redFlags: string[];
  treatment: string;
}

/** One seeded draw from a scenario, or one imported case. */
export interface PatientCase {
  caseId: string;
  scenarioId: string;
  seed: number;
  index: number;
  demographics: Demographics;
  complaint: { text: string; factIds: string[] };
  facts: Fact[];
  freeText?: FreeTextCase;
  course: { followUpDays: number; treated: string; untreated: string };
  truth: CaseTruth;
}
