import { describe, expect, it } from 'vitest';
import { generateCase, pickScenario } from '../../scenarios/generator.js';
import { loadScenarioFiles } from '../../scenarios/loader.js';

const set = loadScenarioFiles();

describe('patient generator', () => {
  it('gives the same patient for the same scenario, seed and index', () => {
    const scenario = set.scenarios[0];
    expect(generateCase(scenario, 7, 3)).toEqual(generateCase(scenario, 7, 3));
  });

  it('gives other patients for other seeds', () => {
    const draws = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const scenario = pickScenario(set.scenarios, seed, 0);
      draws.add(JSON.stringify(generateCase(scenario, seed, 0)));
    }
    expect(draws.size).toBe(20);
  });

  it('draws findings near their probabilities and always the complaint findings', () => {
    const scenario = set.scenarios.find((s) => s.id === 'community-acquired-pneumonia')!;
    let crackles = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const patient = generateCase(scenario, 1, i);
      for (const id of patient.complaint.factIds) expect(patient.facts.find((f) => f.id === id)?.present).toBe(true);
      if (patient.facts.find((f) => f.id === 'focal-crackles')?.present) crackles++;
      expect(patient.demographics.age).toBeGreaterThanOrEqual(scenario.demographics.age[0]);
      expect(patient.demographics.age).toBeLessThanOrEqual(scenario.demographics.age[1]);
    }
    expect(crackles / n).toBeGreaterThan(0.7);
    expect(crackles / n).toBeLessThan(0.8);
  });

  it('keeps the case id free of the scenario', () => {
    const scenario = set.scenarios[0];
    expect(generateCase(scenario, 5, 9).caseId).toBe('s5-p9');
  });
});
