import type { Catalogue } from '../../scenarios/catalogue.js';
import type { LoadedScenario } from '../../scenarios/loader.js';
import type { Demographics, FactSource } from '../../domain/patient-case.js';
import type { Department, FindingKind } from '../../scenarios/schema.js';
import { LikelihoodTable } from './likelihood-table.js';
import { questionPhrases } from './question-phrases.js';

/** One disease the built-in doctors know: a scenario seen as knowledge. */
export interface DiseaseEntry {
  index: number;
  scenarioId: string;
  name: string;
  icd10: string;
  synonyms: string[];
  department: Department;
  acuity: number;
  /** Relative weight among arriving patients (the prior, before normalising). */
  prevalence: number;
  treatment: string;
  /** Finding ids that need escalation when present. */
  redFlags: string[];
  /** Finding ids marked as key evidence. */
  keyFindings: string[];
  age: [number, number];
  sex: 'any' | 'female' | 'male';
}

/** One finding of the shared vocabulary (`fever`, `ecg:st-elevation`). */
export interface FindingEntry {
  index: number;
  id: string;
  kind: FindingKind | 'test';
  /** Who can reveal it; a few ids are a symptom in one scenario and a sign in another. */
  sources: FactSource[];
  /** Whether asking the patient can reveal it. */
  askable: boolean;
  /** The catalogue test that reveals it (signs: `physical-exam`). */
  testId?: string;
  label: string;
  /** Every ask word any scenario gives it, most used first. */
  ask: string[];
  /** The fewest ask words that every scenario's patient recognises, for phrasing a question. */
  questionPhrases: string[];
}

export interface KnowledgeBaseOptions {
  /** P(present) of a finding a disease does not list (default 0.03). */
  background?: number;
  /** The same for vitals, which are common whatever the disease (default 0.06). */
  vitalBackground?: number;
}

/** The group of all vital findings (see `groupOf`). */
export const vitalsGroup = '@vitals';

/** Probability of an age or sex a disease's demographics do not cover. */
const outsideDemographics = 0.01;

/**
 * The built-in doctors' knowledge: diseases with priors, the finding vocabulary, and the
 * likelihood table P(finding | disease). Built from the scenario library, or partially by hand.
 */
export class KnowledgeBase {
  readonly findingIndex = new Map<string, number>();
  readonly diseaseIndex = new Map<string, number>();
  /** log prior of each disease (normalised prevalence). */
  readonly logPrior: Float64Array;
  readonly likelihood: LikelihoodTable;
  /** Finding indices by catalogue test id. */
  readonly findingsByTest = new Map<string, number[]>();
  /** The catalogue ids of the tests that reveal some finding, and each finding's index into it (−1: none). */
  readonly testIds: string[];
  readonly testOf: Int32Array;
  /** Indices of the vital findings (measured for every patient at triage). */
  readonly vitalFindings: number[];
  /** Indices of the findings the patient can be asked about. */
  readonly askableFindings: number[];
  /** The departments the diseases belong to, and each disease's index into that list. */
  readonly departments: Department[];
  readonly departmentOf: Int32Array;
  private readonly demographicCache = new Map<string, Float64Array>();
  private readonly groupCache = new Map<string, Float64Array>();
  private groupCacheVersion = -1;

  constructor(
    readonly diseases: readonly DiseaseEntry[],
    readonly findings: readonly FindingEntry[],
    readonly catalogue: Catalogue,
    background: ArrayLike<number>,
  ) {
    diseases.forEach((disease, i) => this.diseaseIndex.set(disease.scenarioId, i));
    findings.forEach((finding, i) => {
      this.findingIndex.set(finding.id, i);
      if (finding.testId) {
        const list = this.findingsByTest.get(finding.testId) ?? [];
        list.push(i);
        this.findingsByTest.set(finding.testId, list);
      }
    });
    this.testIds = [...this.findingsByTest.keys()];
    this.testOf = Int32Array.from(findings, (finding) => (finding.testId === undefined ? -1 : this.testIds.indexOf(finding.testId)));
    this.vitalFindings = findings.filter((finding) => finding.kind === 'vital').map((finding) => finding.index);
    this.askableFindings = findings.filter((finding) => finding.askable).map((finding) => finding.index);
    this.departments = [...new Set(diseases.map((disease) => disease.department))].sort();
    this.departmentOf = Int32Array.from(diseases, (disease) => this.departments.indexOf(disease.department));
    this.likelihood = new LikelihoodTable(diseases.length, findings.length, background);
    this.logPrior = new Float64Array(diseases.length);
    const total = diseases.reduce((sum, disease) => sum + disease.prevalence, 0);
    diseases.forEach((disease, i) => (this.logPrior[i] = Math.log(disease.prevalence / total)));
  }

