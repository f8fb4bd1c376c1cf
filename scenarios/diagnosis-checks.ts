import { matchDiagnosis, normaliseIcd10, truthOfScenario } from './diagnosis-match/index.js';
import type { LoadedScenario } from './loader.js';

/** A problem with a scenario file, as `scenarios validate` reports it. */
export interface DiagnosisProblem {
  kind: 'error';
  where: string;
  message: string;
}

/**
 * ICD-10 codes are unique in a scenario set, unless every scenario sharing one names the others
 * in `diagnosis.sharesCodeWith` (then the matcher never lets that code upgrade a verdict). A
 * declared partner in the set must carry the same code.
 */
export function icd10Problems(scenarios: readonly LoadedScenario[]): DiagnosisProblem[] {
  const problems: DiagnosisProblem[] = [];
  const byCode = new Map<string, LoadedScenario[]>();
  for (const scenario of scenarios) {
    const code = normaliseIcd10(scenario.diagnosis.icd10);
    if (code) byCode.set(code, [...(byCode.get(code) ?? []), scenario]);
  }
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  for (const scenario of scenarios) {
    const code = normaliseIcd10(scenario.diagnosis.icd10);
    const declared = scenario.diagnosis.sharesCodeWith ?? [];
    for (const other of byCode.get(code ?? '') ?? []) {
      if (other === scenario || declared.includes(other.id)) continue;
      problems.push({
        kind: 'error',
        where: scenario.file,
        message: `diagnosis.icd10: a code unique in the set ("${code}" is also the code of ${other.file}); choose the right code or declare it in diagnosis.sharesCodeWith of both`,
      });
    }
    declared.forEach((id, index) => {
      const partner = byId.get(id);
      if (partner && normaliseIcd10(partner.diagnosis.icd10) !== code)
        problems.push({
          kind: 'error',
          where: scenario.file,
          message: `diagnosis.sharesCodeWith.${index}: a scenario with the same ICD-10 code ("${id}" in ${partner.file} has ${partner.diagnosis.icd10}, not ${scenario.diagnosis.icd10})`,
        });
    });
  }
  return problems;
}

/**
 * What the diagnosis matcher makes of a scenario's own names: its name, synonyms and accepted
 * answers must be graded correct, its near misses wrong. A name that fails reads as the matcher
 * reads it (a broader synonym is only partial; "not otherwise specified" left unquoted in a YAML
 * list is a name of its own and names nothing).
 */
export function matcherProblems(scenarios: readonly LoadedScenario[]): DiagnosisProblem[] {
  const problems: DiagnosisProblem[] = [];
  for (const scenario of scenarios) {
    const truth = truthOfScenario(scenario);
    const own: [string, readonly string[]][] = [
      ['diagnosis.synonyms', scenario.diagnosis.synonyms],
      ['acceptable', scenario.acceptable],
    ];
    for (const [field, names] of own)
      names.forEach((name, index) => {
        const match = matchDiagnosis(name, truth);
        if (!match.correct)
          problems.push({
            kind: 'error',
            where: scenario.file,
            message: `${field}.${index}: a name the matcher grades correct ("${name}" is ${match.verdict}, ${match.rule}: ${match.reason})`,
          });
      });
    scenario.nearMisses.forEach((name, index) => {
      const match = matchDiagnosis(name, truth);
      if (match.verdict !== 'wrong')
        problems.push({
          kind: 'error',
          where: scenario.file,
          message: `nearMisses.${index}: a close but different disease ("${name}" is graded ${match.verdict}, ${match.rule}: ${match.reason})`,
        });
    });
  }
  return problems;
}
