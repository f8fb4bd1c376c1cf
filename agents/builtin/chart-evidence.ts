import type { Chart, RevealedFact } from '../../domain/chart.js';
import { complaintFindings } from './complaint-findings.js';
import { vitalsGroup, type KnowledgeBase } from './knowledge-base.js';
import type { Observation } from './posterior.js';

/** What the chart says about each finding of the vocabulary. */
export const FindingState = {
  Unknown: 0,
  Present: 1,
  /** Revealed absent: the patient denied it, or a test reported it absent. */
  Denied: 2,
  /** Not revealed, but would have been if present: asked about, tested for, or a vital. */
  InferredAbsent: 3,
} as const;

export interface ChartEvidence {
  /** State per finding index. */
  state: Uint8Array;
  observations: Observation[];
  /** Findings the doctor has asked about (whatever the answer). */
  asked: Set<number>;
  /** Catalogue ids of tests ordered (performed or not). */
  ordered: Set<string>;
  /** Revealed facts by finding index (present and denied). */
  revealed: Map<number, RevealedFact>;
  /** Groups observed whole (tests performed, vitals): their findings not present count absent. */
  absentGroups: Set<string>;
}

/**
 * Read the chart as observations. Revealed facts count as they are; in addition, a finding that
 * would have been revealed had it been present counts as absent: one the doctor asked about, one
 * a performed test looks for, and every vital (the nurse measures them all at triage).
 */
export function chartEvidence(kb: KnowledgeBase, chart: Chart): ChartEvidence {
  const state = new Uint8Array(kb.findings.length);
  let complaintCharted = false;
  // Indices whose state was set, in the order first set, so the work stays proportional to the chart.
  const touched: number[] = [];
  const touch = (index: number): void => {
    if (state[index] === FindingState.Unknown) touched.push(index);
  };
  const revealed = new Map<number, RevealedFact>();
  for (const fact of chart.revealed) {
    const index = kb.findingIndex.get(fact.factId);
    if (index === undefined) continue;
    touch(index);
    if (fact.present) state[index] = FindingState.Present;
    if (fact.present && kb.findings[index].askable) complaintCharted = true;
    else if (state[index] !== FindingState.Present) state[index] = FindingState.Denied;
    if (!revealed.has(index) || fact.present) revealed.set(index, fact);
  }
  const inferAbsent = (index: number): void => {
    touch(index);
    if (state[index] === FindingState.Unknown) state[index] = FindingState.InferredAbsent;
  };
  const asked = new Set<number>();
  for (const question of chart.asked) {
    for (const id of question.factIds) {
      const index = kb.findingIndex.get(id);
      if (index === undefined) continue;
      asked.add(index);
      inferAbsent(index);
    }
  }
  const ordered = new Set<string>();
  const absentGroups = new Set<string>([vitalsGroup]);
  for (const order of chart.orders) {
    ordered.add(order.testId);
    if (order.available && kb.findingsByTest.has(order.testId)) absentGroups.add(order.testId);
  }
  // Marked in the state only (so nobody asks or tests for them again); the posterior counts groups whole.
  for (const group of absentGroups) {
    for (const index of group === vitalsGroup ? kb.vitalFindings : (kb.findingsByTest.get(group) ?? [])) {
      if (state[index] === FindingState.Unknown) state[index] = FindingState.InferredAbsent;
    }
  }
  // A chart without charted complaint facts (an imported case): read the complaint's words.
  if (!complaintCharted) {
    for (const index of complaintFindings(kb, chart.complaint)) {
      touch(index);
      if (state[index] !== FindingState.Denied) state[index] = FindingState.Present;
    }
  }

  const observations: Observation[] = [];
  for (const finding of touched) {
    if (state[finding] !== FindingState.Unknown) observations.push({ finding, present: state[finding] === FindingState.Present });
  }
  return { state, observations, asked, ordered, revealed, absentGroups };
}
