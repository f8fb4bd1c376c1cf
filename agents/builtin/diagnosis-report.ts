import type { Chart } from '../../domain/chart.js';
import type { DiagnosisReport, EvidenceItem } from '../../domain/journey.js';
import { disclaimer } from '../roles.js';
import { FindingState, type ChartEvidence } from './chart-evidence.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { logLikelihoodRatio } from './likelihood-ratio.js';
import { rankDiseases } from './posterior.js';
import { listOf } from './question-text.js';

const differentialSize = 5;
const maxSupporting = 6;
const maxAgainst = 3;

interface WeighedFact {
  factId: string;
  text: string;
  present: boolean;
  key: boolean;
  /** Whether the diagnosed disease lists the finding at all. */
  listed: boolean;
  weight: number;
}

/**
 * The diagnosis with its explanation: the most probable disease, the top of the differential,
 * the revealed facts that weigh most for and against it (likelihood ratio of the disease against
 * the rest of the posterior), plain reasoning, and the library's treatment as a suggestion.
 */
export function buildDiagnosisReport(
  kb: KnowledgeBase,
  chart: Chart,
  evidence: ChartEvidence,
  probabilities: Float64Array,
  why: 'confident' | 'budget' | 'exhausted',
): DiagnosisReport {
  const ranked = rankDiseases(kb, probabilities);
  const top = ranked[0];
  const disease = kb.diseases[top.index];
  const isTop = (d: number): boolean => d === top.index;

  const weighed: WeighedFact[] = [...evidence.revealed.entries()].map(([index, fact]) => ({
    factId: fact.factId,
    text: fact.text,
    present: evidence.state[index] === FindingState.Present,
    key: disease.keyFindings.includes(fact.factId),
    listed: kb.likelihood.isListed(top.index, index),
    weight: logLikelihoodRatio(kb, probabilities, index, evidence.state[index] === FindingState.Present, isTop),
  }));
  const byWeight = (a: WeighedFact, b: WeighedFact): number => b.weight - a.weight || (a.factId < b.factId ? -1 : 1);
  const supporting = weighed
    .filter((fact) => fact.present && (fact.weight > 0 || fact.key))
    .sort((a, b) => Number(b.key) - Number(a.key) || byWeight(a, b))
    .slice(0, maxSupporting);
  // Against: what was looked for and not found, and what is present but the disease does not explain.
  const against = weighed
    .filter((fact) => fact.weight < -0.1 && (!fact.present || !fact.listed))
    .sort((a, b) => byWeight(b, a))
    .slice(0, maxAgainst);
  const evidenceItems: EvidenceItem[] = [
    ...supporting.map((fact) => ({ factId: fact.factId, text: fact.text, supports: true })),
    ...against.map((fact) => ({ factId: fact.factId, text: fact.text, supports: false })),
  ];

  const differential = ranked.slice(0, differentialSize).map((entry) => ({ name: entry.name, p: round(entry.p), icd10: entry.icd10 }));
  const shortlisted = new Set(ranked.filter((entry, i) => i < differentialSize && entry.p >= 0.01).map((entry) => entry.index));
  const flagIds = new Set([...shortlisted].flatMap((d) => kb.diseases[d].redFlags));
  const escalated = [...evidence.revealed.values()].filter((fact) => fact.present && flagIds.has(fact.factId)).map((fact) => fact.factId);

  return {
    diagnosis: disease.name,
    icd10: disease.icd10,
    confidence: round(top.p),
    differential,
    evidence: evidenceItems,
    reasoning: reasoningText(chart, disease.name, top.p, ranked[1], supporting, against, why),
    plan: `Suggested management, to be confirmed by the attending physician: ${disease.treatment.trim()}`,
    disclaimer,
    escalated,
  };
}

const round = (p: number): number => Math.round(p * 1000) / 1000;

function reasoningText(
  chart: Chart,
  name: string,
  p: number,
  runnerUp: { name: string; p: number } | undefined,
  supporting: readonly WeighedFact[],
  against: readonly WeighedFact[],
  why: 'confident' | 'budget' | 'exhausted',
): string {
  const { age, sex } = chart.demographics;
  const article = /^(8\d?|11|18)$/.test(String(age)) ? 'An' : 'A';
  const person = age < 16 ? (sex === 'female' ? 'girl' : 'boy') : sex === 'female' ? 'woman' : 'man';
  const who = `${article} ${age}-year-old ${person} presenting with "${chart.complaint}".`;
  const forText =
    supporting.length > 0
      ? `In favour of ${name}: ${listOf(
          supporting.map((fact) => fact.text),
          'and',
        )}.`
      : `No single finding points strongly to ${name}.`;
  const againstText =
    against.length > 0
      ? ` Against it, or not explained by it: ${listOf(
          against.map((fact) => fact.text),
          'and',
        )}.`
      : '';
  const weighing = `Weighing every charted finding, present and absent, against the knowledge base gives ${name} a probability of ${p.toFixed(2)}`;
  const alternative = runnerUp && runnerUp.p >= 0.01 ? `; the main alternative is ${runnerUp.name} (${runnerUp.p.toFixed(2)}).` : '.';
  const stop =
    why === 'budget'
      ? ' The consultation time is used up, so this is the best working diagnosis rather than a confident one.'
      : why === 'exhausted'
        ? ' No further question or available test would change the picture much.'
        : '';
  return `${who} ${forText}${againstText} ${weighing}${alternative}${stop}`;
}
