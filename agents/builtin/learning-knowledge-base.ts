import { ageBinOf, ageBins, ageFeature, patientsFeature, sexFeature, type ExperienceCounts } from '../experience/counts.js';
import type { Catalogue } from '../../scenarios/catalogue.js';
import type { LoadedScenario } from '../../scenarios/loader.js';
import type { Demographics } from '../../domain/patient-case.js';
import { KnowledgeBase, type KnowledgeBaseOptions } from './knowledge-base.js';

/** How a learning knowledge base starts and how strongly its starting beliefs resist evidence. */
export interface LearningPrior {
  /** P(present) assumed for a disease's key finding before any patient is seen. */
  keyFinding: number;
  /** Pseudo-observations behind every starting belief (Beta prior strength). */
  strength: number;
  /**
   * How many of each disease's key findings the doctor starts knowing (in the scenario's order):
   * `all`, or a number — 0 is a blank slate that knows only the diseases and the finding vocabulary.
   */
  knownKeyFindings: number | 'all';
}

export const defaultLearningPrior: LearningPrior = { keyFinding: 0.7, strength: 2, knownKeyFindings: 1 };

/**
 * A knowledge base that starts partial — each disease's name, department, acuity, red flags,
 * treatment and key findings, with no probabilities, no prevalence and no demographics — and
 * learns the rest from counted experience: Beta-smoothed P(finding | disease) from findings
 * observed present or absent on past charts, Laplace-smoothed disease frequencies as priors,
 * and smoothed sex and age-bin frequencies as the demographic term.
 */
export class LearningKnowledgeBase extends KnowledgeBase {
  private readonly keyCells = new Set<number>();
  private readonly sexLog: Float64Array;
  private readonly ageLog: Float64Array;
  private readonly termCache = new Map<string, Float64Array>();

  private constructor(
    full: KnowledgeBase,
    readonly prior: LearningPrior,
  ) {
    // Every belief not listed here is learned: prevalence, demographics, P(finding | disease).
    const background = Array.from(full.findings, (finding) => full.likelihood.backgroundOf(finding.index));
    super(
      full.diseases.map((disease) => ({
        ...disease,
        prevalence: 1,
        age: [0, 120],
        sex: 'any',
        keyFindings: prior.knownKeyFindings === 'all' ? disease.keyFindings : disease.keyFindings.slice(0, prior.knownKeyFindings),
      })),
      full.findings,
      full.catalogue,
      background,
    );
    this.sexLog = new Float64Array(this.diseases.length * 2).fill(Math.log(0.5));
    this.ageLog = new Float64Array(this.diseases.length * ageBins).fill(Math.log(1 / ageBins));
    this.diseases.forEach((disease, d) => {
      for (const id of disease.keyFindings) {
        const f = this.findingIndex.get(id);
        if (f === undefined) continue;
        this.keyCells.add(f * this.diseases.length + d);
        this.likelihood.set(d, f, prior.keyFinding, prior.strength);
      }
    });
  }

  /** The partial knowledge base of a scenario library (its vocabulary, and each disease's key findings). */
  static partial(
    scenarios: readonly LoadedScenario[],
    catalogue: Catalogue,
    options: KnowledgeBaseOptions = {},
    prior: Partial<LearningPrior> = {},
  ): LearningKnowledgeBase {
    return new LearningKnowledgeBase(KnowledgeBase.fromScenarios(scenarios, catalogue, options), { ...defaultLearningPrior, ...prior });
  }

  /** Re-derive every belief from the counts (after loading a profile). */
  applyCounts(counts: ExperienceCounts): void {
    this.refreshPriors(counts);
    for (let d = 0; d < this.diseases.length; d++) this.refreshDisease(counts, d);
  }

  /** Re-derive the priors (every disease's frequency changes when any patient is counted). */
  refreshPriors(counts: ExperienceCounts): void {
    const seen = this.diseases.map((disease) => counts.get(disease.scenarioId, patientsFeature)[0]);
    const total = seen.reduce((sum, n) => sum + n, 0);
    seen.forEach((n, d) => (this.logPrior[d] = Math.log((n + 1) / (total + this.diseases.length))));
  }

  /** Re-derive one disease's demographics and likelihoods from its counts. */
  refreshDisease(counts: ExperienceCounts, d: number): void {
    const id = this.diseases[d].scenarioId;
    const patients = counts.get(id, patientsFeature)[0];
    const [female, male] = counts.get(id, sexFeature);
    this.sexLog[d * 2] = Math.log((female + 1) / (female + male + 2));
    this.sexLog[d * 2 + 1] = Math.log((male + 1) / (female + male + 2));
    for (let bin = 0; bin < ageBins; bin++) {
      this.ageLog[d * ageBins + bin] = Math.log((counts.get(id, ageFeature(bin))[0] + 0.5) / (patients + 0.5 * ageBins));
    }
    this.termCache.clear();
    const { strength } = this.prior;
    for (const { feature, present, absent } of counts.findingsOf(id)) {
      const f = this.findingIndex.get(feature);
      if (f === undefined) continue;
      const key = this.keyCells.has(f * this.diseases.length + d);
      const start = key ? this.prior.keyFinding : this.likelihood.backgroundOf(f);
      // A finding never seen present stays at its background rate (and out of the question list) unless it is key.
      if (!key && present === 0) continue;
      this.likelihood.set(d, f, (present + strength * start) / (present + absent + strength), present + absent + strength);
    }
  }

  override demographicTerms(demographics: Demographics): Float64Array {
    const key = `${demographics.age}|${demographics.sex}`;
    let terms = this.termCache.get(key);
    if (!terms) {
      terms = Float64Array.from(this.diseases, (_, d) => this.logDemographics(d, demographics));
      this.termCache.set(key, terms);
    }
    return terms;
  }

  override logDemographics(disease: number, demographics: Demographics): number {
    return this.sexLog[disease * 2 + (demographics.sex === 'female' ? 0 : 1)] + this.ageLog[disease * ageBins + ageBinOf(demographics.age)];
  }
}
