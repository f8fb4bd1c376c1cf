import type { Chart } from '../../domain/chart.js';
import type { AgentContext, ConsultAction, SpecialistAgent } from '../roles.js';
import { chartEvidence, FindingState, type ChartEvidence } from './chart-evidence.js';
import { buildDiagnosisReport } from './diagnosis-report.js';
import { activeDifferential, type ActiveDifferential } from './information-gain.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { rankNextSteps } from './next-step.js';
import { departmentMass, posterior, topDisease } from './posterior.js';
import { questionAbout } from './question-text.js';

export interface SpecialistOptions {
  /** Diagnose once the leading disease reaches this posterior probability. */
  confidence: number;
  /** Ask while the best question is expected to gain at least this much (nats); else test. */
  questionGain: number;
  /** Order a test only if it is expected to gain at least this much (nats). */
  testGain: number;
  /** Added to a test's cost when ranking tests by gain per cost (US dollars). */
  costOffset: number;
  /** Findings asked about in one question at most. */
  findingsPerQuestion: number;
  /** A further finding joins the question if its gain is at least this share of the best one's. */
  companionShare: number;
  /** Tests in one order at most. */
  testsPerOrder: number;
  /** Refer when another department holds this much of the posterior. */
  referMass: number;
  /**
   * Reshapes the posterior before the doctor acts on it (a cognitive bias, agents/biases);
   * absent for the unbiased doctor. Must be deterministic given its inputs.
   */
  adjustPosterior?: (probabilities: Float64Array, evidence: ChartEvidence, chart: Chart) => Float64Array;
  /** Check the leading disease's key findings before committing (default true; premature closure skips it). */
  confirmBeforeDiagnosis?: boolean;
}

export const defaultSpecialistOptions: SpecialistOptions = {
  confidence: 0.85,
  questionGain: 0.04,
  testGain: 0.02,
  costOffset: 25,
  findingsPerQuestion: 3,
  companionShare: 0.3,
  testsPerOrder: 2,
  referMass: 0.8,
};

/**
 * The built-in specialist: a naive-Bayes differential over the knowledge base, updated from the
 * chart each turn. It examines the patient early, asks the question with the best expected
 * information gain, orders tests by gain per cost once questions stop helping, refers at most
 * once when the differential clearly belongs elsewhere, and diagnoses when confident or out of time.
 * A pure function of the chart: the same chart always gives the same action.
 */
export class BuiltinSpecialist implements SpecialistAgent {
  private readonly options: SpecialistOptions;

  constructor(
    private readonly kb: KnowledgeBase,
    options: Partial<SpecialistOptions> = {},
  ) {
    this.options = { ...defaultSpecialistOptions, ...options };
  }

  async consult(chart: Chart, _ctx: AgentContext): Promise<ConsultAction> {
    return nextAction(this.kb, chart, this.options);
  }
}

export function nextAction(kb: KnowledgeBase, chart: Chart, options: SpecialistOptions = defaultSpecialistOptions): ConsultAction {
  const evidence = chartEvidence(kb, chart);
  const unbiased = posterior(kb, evidence.observations, chart.demographics, evidence.absentGroups);
  const probabilities = options.adjustPosterior ? options.adjustPosterior(unbiased, evidence, chart) : unbiased;
  const diagnose = (why: 'confident' | 'budget' | 'exhausted'): ConsultAction => ({
    kind: 'diagnose',
    report: buildDiagnosisReport(kb, chart, evidence, probabilities, why),
  });

  if (chart.turn + 1 >= chart.maxTurns) return diagnose('budget');
  const top = topDisease(kb, probabilities);
  const confident = probabilities[top] >= options.confidence;

  const referral = referralFor(kb, chart, probabilities, options);
  if (referral) return referral;

  const examinable = !evidence.ordered.has('physical-exam') && kb.catalogue.available('physical-exam', chart.facility);
  if (examinable && (confident || chart.asked.length > 0 || chart.turn > 0)) {
    return { kind: 'order', tests: ['physical-exam'], reason: 'Examine the patient.' };
  }
  // Confident: still check the leading disease's key findings before committing, as a clinician would.
  if (confident)
    return (
      (options.confirmBeforeDiagnosis === false ? undefined : confirmation(kb, chart, evidence, top, options)) ?? diagnose('confident')
    );

  const active = activeDifferential(probabilities);
  const steps = rankNextSteps(kb, active, evidence, chart.facility, options.costOffset);
  const questions = steps.questions;
  const best = questions[0];
  if (best && best.gain >= options.questionGain) return ask(kb, questions, options);

  const tests = steps.tests.filter((test) => test.gain >= options.testGain);
  if (tests.length > 0) {
    const chosen = tests.slice(0, options.testsPerOrder).filter((test, i) => i === 0 || test.score >= tests[0].score / 2);
    return {
      kind: 'order',
      tests: chosen.map((test) => test.testId),
      reason: orderReason(
        kb,
        active,
        chosen.map((test) => test.testId),
      ),
    };
  }
  if (best && best.gain > 1e-3) return ask(kb, questions, options);
  return diagnose('exhausted');
}

