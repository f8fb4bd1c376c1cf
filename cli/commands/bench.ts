import { runConfigFor } from '../../environment/run-config.js';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { ModelRuntime, RoleModels } from '../../agents/index.js';
import { formatModelSpec, parseModelSpec } from '../../agents/models/spec.js';
import { InputError } from '../../domain/errors.js';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { RunStore, type RunRecord } from '../../environment/records/run-store.js';
import { executeRun } from '../../environment/run-execution.js';
import {
  buildLeaderboard,
  renderLeaderboardCsv,
  renderLeaderboardMarkdown,
  renderLeaderboardText,
  type Leaderboard,
} from '../../evaluation/leaderboard.js';
import { loadScenarios } from '../scenario-sources.js';
import { addModelOptions, modelRuntimeFor, type ModelCliFlags } from '../model-flags.js';
import { collect, emit, facilityOption, integerOption } from '../options.js';
import { scoreJourney } from '../../evaluation/scorers.js';

interface BenchFlags extends ModelCliFlags {
  models: string;
  patients: number;
  seed: number;
  output?: string[];
  db: string;
  scenarios?: string[];
  maxTurns: number;
  concurrency: number;
  facility: 'village' | 'county' | 'tertiary';
  json?: boolean;
}

const writers: Record<string, (board: Leaderboard) => string> = {
  '.md': renderLeaderboardMarkdown,
  '.markdown': renderLeaderboardMarkdown,
  '.json': (board) => JSON.stringify(board, null, 2) + '\n',
  '.csv': renderLeaderboardCsv,
  '.txt': renderLeaderboardText,
};

/** The doctor models to run, canonical and unique, with `builtin` always among them (first). */
export function benchModels(list: string): string[] {
  const specs = list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => formatModelSpec(parseModelSpec(entry, '--models')));
  return [...new Set(['builtin', ...specs])];
}

export function registerBenchCommand(program: Command): void {
  const command = program
    .command('bench')
    .description(
      'benchmark doctor models on the same patients (patient and examiner built-in): leaderboard with intervals and the accuracy-versus-cost frontier',
    )
    .requiredOption(
      '--models <specs>',
      'comma-separated doctor models, e.g. ollama:qwen2.5:7b,openai:http://host:8000/v1#m (builtin is always a row)',
    )
    .option('--patients <n>', 'patients, the same for every model', integerOption('--patients', { min: 1 }), 30)
    .option('--seed <s>', 'random seed: which patients', integerOption('--seed', { min: 0 }), 1)
    .option('-o, --output <file>', 'write the leaderboard; format from the extension (.md, .json, .csv, .txt); repeat for several', collect)
    .option('--db <file>', 'records file for the runs (default: $HOSPITAL_DB or ./hospital.db)', defaultDbPath())
    .option(
      '--scenarios <path>',
      'scenario file or folder, or agentclinic:<file.jsonl> (repeatable; default: the built-in library)',
      collect,
    )
    .option(
      '--max-turns <t>',
      'consultation turns before the specialist must diagnose',
      integerOption('--max-turns', { min: 1, max: 200 }),
      20,
    )
    .option('--concurrency <c>', 'journeys in flight at once per model', integerOption('--concurrency', { min: 1, max: 1024 }), 8)
    .option('--facility <level>', 'tertiary, county or village', facilityOption, 'tertiary')
    .option('--json', 'print the leaderboard as JSON instead of a table');
  addModelOptions(command, { roles: false }).action(async (flags: BenchFlags) => {
    for (const file of flags.output ?? []) {
      if (!writers[extname(file).toLowerCase()]) throw new InputError(file, '-o', `a file ending in ${Object.keys(writers).join(', ')}`);
    }
    const models = benchModels(flags.models);
    const set = loadScenarios(flags.scenarios ?? []);
    const store = new RunStore(openDatabase(flags.db));
    try {
      // Check every model server first, so a missing model stops the bench before any run starts.
      const plans: { model: string; roles: RoleModels; runtime: ModelRuntime | undefined }[] = [];
      for (const model of models) {
        const roles: RoleModels = { triage: model, specialist: model, followUp: model, patient: 'builtin', examiner: 'builtin' };
        plans.push({ model, roles, runtime: await modelRuntimeFor(roles, flags, store.db, flags.seed) });
      }
      const entries: { model: string; run: RunRecord }[] = [];
      for (const { model, roles, runtime } of plans) {
        const config = runConfigFor(set, {
          name: `bench ${model}`,
          seed: flags.seed,
          patients: flags.patients,
          concurrency: flags.concurrency,
          maxTurns: flags.maxTurns,
          facility: flags.facility,
          models: roles,
          extra: { bench: true },
        });
        const run = store.createRun(config);
        process.stderr.write(`Running ${model} on ${flags.patients} patients (run ${run.id})…\n`);
        const outcome = await executeRun({ store, run, runtime, set, score: scoreJourney });
        process.stderr.write(`  ${outcome.progress.done} journeys, ${outcome.progress.failed} failed.\n`);
        entries.push({ model, run });
      }
      const board = buildLeaderboard(store, entries);
      for (const file of flags.output ?? []) emit(writers[extname(file).toLowerCase()](board), file);
      process.stdout.write(flags.json ? JSON.stringify(board, null, 2) + '\n' : renderLeaderboardText(board));
    } finally {
      store.db.close();
    }
  });
}
