import { describe, expect, it } from 'vitest';
import { matchDiagnosis, matchRules, truthOfScenario, verdicts, type MatchRule } from '../../scenarios/diagnosis-match/index.js';
import { loadScenarioFiles } from '../../scenarios/loader.js';
import { loadMatchCases } from '../helpers/match-cases.js';

const matchCases = loadMatchCases();
const library = loadScenarioFiles();
const byId = new Map(library.scenarios.map((scenario) => [scenario.id, scenario]));

describe('the diagnosis matcher against the library', () => {
  it('grades every case of the table as a careful clinician would, by the rule given', () => {
    expect(matchCases.length).toBeGreaterThanOrEqual(150);
    const failures = matchCases.flatMap((item) => {
      const scenario = byId.get(item.scenario);
      if (!scenario) return [`${item.scenario}: no such scenario`];
      const match = matchDiagnosis(item.given, truthOfScenario(scenario), item.icd10);
      return match.verdict === item.verdict && match.rule === item.rule
        ? []
        : [
            `${item.scenario} | "${item.given}"${item.icd10 ? ` + ${item.icd10}` : ''}: expected ${item.verdict}/${item.rule} (${item.why}), got ${match.verdict}/${match.rule}: ${match.reason}`,
          ];
    });
    expect(failures).toEqual([]);
    // The table exercises every verdict and every rule.
    expect(new Set(matchCases.map((item) => item.verdict))).toEqual(new Set(verdicts));
    const unused = (Object.keys(matchRules) as MatchRule[]).filter((rule) => !matchCases.some((item) => item.rule === rule));
    expect(unused).toEqual([]);
  });

  it('grades no scenario’s name correct for another scenario, unless the two declare their code shared', () => {
    const clashes: string[] = [];
    for (const scenario of library.scenarios) {
      const truth = truthOfScenario(scenario);
      for (const other of library.scenarios) {
        if (other === scenario || scenario.diagnosis.sharesCodeWith?.includes(other.id)) continue;
        const match = matchDiagnosis(other.diagnosis.name, truth);
        if (match.correct) clashes.push(`${other.id} "${other.diagnosis.name}" is ${match.rule} for ${scenario.id}: ${match.reason}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('gives a reason that quotes the answer, and names the form it matched', () => {
    const truth = truthOfScenario(byId.get('pulmonary-embolism')!);
    const match = matchDiagnosis('saddle pulmonary embolism', truth);
    expect(match).toMatchObject({ verdict: 'correct', rule: 'more-specific', matched: { kind: 'name', text: 'Pulmonary embolism' } });
    expect(match.reason).toContain('"saddle pulmonary embolism"');
  });
});
