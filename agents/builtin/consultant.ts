import type { Chart } from '../../domain/chart.js';
import type { DiagnosisReport, DifferentialEntry } from '../../domain/journey.js';
import type { Department } from '../../scenarios/schema.js';
import type { AgentContext, ChiefAgent, ConsultantAgent, ConsultOpinion, WithUsage } from '../roles.js';
import { chartEvidence } from './chart-evidence.js';
import { buildDiagnosisReport } from './diagnosis-report.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { departmentMass, normalise, posterior } from './posterior.js';
import { listOf } from './question-text.js';

/** A consultant's prior odds for its own department's diseases are multiplied by this. */
export const departmentLean = 3;

/**
 * The built-in consultant: the built-in reasoner over the same chart, with a prior leaning
 * towards its own department's diseases (a specialist thinks first of what it knows best). It
 * reviews the chart as it stands; it does not see the treating doctor's conclusion.
 */
export class BuiltinConsultant implements ConsultantAgent {
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly lean = departmentLean,
  ) {}

  async review(chart: Chart, department: Department, _working: DiagnosisReport, _ctx: AgentContext): Promise<ConsultOpinion> {
    const { kb } = this;
    const evidence = chartEvidence(kb, chart);
    const log = Float64Array.from(posterior(kb, evidence.observations, chart.demographics, evidence.absentGroups), (p) =>
      Math.log(Math.max(p, 1e-300)),
    );
    kb.diseases.forEach((disease, d) => {
      if (disease.department === department) log[d] += Math.log(this.lean);
    });
    const report = buildDiagnosisReport(kb, chart, evidence, normalise(log), 'confident');
    return { department, report: { ...report, reasoning: `Review from ${department}: ${report.reasoning}` } };
  }
}

/** The department each disease of the knowledge base belongs to, by name (for choosing consultants). */
export function departmentsOfDifferential(kb: KnowledgeBase, differential: readonly DifferentialEntry[]): Department[] {
  const byName = new Map(
    kb.diseases.flatMap((disease) =>
      [disease.name, ...disease.synonyms].map((name) => [name.trim().toLowerCase(), disease.department] as const),
    ),
  );
  return differential.flatMap((entry) => {
    const department = byName.get(entry.name.trim().toLowerCase());
    return department ? [department] : [];
  });
}

const key = (name: string): string => name.trim().toLowerCase();
const round = (p: number): number => Math.round(p * 1000) / 1000;

/** A report's differential, with its diagnosis in it even if the differential left it out. */
function differentialOf(report: DiagnosisReport): DifferentialEntry[] {
  const listed = report.differential.some((entry) => key(entry.name) === key(report.diagnosis));
  return listed
    ? report.differential
    : [{ name: report.diagnosis, p: report.confidence, ...(report.icd10 ? { icd10: report.icd10 } : {}) }, ...report.differential];
}

/**
 * The built-in chief physician: a weighted average of the treating doctor's differential and the
 * consultants' (the treating doctor, who saw the patient, counts `treatingWeight` times a
 * consultant). The final diagnosis is the proposed diagnosis with the most merged weight; its
 * report (evidence, plan) is the proposer's, with the merged differential and confidence.
 */
export class BuiltinChief implements ChiefAgent {
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly treatingWeight = 1.5,
  ) {}

  /**
   * The departments of the differential's leading diseases, in order, other than the chart's own;
   * topped up (to at least two where the library has them) by the departments holding most of
   * the chart's posterior, so a differential confined to one department still gets a consult.
   */
  convene(chart: Chart, working: DiagnosisReport, max: number): Department[] {
    const evidence = chartEvidence(this.kb, chart);
    const byMass = departmentMass(this.kb, posterior(this.kb, evidence.observations, chart.demographics, evidence.absentGroups)).map(
      (entry) => entry.department,
    );
    const fromDifferential = [...new Set(departmentsOfDifferential(this.kb, differentialOf(working)))];
    const wanted = Math.min(max, Math.max(2, fromDifferential.filter((department) => department !== chart.department).length));
    return [...new Set([...fromDifferential, ...byMass])].filter((department) => department !== chart.department).slice(0, wanted);
  }

  async merge(
    _chart: Chart,
    working: DiagnosisReport,
    opinions: readonly ConsultOpinion[],
    _ctx: AgentContext,
  ): Promise<DiagnosisReport & WithUsage> {
    const weighted = [
      { report: working, weight: this.treatingWeight },
      ...opinions.map((opinion) => ({ report: opinion.report, weight: 1 })),
    ];
    const total = weighted.reduce((sum, item) => sum + item.weight, 0);
    const merged = new Map<string, DifferentialEntry>();
    for (const { report, weight } of weighted) {
      for (const entry of differentialOf(report)) {
        const known = merged.get(key(entry.name));
        const p = (known?.p ?? 0) + (weight * entry.p) / total;
        merged.set(key(entry.name), {
          name: known?.name ?? entry.name,
          p,
          ...((known?.icd10 ?? entry.icd10) ? { icd10: known?.icd10 ?? entry.icd10 } : {}),
        });
      }
    }
    const scoreOf = (name: string): number => merged.get(key(name))?.p ?? 0;
    // Candidates are the diagnoses someone proposed with a full report; ties keep the treating doctor's.
    const chosen = weighted
      .map((item) => item.report)
      .reduce((best, report) => (scoreOf(report.diagnosis) > scoreOf(best.diagnosis) + 1e-12 ? report : best), working);
    const differential = [...merged.values()]
      .sort((a, b) => b.p - a.p || (a.name < b.name ? -1 : 1))
      .slice(0, 5)
      .map((entry) => ({ ...entry, p: round(entry.p) }));
    const changed = key(chosen.diagnosis) !== key(working.diagnosis);
    const views = opinions.map((opinion) => `${opinion.department}: ${opinion.report.diagnosis} (${opinion.report.confidence.toFixed(2)})`);
    const verdict = changed
      ? `the chief physician revised the working diagnosis from ${working.diagnosis} to ${chosen.diagnosis}`
      : `the chief physician confirmed ${working.diagnosis}`;
    const escalated = [...new Set([...(working.escalated ?? []), ...opinions.flatMap((opinion) => opinion.report.escalated ?? [])])];
    return {
      ...chosen,
      confidence: round(scoreOf(chosen.diagnosis)),
      differential,
      reasoning: `${chosen.reasoning} Multidisciplinary consult (${listOf(views, 'and')}): ${verdict}.`,
      escalated,
    };
  }
}