  static fromScenarios(scenarios: readonly LoadedScenario[], catalogue: Catalogue, options: KnowledgeBaseOptions = {}): KnowledgeBase {
    const findings = buildVocabulary(scenarios);
    const background = findings.map((finding) =>
      finding.kind === 'vital' ? (options.vitalBackground ?? 0.06) : (options.background ?? 0.03),
    );
    const kb = new KnowledgeBase(scenarios.map(diseaseOf), findings, catalogue, background);
    scenarios.forEach((scenario, d) => {
      for (const fact of scenario.facts)
        kb.likelihood.set(d, kb.findingIndex.get(fact.id) ?? -1, presentProbability(scenario, fact.id, fact.p));
    });
    return kb;
  }

  /**
   * The group whose findings are all observed at once when it is performed: a test's findings
   * (signs belong to `physical-exam`), or every vital (measured at triage).
   */
  groupOf(finding: number): string | undefined {
    const entry = this.findings[finding];
    return entry.testId ?? (entry.kind === 'vital' ? vitalsGroup : undefined);
  }

  /** Σ log P(absent | disease) over a group's findings: the evidence of a test that found nothing. */
  groupAbsentLog(group: string): Float64Array {
    if (this.groupCacheVersion !== this.likelihood.version) {
      this.groupCache.clear();
      this.groupCacheVersion = this.likelihood.version;
    }
    let sums = this.groupCache.get(group);
    if (!sums) {
      sums = new Float64Array(this.diseases.length);
      const members = group === vitalsGroup ? this.vitalFindings : (this.findingsByTest.get(group) ?? []);
      const { logAbsent } = this.likelihood;
      for (const f of members) {
        const base = f * this.diseases.length;
        for (let d = 0; d < sums.length; d++) sums[d] += logAbsent[base + d];
      }
      this.groupCache.set(group, sums);
    }
    return sums;
  }

  finding(id: string): FindingEntry | undefined {
    const index = this.findingIndex.get(id);
    return index === undefined ? undefined : this.findings[index];
  }

  /** `logDemographics` for every disease, memoised by age and sex. */
  demographicTerms(demographics: Demographics): Float64Array {
    const key = `${demographics.age}|${demographics.sex}`;
    let terms = this.demographicCache.get(key);
    if (!terms) {
      terms = Float64Array.from(this.diseases, (_, d) => this.logDemographics(d, demographics));
      this.demographicCache.set(key, terms);
    }
    return terms;
  }

  /** log P(age, sex | disease): uniform over the disease's age range, with a small rate outside it. */
  logDemographics(disease: number, demographics: Demographics): number {
    const entry = this.diseases[disease];
    const [low, high] = entry.age;
    const width = high - low + 1;
    const inRange = demographics.age >= low && demographics.age <= high;
    const ageTerm = (inRange ? 1 : outsideDemographics) / width;
    const sexTerm = entry.sex === 'any' ? 0.5 : entry.sex === demographics.sex ? 1 : outsideDemographics;
    return Math.log(ageTerm * sexTerm);
  }
}

function diseaseOf(scenario: LoadedScenario, index: number): DiseaseEntry {
  return {
    index,
    scenarioId: scenario.id,
    name: scenario.diagnosis.name,
    icd10: scenario.diagnosis.icd10,
    synonyms: scenario.diagnosis.synonyms,
    department: scenario.department,
    acuity: scenario.acuity,
    prevalence: scenario.prevalence,
    treatment: scenario.treatment,
    redFlags: scenario.redFlags,
    keyFindings: scenario.facts.filter((fact) => fact.key).map((fact) => fact.id),
    age: scenario.demographics.age,
    sex: scenario.demographics.sex,
  };
}

/**
 * How often a finding is present in a patient drawn from the scenario: the findings a chief
 * complaint names are always present, the others with their `p`.
 */
function presentProbability(scenario: LoadedScenario, id: string, p: number): number {
  const named = scenario.complaints.filter((complaint) => complaint.findings.includes(id)).length / scenario.complaints.length;
  return named + (1 - named) * p;
}

/** The union of every scenario's facts, one entry per id, in order of first appearance. */
function buildVocabulary(scenarios: readonly LoadedScenario[]): FindingEntry[] {
  const byId = new Map<string, { entry: FindingEntry; askLists: string[][] }>();
  for (const scenario of scenarios) {
    for (const fact of scenario.facts) {
      let known = byId.get(fact.id);
      if (!known) {
        known = {
          entry: {
            index: byId.size,
            id: fact.id,
            kind: fact.kind,
            sources: [],
            askable: false,
            testId: fact.testId,
            label: fact.label,
            ask: [],
            questionPhrases: [],
          },
          askLists: [],
        };
        byId.set(fact.id, known);
      }
      const { entry } = known;
      if (!entry.sources.includes(fact.source)) entry.sources.push(fact.source);
      entry.testId ??= fact.testId;
      if (fact.source === 'patient') {
        entry.askable = true;
        known.askLists.push([...fact.ask, fact.label]);
      }
    }
  }
  return [...byId.values()].map(({ entry, askLists }) => {
    const counts = new Map<string, number>();
    for (const list of askLists) for (const word of new Set(list.slice(0, -1))) counts.set(word, (counts.get(word) ?? 0) + 1);
    entry.ask = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word);
    entry.questionPhrases = questionPhrases(askLists);
    return entry;
  });
}
