import type { Command } from 'commander';
import { InputError, NotFoundError } from '../../domain/errors.js';
import { matchDiagnosis, matchRules, normaliseIcd10, truthOfScenario } from '../../scenarios/diagnosis-match/index.js';
import { loadScenarioSources } from '../../scenarios/sources.js';
import { collect } from '../options.js';

/** `hospital scenarios match <id> "<diagnosis>"`: the matcher's verdict and the rule that decided it. */
export function registerScenariosMatch(scenarios: Command): void {
  scenarios
    .command('match')
    .description('grade a diagnosis against a scenario as the evaluation does: correct, partial or wrong, and the rule that decided')
    .argument('<id>', 'scenario id')
    .argument('<diagnosis>', 'the diagnosis to grade, in quotes')
    .option('--icd10 <code>', 'an ICD-10 code given with the diagnosis')
    .option('--scenarios <path>', 'scenario file or folder, or agentclinic:<file.jsonl> (repeatable)', collect)
    .option('--json', 'print JSON')
    .action((id: string, diagnosis: string, flags: { icd10?: string; scenarios?: string[]; json?: boolean }) => {
      if (flags.icd10 !== undefined && !normaliseIcd10(flags.icd10))
        throw new InputError('--icd10', 'value', `an ICD-10 code like "J18.9" (got "${flags.icd10}")`);
      const scenario = loadScenarioSources(flags.scenarios ?? []).scenarios.find((s) => s.id === id);
      if (!scenario) throw new NotFoundError(`no scenario "${id}" (see "hospital scenarios list")`);
      const match = matchDiagnosis(diagnosis, truthOfScenario(scenario), flags.icd10);
      if (flags.json) {
        const result = {
          scenario: scenario.id,
          department: scenario.department,
          reference: { name: scenario.diagnosis.name, icd10: scenario.diagnosis.icd10 },
          given: diagnosis,
          icd10: flags.icd10 ? normaliseIcd10(flags.icd10) : null,
          verdict: match.verdict,
          rule: match.rule,
          means: matchRules[match.rule].means,
          reason: match.reason,
          matched: match.matched ?? null,
        };
        process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        return;
      }
      const lines = [
        `${match.verdict} (${match.rule}): ${match.reason}`,
        `  rule: ${matchRules[match.rule].means}`,
        `  reference: ${scenario.diagnosis.name} [${scenario.diagnosis.icd10}], ${scenario.department}`,
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
}
