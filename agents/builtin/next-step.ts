import type { FacilityLevel } from '../../scenarios/schema.js';
import { FindingState, type ChartEvidence } from './chart-evidence.js';
import { candidateGains, type ActiveDifferential, type FindingGain } from './information-gain.js';
import type { KnowledgeBase } from './knowledge-base.js';

export type { FindingGain as ScoredFinding } from './information-gain.js';

export interface ScoredTest {
  testId: string;
  gain: number;
  cost: number;
  score: number;
}

export interface NextSteps {
  /** Unasked patient findings, most informative first (ties by id). */
  questions: FindingGain[];
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
  const questions: FindingGain[] = [];
  // Per test index: 0 not yet known, 1 orderable, 2 not (ordered already, or not offered here), 3 orderable and counted.
  const orderable = new Uint8Array(kb.testIds.length);
  const testGains = new Float64Array(kb.testIds.length);
  const gainful: number[] = [];
  for (const { finding: f, gain } of candidateGains(kb, active)) {
    // Asked-about findings are no longer unknown: they count absent unless revealed.
    if (evidence.state[f] !== FindingState.Unknown) continue;
    if (kb.findings[f].askable) questions.push({ finding: f, gain });
    const test = kb.testOf[f];
    if (test < 0) continue;
    if (orderable[test] === 0) {
      const testId = kb.testIds[test];
      orderable[test] = !evidence.ordered.has(testId) && kb.catalogue.available(testId, facility) ? 1 : 2;
    }
    if (orderable[test] === 2) continue;
    if (orderable[test] === 1) {
      orderable[test] = 3;
      gainful.push(test);
    }
    testGains[test] += gain;
  }
  questions.sort((a, b) => b.gain - a.gain || (kb.findings[a.finding].id < kb.findings[b.finding].id ? -1 : 1));
  const tests = gainful
    .map((test) => {
      const testId = kb.testIds[test];
      const cost = kb.catalogue.get(testId)?.cost ?? 0;
      const gain = Math.min(testGains[test], active.entropy);
      return { testId, gain, cost, score: gain / (cost + costOffset) };
    })
    .sort((a, b) => b.score - a.score || (a.testId < b.testId ? -1 : 1));
  return { questions, tests };
}
