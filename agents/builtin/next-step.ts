import type { FacilityLevel } from '../../scenarios/schema.js';
import { FindingState, type ChartEvidence } from './chart-evidence.js';
import { candidateFindings, findingGain, type ActiveDifferential } from './information-gain.js';
import type { KnowledgeBase } from './knowledge-base.js';

export interface ScoredFinding {
  finding: number;
  gain: number;
}

export interface ScoredTest {
  testId: string;
  gain: number;
  cost: number;
  score: number;
}

export interface NextSteps {
  /** Unasked patient findings, most informative first (ties by id). */
  questions: ScoredFinding[];
  /** Tests available at the facility and not yet ordered, best gain per cost first (ties by id). */
  tests: ScoredTest[];
}

/**
 * Score what the doctor could learn next. A question's gain is its finding's expected information
 * gain; a test's gain is the sum of its findings' gains (capped at what is left to learn), and its
 * score is gain / (cost + costOffset): the offset keeps a free test from looking infinitely good.
 */
export function rankNextSteps(
  kb: KnowledgeBase,
  active: ActiveDifferential,
  evidence: ChartEvidence,
  facility: FacilityLevel,
  costOffset: number,
): NextSteps {
  const questions: ScoredFinding[] = [];
  const testGains = new Map<string, number>();
  const orderable = new Map<string, boolean>();
  for (const f of candidateFindings(kb, active)) {
    if (evidence.state[f] !== FindingState.Unknown) continue;
    const finding = kb.findings[f];
    const askable = finding.askable && !evidence.asked.has(f);
    const testId = finding.testId;
    let testable = false;
    if (testId !== undefined) {
      let known = orderable.get(testId);
      if (known === undefined) {
        known = !evidence.ordered.has(testId) && kb.catalogue.available(testId, facility);
        orderable.set(testId, known);
      }
      testable = known;
    }
    if (!askable && !testable) continue;
    const gain = findingGain(kb, active, f);
    if (askable) questions.push({ finding: f, gain });
    if (testable && testId !== undefined) testGains.set(testId, (testGains.get(testId) ?? 0) + gain);
  }
  questions.sort((a, b) => b.gain - a.gain || (kb.findings[a.finding].id < kb.findings[b.finding].id ? -1 : 1));
  const tests = [...testGains.entries()]
    .map(([testId, sum]) => {
      const cost = kb.catalogue.get(testId)?.cost ?? 0;
      const gain = Math.min(sum, active.entropy);
      return { testId, gain, cost, score: gain / (cost + costOffset) };
    })
    .sort((a, b) => b.score - a.score || (a.testId < b.testId ? -1 : 1));
  return { questions, tests };
}
