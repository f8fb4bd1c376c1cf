import { diagnosisTermMatcher } from './leaks.js';
import type { LoadedScenario, ScenarioFact } from './loaded-scenario.js';
import type { Fact } from '../domain/patient-case.js';
import type { Rng } from '../domain/random.js';

/**
 * Incidental findings: real patients carry things that have nothing to do with why they came
 * (a smoker's cough, a raised CRP from a cold, an old knee complaint). Each patient gets every
 * finding of the library that is not part of their own disease with a small probability, drawn
 * from the scenarios whose age and sex fit the patient. Without them every present finding would
 * point at the true disease, and a reasoner that knows the scenarios would find it trivially.
 */
export const incidentalFindingRate = 0.004;

interface PoolEntry {
  fact: ScenarioFact;
  age: [number, number];
  sex: 'any' | 'female' | 'male';
}

export interface IncidentalPool {
  rate: number;
  entries: PoolEntry[];
}

/** Vitals are left out (they contradict each other); each fact id once, from the first scenario by id. */
export function buildIncidentalPool(scenarios: readonly LoadedScenario[], rate = incidentalFindingRate): IncidentalPool {
  const seen = new Set<string>();
  const entries: PoolEntry[] = [];
  for (const scenario of [...scenarios].sort((a, b) => a.id.localeCompare(b.id))) {
    // Imported cases are fixed records: they neither get nor give incidental findings.
    if (scenario.source) continue;
    for (const fact of scenario.facts) {
      if (fact.kind === 'vital' || seen.has(fact.id)) continue;
      seen.add(fact.id);
      entries.push({ fact, age: scenario.demographics.age, sex: scenario.demographics.sex });
    }
  }
  return { rate, entries };
}

const matchers = new WeakMap<LoadedScenario, (text: string) => string | undefined>();

/** Draw the incidental findings of one patient; none of them may name the patient's own diagnosis. */
export function drawIncidentals(
  pool: IncidentalPool,
  scenario: LoadedScenario,
  patient: { age: number; sex: 'female' | 'male' },
  own: ReadonlySet<string>,
  rng: Rng,
): Fact[] {
  let leaks = matchers.get(scenario);
  if (!leaks) {
    leaks = diagnosisTermMatcher([scenario.diagnosis.name, ...scenario.diagnosis.synonyms, scenario.diagnosis.icd10]);
    matchers.set(scenario, leaks);
  }
  const drawn: Fact[] = [];
  if (scenario.source) return drawn;
  for (const { fact, age, sex } of pool.entries) {
    // Draw first, so the stream does not depend on which entries fit this patient.
    const hit = rng.chance(pool.rate);
    if (!hit || own.has(fact.id)) continue;
    if (patient.age < age[0] || patient.age > age[1] || (sex !== 'any' && sex !== patient.sex)) continue;
    if (leaks(`${fact.label} ${fact.text} ${fact.says ?? ''}`)) continue;
    drawn.push({
      id: fact.id,
      kind: fact.kind,
      source: fact.source,
      testId: fact.testId,
      present: true,
      text: fact.text,
      says: fact.says,
      label: fact.label,
      ask: fact.ask,
      key: false,
      hpo: fact.hpo,
    });
  }
  return drawn;
}
