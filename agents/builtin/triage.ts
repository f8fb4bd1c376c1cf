import type { Chart } from '../../domain/chart.js';
import type { Department } from '../../scenarios/schema.js';
import type { AgentContext, TriageAgent, TriageDecision } from '../roles.js';
import { chartEvidence, FindingState } from './chart-evidence.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { logLikelihoodRatio } from './likelihood-ratio.js';
import { departmentMass, posterior } from './posterior.js';

/** Vitals that make any patient more urgent, whatever the library says. */
export const criticalVitals = ['hypotension', 'hypoxaemia'] as const;

/** An acuity level at least this probable is not ignored for a less urgent one (no under-triage). */
const plausibleUrgency = 0.25;

/**
 * The built-in triage nurse: a posterior over the knowledge base from the complaint, the
 * demographics and the vitals; sends the patient to the department holding the most posterior
 * mass, at the acuity of the probable diseases, one level more urgent for red-flag vitals.
 */
export class BuiltinTriage implements TriageAgent {
  constructor(private readonly kb: KnowledgeBase) {}

  async triage(chart: Chart, _ctx: AgentContext): Promise<TriageDecision> {
    return triageChart(this.kb, chart);
  }
}

export function triageChart(kb: KnowledgeBase, chart: Chart): TriageDecision {
  const evidence = chartEvidence(kb, chart);
  const probabilities = posterior(kb, evidence.observations, chart.demographics, evidence.absentGroups);
  const [leading] = departmentMass(kb, probabilities);
  const department: Department = leading?.department ?? 'general-medicine';

  const byAcuity = new Float64Array(6);
  kb.diseases.forEach((disease) => (byAcuity[disease.acuity] += probabilities[disease.index]));
  let acuity = 1;
  for (let level = 2; level <= 5; level++) if (byAcuity[level] > byAcuity[acuity]) acuity = level;
  for (let level = 1; level < acuity; level++) {
    if (byAcuity[level] >= plausibleUrgency) {
      acuity = level;
      break;
    }
  }
  const redFlags = redFlagVitals(kb, probabilities, evidence.state);
  if (redFlags.length > 0) acuity = Math.max(1, acuity - 1);

  const inDepartment = (d: number): boolean => kb.diseases[d].department === department;
  const findings = [...evidence.revealed.entries()]
    .filter(([, fact]) => fact.present)
    .map(([index, fact]) => ({ text: fact.text, weight: logLikelihoodRatio(kb, probabilities, index, true, inDepartment) }))
    .sort((a, b) => b.weight - a.weight || (a.text < b.text ? -1 : 1))
    .slice(0, 4)
    .map((finding) => finding.text);
  const parts = [
    `Presenting with "${chart.complaint}".`,
    findings.length > 0 ? `Leading findings: ${findings.join('; ')}.` : 'No abnormal findings at triage.',
    `Most consistent with ${department} (${Math.round((leading?.p ?? 0) * 100)} % of the differential).`,
  ];
  if (redFlags.length > 0) parts.push(`Red-flag vitals (${redFlags.map((index) => kb.findings[index].label).join(', ')}): acuity raised.`);
  return { department, acuity, rationale: parts.join(' ') };
}

/** Present vitals that are critical, or red flags of a disease with some posterior mass. */
function redFlagVitals(kb: KnowledgeBase, probabilities: Float64Array, state: Uint8Array): number[] {
  const flagged = new Set<string>(criticalVitals);
  kb.diseases.forEach((disease) => {
    if (probabilities[disease.index] >= 0.05) for (const id of disease.redFlags) flagged.add(id);
  });
  return kb.vitalFindings.filter((index) => state[index] === FindingState.Present && flagged.has(kb.findings[index].id));
}
