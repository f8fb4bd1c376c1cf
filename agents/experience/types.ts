import type { Chart } from '../../domain/chart.js';
import type { DiagnosisReport } from '../../domain/journey.js';
import type { Department } from '../../scenarios/schema.js';

/**
 * The feedback a doctor gets once a journey has ended: the true diagnosis. Built by the training
 * loop's learning step from the case, after the last doctor call of the journey; nothing a doctor
 * reads during a journey holds one for that journey.
 */
export interface RevealedDiagnosis {
  scenarioId: string;
  name: string;
  icd10: string;
  department: Department;
}

/** Everything the learning step learns from: what the doctor saw and concluded, then the truth. */
export interface JourneyLesson {
  /** Position of the patient in the training stream. */
  index: number;
  /** The last chart a doctor saw in the journey (undefined when the journey failed before one). */
  chart?: Chart;
  report?: DiagnosisReport;
  /** Whether the doctor's diagnosis matched the truth (the deterministic matcher). */
  correct: boolean;
  truth: RevealedDiagnosis;
}

/** A summary of a correctly handled journey: the case base. */
export interface CaseSummary {
  /** Order of learning (the training index of the patient). */
  seq: number;
  age: number;
  sex: 'female' | 'male';
  complaint: string;
  /** Findings charted present, with their chart wording. */
  findings: { id: string; text: string }[];
  /** Catalogue tests whose results showed something present. */
  helpfulTests: string[];
  diagnosis: string;
  icd10: string;
  department: Department;
  turns: number;
  /** Optional text embedding of the case (from an embeddings endpoint), for retrieval. */
  embedding?: number[];
}

/** A short rule distilled from failures: the experience base. One per (mistaken, missed) pair. */
export interface ExperienceRule {
  /** `mistaken → missed`, stable. */
  key: string;
  mistaken: string;
  missed: string;
  missedIcd10: string;
  /** Findings present in the failed cases, with how many failures showed each. */
  triggers: Record<string, number>;
  /** What to look for before settling: finding labels of the missed diagnosis. */
  check: string[];
  /** Failures behind the rule. */
  support: number;
  /** Training index of the last failure that updated it. */
  lastSeq: number;
}
