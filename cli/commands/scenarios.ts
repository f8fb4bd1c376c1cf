import type { Command } from 'commander';
import { builtinRanker } from '../../agents/consistency.js';
import { exitCodes, NotFoundError } from '../../environment/errors.js';
import { generateCase } from '../../scenarios/generator.js';
import { loadScenarioSources } from '../../scenarios/sources.js';
import { validateScenarioFiles } from '../../scenarios/validation.js';
import { collect, integerOption } from '../options.js';

const print = (value: unknown): void => {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
};

export function registerScenariosCommand(program: Command): void {
  const scenarios = program.command('scenarios').description('list, show, validate and sample scenarios');

  scenarios
    .command('list')
    .description('list the scenarios (default: the built-in library)')
    .option('--scenarios <path>', 'scenario file or folder, or agentclinic:<file.jsonl> (repeatable)', collect)
    .option('--json', 'print JSON')
    .action((flags: { scenarios?: string[]; json?: boolean }) => {
      const set = loadScenarioSources(flags.scenarios ?? []);
      const rows = set.scenarios.map((s) => ({ id: s.id, title: s.title, department: s.department, acuity: s.acuity, icd10: s.diagnosis.icd10, findings: s.facts.length }));
      const departments = [...new Set(rows.map((row) => row.department))].sort();
      if (flags.json) {
        print({ count: rows.length, departments, hash: set.hash, scenarios: rows });
        return;
      }
      const width = Math.max(...rows.map((row) => row.id.length));
      for (const row of rows) process.stdout.write(`${row.id.padEnd(width)}  ${row.department.padEnd(22)} ${row.icd10.padEnd(7)} ${row.title}\n`);
      process.stdout.write(`${rows.length} scenarios over ${departments.length} departments\n`);
    });

  scenarios
    .command('show')
    .description('show one scenario in full')
    .argument('<id>', 'scenario id')
    .option('--scenarios <path>', 'scenario file or folder (repeatable)', collect)
    .option('--json', 'print JSON')
    .action((id: string, flags: { scenarios?: string[]; json?: boolean }) => {
      const set = loadScenarioSources(flags.scenarios ?? []);
      const scenario = set.scenarios.find((s) => s.id === id);
      if (!scenario) throw new NotFoundError(`no scenario "${id}" (see "hospital scenarios list")`);
      if (flags.json) {
        print(scenario);
        return;
      }
      const lines = [
        `${scenario.title} (${scenario.id}) — ${scenario.department}, acuity ${scenario.acuity}`,
        `Diagnosis: ${scenario.diagnosis.name} [${scenario.diagnosis.icd10}]${scenario.diagnosis.synonyms.length ? `; also ${scenario.diagnosis.synonyms.join(', ')}` : ''}`,
        `Ages ${scenario.demographics.age[0]}–${scenario.demographics.age[1]}, sex ${scenario.demographics.sex}; file ${scenario.file}`,
        'Complaints:',
        ...scenario.complaints.map((c) => `  "${c.text}"`),
        'Findings:',
        ...scenario.facts.map((f) => `  ${(f.p * 100).toFixed(0).padStart(3)} %  ${f.key ? '★' : ' '} ${f.id.padEnd(32)} ${f.text}`),
        `Red flags: ${scenario.redFlags.join(', ') || 'none'}`,
        `Treatment: ${scenario.treatment}`,
        `Course (${scenario.course.followUpDays} days): treated — ${scenario.course.treated} Untreated — ${scenario.course.untreated}`,
        'References:',
        ...scenario.references.map((r) => `  ${r}`),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });

  scenarios
    .command('validate')
    .description('check scenario files: schema, references, leaks of the diagnosis, ambiguity (default: the built-in library)')
    .argument('[paths...]', 'scenario files or folders')
    .option('--json', 'print JSON')
    .action((paths: string[], flags: { json?: boolean }) => {
      const result = validateScenarioFiles(paths, builtinRanker);
      if (flags.json) {
        print({ files: result.files, scenarios: result.scenarios.length, problems: result.problems });
      } else {
        for (const problem of result.problems) process.stderr.write(`${problem.where}: ${problem.kind === 'error' ? '' : `${problem.kind}: `}${problem.message}\n`);
        const counts = ['error', 'leak', 'ambiguous'].map((kind) => `${result.problems.filter((p) => p.kind === kind).length} ${kind === 'error' ? 'errors' : kind === 'leak' ? 'leaks' : 'ambiguous'}`);
        process.stdout.write(`${result.files} files, ${result.scenarios.length} valid scenarios: ${counts.join(', ')}\n`);
      }
      if (result.problems.length > 0) process.exitCode = exitCodes.badInput;
    });

  scenarios
    .command('sample')
    .description('draw one patient from a scenario, as the generator would')
    .argument('<id>', 'scenario id')
    .option('--seed <s>', 'random seed', integerOption('--seed', { min: 0 }), 1)
    .option('--index <i>', 'patient slot', integerOption('--index', { min: 0 }), 0)
    .option('--scenarios <path>', 'scenario file or folder (repeatable)', collect)
    .option('--json', 'print JSON')
    .action((id: string, flags: { seed: number; index: number; scenarios?: string[]; json?: boolean }) => {
      const set = loadScenarioSources(flags.scenarios ?? []);
      const scenario = set.scenarios.find((s) => s.id === id);
      if (!scenario) throw new NotFoundError(`no scenario "${id}" (see "hospital scenarios list")`);
      const patient = generateCase(scenario, flags.seed, flags.index);
      if (flags.json) {
        print(patient);
        return;
      }
      const lines = [
        `Case ${patient.caseId} from ${scenario.id}: ${patient.demographics.age}-year-old ${patient.demographics.sex}`,
        `Complaint: "${patient.complaint.text}"`,
        ...patient.facts.map((f) => `  ${f.present ? '+' : '-'} ${f.id.padEnd(32)} ${f.present ? f.text : `no ${f.label}`}`),
        `Truth: ${patient.truth.diagnosis} [${patient.truth.icd10}]`,
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
}
