import { Rng } from '../domain/random.js';
import type { LoadedScenario } from './loader.js';
import type { Fact, PatientCase } from '../domain/patient-case.js';
import { drawIncidentals, type IncidentalPool } from './incidental.js';
import type { Population } from './populations.js';

/** Stable case id for a patient slot; says nothing about the disease. */
export const caseIdOf = (seed: number, index: number): string => `s${seed}-p${index}`;

/**
 * Which scenario the patient in slot `index` of a batch with `seed` is drawn from: weighted by
 * prevalence (shifted by the population, if any). Its own random stream, so adding scenarios
 * elsewhere never reshuffles the draw of an unrelated slot's findings.
 */
export function pickScenario(scenarios: readonly LoadedScenario[], seed: number, index: number, population?: Population): LoadedScenario {
  // A set of imported fixed cases is walked in order, so N patients see N distinct cases.
  if (scenarios.every((scenario) => scenario.source !== undefined)) return scenarios[index % scenarios.length];
  const rng = Rng.derive('scenario', seed, index);
  const weights = scenarios.map((scenario) => scenario.prevalence * (population?.prevalence[scenario.id] ?? 1));
  return scenarios[rng.weighted(weights)];
}

/**
 * Draw one patient from a scenario: `(scenario, seed, index) → PatientCase`. With a pool of
 * incidental findings (the batch runner always passes the scenario set's), the patient also
 * carries a few findings unrelated to the disease.
 */
export function generateCase(
  scenario: LoadedScenario,
  seed: number,
  index: number,
  population?: Population,
  incidentals?: IncidentalPool,
): PatientCase {
  const rng = Rng.derive('case', seed, index, scenario.id);
  const [low, high] = scenario.demographics.age;
  const age = Math.min(high, Math.max(low, rng.int(low, high) + (population?.ageShift ?? 0)));
  const sex = scenario.demographics.sex === 'any' ? (rng.chance(0.5) ? 'female' : 'male') : scenario.demographics.sex;
  const complaint = rng.pick(scenario.complaints);
  const forced = new Set(complaint.findings);
  const background = population?.background ?? {};

  const facts: Fact[] = scenario.facts.map((fact) => {
    const p = Math.max(fact.p, background[fact.id] ?? 0);
    const present = forced.has(fact.id) || rng.chance(p);
    return {
      id: fact.id,
      kind: fact.kind,
      source: fact.source,
      testId: fact.testId,
      present,
      text: fact.text,
      says: fact.says,
      label: fact.label,
      ask: fact.ask,
      key: fact.key,
      hpo: fact.hpo,
    };
  });
  // Exposures common in the population are present whatever the disease (data shift).
  for (const [id, p] of Object.entries(background)) {
    if (facts.some((fact) => fact.id === id)) continue;
    const known = population?.backgroundFacts[id];
    if (!known || !rng.chance(p)) continue;
    facts.push({
      id,
      kind: known.kind,
      source: known.source,
      present: true,
      text: known.text,
      says: known.says,
      label: known.label,
      ask: known.ask,
      key: false,
    });
  }

  if (incidentals) {
    const own = new Set(facts.map((fact) => fact.id));
    facts.push(...drawIncidentals(incidentals, scenario, { age, sex }, own, Rng.derive('incidental', seed, index, scenario.id)));
  }

  const presentIds = new Set(facts.filter((fact) => fact.present).map((fact) => fact.id));
  return {
    caseId: caseIdOf(seed, index),
    scenarioId: scenario.id,
    seed,
    index,
    demographics: { age, sex },
    complaint: { text: complaint.text, factIds: complaint.findings },
    facts,
    course: scenario.course,
    ...(scenario.freeText ? { freeText: scenario.freeText } : {}),
    truth: {
      diagnosis: scenario.diagnosis.name,
      icd10: scenario.diagnosis.icd10,
      synonyms: scenario.diagnosis.synonyms,
      acceptable: scenario.acceptable,
      nearMisses: scenario.nearMisses,
      ...(scenario.diagnosis.sharesCodeWith?.length ? { sharesCodeWith: scenario.diagnosis.sharesCodeWith } : {}),
      department: scenario.department,
      acuity: scenario.acuity,
      redFlags: scenario.redFlags.filter((id) => presentIds.has(id)),
      treatment: scenario.treatment,
    },
  };
}
