import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { builtinRanker } from '../../agents/consistency.js';
import { exitCodes, InputError, NotFoundError } from '../../domain/errors.js';
import {
  agentClinicLicense,
  importAgentClinicFile,
  parseSourceSpec,
  type ImportedCase,
  type ImportResult,
} from '../../scenarios/agentclinic/index.js';
import { loadCatalogue } from '../../scenarios/catalogue.js';
import { generateCase } from '../../scenarios/generator.js';
import { leakReport, type LeakReport } from '../../scenarios/leaks.js';
import type { LoadedScenario } from '../../scenarios/loader.js';
import { loadScenarios } from '../scenario-sources.js';
import { validateScenarioFiles, type ValidationProblem } from '../../scenarios/validation.js';
import { collect, integerOption } from '../options.js';
import { registerScenariosMatch } from './scenarios-match.js';

const print = (value: unknown): void => {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
};

export function registerScenariosCommand(program: Command): void {
  const scenarios = program.command('scenarios').description('list, show, validate, sample and match scenarios');

  scenarios
    .command('list')
    .description('list the scenarios (default: the built-in library)')
    .option('--scenarios <path>', 'scenario file or folder, or agentclinic:<file.jsonl> (repeatable)', collect)
    .option('--json', 'print JSON')
    .action((flags: { scenarios?: string[]; json?: boolean }) => {
      const set = loadScenarios(flags.scenarios ?? []);
      const rows = set.scenarios.map((s) => ({
        id: s.id,
        title: s.title,
        department: s.department,
        acuity: s.acuity,
        icd10: s.diagnosis.icd10,
        findings: s.facts.length,
      }));
      const departments = [...new Set(rows.map((row) => row.department))].sort();
      if (flags.json) {
        print({ count: rows.length, departments, hash: set.hash, scenarios: rows });
        return;
      }
      const width = Math.max(...rows.map((row) => row.id.length));
      for (const row of rows)
        process.stdout.write(`${row.id.padEnd(width)}  ${row.department.padEnd(22)} ${row.icd10.padEnd(7)} ${row.title}\n`);
      process.stdout.write(`${rows.length} scenarios over ${departments.length} departments\n`);
    });

  scenarios
    .command('show')
    .description('show one scenario in full')
    .argument('<id>', 'scenario id')
    .option('--scenarios <path>', 'scenario file or folder (repeatable)', collect)
    .option('--json', 'print JSON')
    .action((id: string, flags: { scenarios?: string[]; json?: boolean }) => {
      const set = loadScenarios(flags.scenarios ?? []);
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
        ...(scenario.freeText && scenario.freeText.history.length > 0
          ? ['History (free text, answered by the patient):', ...scenario.freeText.history.map((line) => `  ${line}`)]
          : []),
        ...(scenario.freeText && Object.keys(scenario.freeText.results).length > 0
          ? [
              'Results the catalogue lacks (answered by the examiner):',
              ...Object.entries(scenario.freeText.results).map(
                ([id, result]) => `  ${id.padEnd(32)} ${result.text.split('\n').join('; ')}`,
              ),
            ]
          : []),
        ...(scenario.source
          ? [
              `Source: ${scenario.source.dataset} ${scenario.source.variant}, ${scenario.source.file} line ${scenario.source.line}${scenario.source.license ? ` (${scenario.source.license})` : ''}`,
            ]
          : []),
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
    .description(
      'check scenario files: schema, references, leaks of the diagnosis, ambiguity (default: the built-in library); agentclinic:<file.jsonl> checks an import file (bad lines and leaks)',
    )
    .argument('[paths...]', 'scenario files or folders, or agentclinic:<file.jsonl>')
    .option('--json', 'print JSON')
    .action((paths: string[], flags: { json?: boolean }) => {
      const imports = paths.filter(isImportSpec);
      const files = paths.filter((path) => !isImportSpec(path));
      const result =
        files.length > 0 || imports.length === 0
          ? validateScenarioFiles(files, builtinRanker)
          : { files: 0, scenarios: [], problems: [], leaks: [] };
      const problems: ValidationProblem[] = [...result.problems];
      let count = result.scenarios.length;
      let fileCount = result.files;
      for (const spec of imports) {
        const imported = importSpec(spec);
        fileCount++;
        count += imported.cases.length;
        for (const problem of imported.problems)
          problems.push({
            kind: 'error',
            where: `${problem.file}:${problem.line}`,
            message: `${problem.field}: expected ${problem.expected}`,
          });
        for (const item of imported.cases) {
          for (const leak of item.leaks)
            problems.push({
              kind: 'leak',
              where: `${imported.file}:${item.line} (${item.scenario.id})`,
              message: `${leak.field}: names the diagnosis ("${leak.term}") in visible text: "${clip(leak.text)}"`,
            });
        }
      }
      if (flags.json) {
        print({ files: fileCount, scenarios: count, problems });
      } else {
        for (const problem of problems)
          process.stderr.write(`${problem.where}: ${problem.kind === 'error' ? '' : `${problem.kind}: `}${problem.message}\n`);
        const counts = ['error', 'leak', 'ambiguous'].map(
          (kind) =>
            `${problems.filter((p) => p.kind === kind).length} ${kind === 'error' ? 'errors' : kind === 'leak' ? 'leaks' : 'ambiguous'}`,
        );
        process.stdout.write(`${fileCount} files, ${count} valid scenarios: ${counts.join(', ')}\n`);
      }
      if (problems.length > 0) process.exitCode = exitCodes.badInput;
    });

  scenarios
    .command('leaks')
    .description(
      'report the cases whose patient- or examiner-visible text names the diagnosis (name, synonym or ICD-10 code), with the field where it leaks; exits 2 when any leak',
    )
    .argument('<sources...>', 'scenario files or folders, or agentclinic:<file.jsonl>')
    .option('--json', 'print JSON')
    .action((sources: string[], flags: { json?: boolean }) => {
      const scenarios: LoadedScenario[] = [];
      const problems: string[] = [];
      for (const source of sources) {
        if (isImportSpec(source)) {
          const imported = importSpec(source);
          scenarios.push(...imported.cases.map((item) => item.scenario));
          problems.push(...imported.problems.map((problem) => problem.message));
        } else {
          const result = validateScenarioFiles([source]);
          scenarios.push(...result.scenarios);
          problems.push(...result.problems.filter((p) => p.kind === 'error').map((p) => `${p.where}: ${p.message}`));
        }
      }
      const report = leakReport(scenarios);
      if (flags.json) print({ ...report, problems });
      else {
        for (const problem of problems) process.stderr.write(`hospital: ${problem} (skipped)\n`);
        process.stdout.write(formatLeakReport(report));
      }
      if (report.leaky > 0 || problems.length > 0) process.exitCode = exitCodes.badInput;
    });

  scenarios
    .command('import')
    .description(
      'import cases from another benchmark as scenario YAML files (one per case); bad lines are reported and skipped (exit 2), the good ones still written',
    )
    .argument('<format>', 'the format: agentclinic (AgentClinic OSCE or NEJM JSONL)')
    .argument('<file>', 'the file to import, e.g. agentclinic_medqa.jsonl')
    .option('-o, --out <dir>', 'folder to write the scenarios to (default: ./agentclinic-<variant>)')
    .option('--exclude-leaky', 'leave out cases whose visible text names the diagnosis')
    .option('--variant <name>', 'variant name in the scenario ids (default: from the file name, e.g. medqa)')
    .option('--json', 'print JSON')
    .action((format: string, file: string, flags: { out?: string; excludeLeaky?: boolean; variant?: string; json?: boolean }) => {
      if (format !== 'agentclinic')
        throw new InputError('format', 'format', `agentclinic (the only format the importer reads; got "${format}")`);
      const result = importAgentClinicFile(file, loadCatalogue(), { excludeLeaky: flags.excludeLeaky, variant: flags.variant });
      const out = resolve(flags.out ?? `agentclinic-${result.variant}`);
      const written = result.cases.length > 0 ? writeImported(result, out) : [];
      const leaky = result.cases.filter((item) => item.leaks.length > 0);
      if (flags.json) {
        print({
          file: result.file,
          variant: result.variant,
          out,
          lines: result.lines,
          imported: result.cases.length,
          written: result.cases.map((item, i) => caseSummary(item, written[i])),
          leaky: leaky.map((item) => item.scenario.id),
          excluded: result.excluded.map((item) => caseSummary(item)),
          problems: result.problems,
        });
      } else {
        for (const problem of result.problems) process.stderr.write(`hospital: ${problem.message} (line skipped)\n`);
        for (const item of leaky)
          for (const leak of item.leaks)
            process.stderr.write(`leak: ${item.scenario.id} (line ${item.line}): ${leak.field}: names the diagnosis ("${leak.term}")\n`);
        const where = relative(process.cwd(), out) || '.';
        const notes = [
          leaky.length > 0 ? `${leaky.length} leak the diagnosis (--exclude-leaky leaves them out)` : '',
          result.excluded.length > 0 ? `${result.excluded.length} left out for leaking the diagnosis` : '',
          result.problems.length > 0 ? `${result.problems.length} bad line(s) skipped` : '',
        ].filter(Boolean);
        process.stdout.write(
          `Imported ${result.cases.length} of ${result.lines} cases from ${file} into ${where}/${notes.length > 0 ? `; ${notes.join('; ')}` : ''}\n`,
        );
      }
      if (result.problems.length > 0) process.exitCode = exitCodes.badInput;
    });

  registerScenariosMatch(scenarios);

  scenarios
    .command('sample')
    .description('draw one patient from a scenario, as the generator would')
    .argument('<id>', 'scenario id')
    .option('--seed <s>', 'random seed', integerOption('--seed', { min: 0 }), 1)
    .option('--index <i>', 'patient slot', integerOption('--index', { min: 0 }), 0)
    .option('--scenarios <path>', 'scenario file or folder (repeatable)', collect)
    .option('--json', 'print JSON')
    .action((id: string, flags: { seed: number; index: number; scenarios?: string[]; json?: boolean }) => {
      const set = loadScenarios(flags.scenarios ?? []);
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

const isImportSpec = (source: string): boolean => source.startsWith('agentclinic:');

function importSpec(spec: string): ImportResult {
  const { file, excludeLeaky, variant } = parseSourceSpec(spec.slice('agentclinic:'.length));
  return importAgentClinicFile(file, loadCatalogue(), { excludeLeaky, variant });
}

const clip = (text: string, max = 120): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function caseSummary(item: ImportedCase, file?: string): Record<string, unknown> {
  const s = item.scenario;
  return {
    id: s.id,
    line: item.line,
    ...(file ? { file } : {}),
    diagnosis: s.diagnosis.name,
    icd10: s.diagnosis.icd10 || null,
    department: s.department,
    libraryMatch: item.libraryMatch ?? null,
    facts: s.facts.length,
    caseOnlyResults: Object.keys(s.freeText?.results ?? {}).length,
    leaks: item.leaks.map(({ field, term }) => ({ field, term })),
  };
}

/** Write each imported case as `<id>.yaml` (the scenario file format, loadable by the normal loader). */
function writeImported(result: ImportResult, out: string): string[] {
  mkdirSync(out, { recursive: true });
  return result.cases.map((item) => {
    const { file: _file, facts: _facts, ...scenario } = item.scenario;
    const header = [
      `# Imported from ${result.file.split('/').at(-1)} line ${item.line} by "hospital scenarios import agentclinic".`,
      `# Source: ${agentClinicLicense}.`,
      ...(item.leaks.length > 0
        ? [`# LEAK: visible text names the diagnosis in ${[...new Set(item.leaks.map((leak) => leak.field))].join(', ')}.`]
        : []),
    ];
    const path = join(out, `${scenario.id}.yaml`);
    writeFileSync(path, `${header.join('\n')}\n${stringify(scenario, { lineWidth: 0 })}`);
    return path;
  });
}

function formatLeakReport(report: LeakReport): string {
  const lines: string[] = [];
  for (const item of report.cases) {
    lines.push(`${item.id}  ${item.diagnosis}${item.source ? `  (${item.source})` : ''}`);
    for (const leak of item.leaks) lines.push(`  leak: ${leak.field}: names the diagnosis ("${leak.term}"): "${clip(leak.text)}"`);
    for (const hint of item.hints) lines.push(`  hint: ${hint.field}: "${hint.word}" from the diagnosis's name: "${clip(hint.text)}"`);
  }
  const places = report.cases.reduce((sum, item) => sum + item.leaks.length, 0);
  lines.push(
    `${report.leaky} of ${report.scenarios} scenarios leak the diagnosis (${places} places); ${report.hinted} more have hints only`,
  );
  return lines.join('\n') + '\n';
}