/** Ask about, or test for, the leading disease's key findings not yet known; undefined when none is left. */
function confirmation(
  kb: KnowledgeBase,
  chart: Chart,
  evidence: ChartEvidence,
  disease: number,
  options: SpecialistOptions,
): ConsultAction | undefined {
  const unknown = kb.diseases[disease].keyFindings
    .map((id) => kb.findingIndex.get(id) ?? -1)
    .filter((f) => f >= 0 && evidence.state[f] === FindingState.Unknown);
  const askable = unknown.filter((f) => kb.findings[f].askable && !evidence.asked.has(f)).slice(0, options.findingsPerQuestion);
  if (askable.length > 0) {
    const findings = askable.map((f) => kb.findings[f]);
    return { kind: 'ask', question: questionAbout(findings), about: findings.map((finding) => finding.id) };
  }
  const tests = [...new Set(unknown.map((f) => kb.findings[f].testId ?? ''))]
    .filter((testId) => testId !== '' && !evidence.ordered.has(testId) && kb.catalogue.available(testId, chart.facility))
    .sort((a, b) => (kb.catalogue.get(a)?.cost ?? 0) - (kb.catalogue.get(b)?.cost ?? 0) || (a < b ? -1 : 1))
    .slice(0, options.testsPerOrder);
  if (tests.length === 0) return undefined;
  return {
    kind: 'order',
    tests,
    reason: `${tests.map((id) => kb.catalogue.get(id)?.name ?? id).join(' and ')} to confirm the working diagnosis.`,
  };
}

function ask(kb: KnowledgeBase, questions: { finding: number; gain: number }[], options: SpecialistOptions): ConsultAction {
  const [best] = questions;
  const chosen = questions
    .slice(0, options.findingsPerQuestion)
    .filter((question, i) => i === 0 || question.gain >= best.gain * options.companionShare)
    .map((question) => kb.findings[question.finding]);
  return { kind: 'ask', question: questionAbout(chosen), about: chosen.map((finding) => finding.id) };
}

function orderReason(kb: KnowledgeBase, active: ActiveDifferential, testIds: string[]): string {
  const names = testIds.map((id) => kb.catalogue.get(id)?.name ?? id);
  const considered = active.diseases.slice(0, 3).map((d) => kb.diseases[d].name);
  return `${names.join(' and ')} to discriminate between ${considered.join(', ')}.`;
}

function referralFor(kb: KnowledgeBase, chart: Chart, probabilities: Float64Array, options: SpecialistOptions): ConsultAction | undefined {
  if (!chart.department || chart.referrals.length > 0 || chart.turn < 2) return undefined;
  const mass = departmentMass(kb, probabilities);
  const [leading] = mass;
  const here = mass.find((entry) => entry.department === chart.department)?.p ?? 0;
  if (!leading || leading.department === chart.department || leading.p < options.referMass || here > 0.1) return undefined;
  return {
    kind: 'refer',
    department: leading.department,
    reason: `The findings so far fit ${leading.department} far better than ${chart.department} (${Math.round(leading.p * 100)} % of the differential).`,
  };
}
